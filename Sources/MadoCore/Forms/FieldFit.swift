// SPDX-License-Identifier: Apache-2.0
// How a value's text is fitted into its field: shrink first, wrap next, and refuse rather than overflow.

/// The typefaces of a printed form: values in Mincho (the look of a hand-filled form), labels in Gothic.
public enum FormTypeface: Sendable, Equatable {
    /// Values written into fields.
    case mincho
    /// Printed labels, titles and the cover sheet.
    case gothic
}

/// Measures text the way the renderer will draw it. Sizes are points (1/72 inch).
public protocol TextMeasuring {
    /// The advance width of `text` (one line, no wrapping) at `fontSize` points.
    func width(of text: String, fontSize: Double, typeface: FormTypeface) -> Double
    /// The distance from one baseline to the next at `fontSize` points.
    func lineHeight(fontSize: Double, typeface: FormTypeface) -> Double
    /// Where each character boundary of `text`, laid out as one line, falls: `count + 1` offsets from
    /// 0 to the line's width. Lets wrapping find a line's end from one layout instead of measuring
    /// every prefix; nil (the default) when the measurer cannot tell.
    func boundaryOffsets(of text: String, fontSize: Double, typeface: FormTypeface) -> [Double]?
}

extension TextMeasuring {
    public func boundaryOffsets(of text: String, fontSize: Double, typeface: FormTypeface) -> [Double]? { nil }
}

/// The outcome of fitting: the size to draw at and the lines, each of which fits the box's width.
public struct FittedText: Sendable, Equatable {
    public let fontSize: Double
    public let lines: [String]
    public let lineHeight: Double

    public init(fontSize: Double, lines: [String], lineHeight: Double) {
        self.fontSize = fontSize
        self.lines = lines
        self.lineHeight = lineHeight
    }

    public var height: Double { lineHeight * Double(lines.count) }
}

public enum FieldFit {
    /// Points per millimetre.
    public static let pointsPerMillimetre = 72 / 25.4
    /// The step by which text shrinks.
    public static let sizeStep = 0.5

    /// The space between a field's edge and its text, in mm: a value touching the printed rule looks
    /// like a misprint. Small boxes get less.
    public static func horizontalInset(for box: FormRect) -> Double { min(1.0, box.width * 0.08) }

    /// Fits `text` (lines separated by `\n`, such as an address and its 方書) into a `width` × `height`
    /// pt area: the largest size from `size` down to `minSize` (0.5 pt steps) at which every line fits
    /// unwrapped; failing that, the largest at which the lines wrapped to the width fit the height.
    /// Nil when even `minSize` wrapped is too tall (the caller names the field in its error).
    public static func fit(
        _ text: String, width: Double, height: Double, size: Double, minSize: Double, typeface: FormTypeface,
        measurer: some TextMeasuring
    ) -> FittedText? {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let sizes = candidateSizes(from: size, to: minSize)
        for s in sizes {
            let lineHeight = measurer.lineHeight(fontSize: s, typeface: typeface)
            guard lineHeight * Double(paragraphs.count) <= height + 1e-6 else { continue }
            if paragraphs.allSatisfy({ measurer.width(of: $0, fontSize: s, typeface: typeface) <= width + 1e-6 }) {
                return FittedText(fontSize: s, lines: paragraphs, lineHeight: lineHeight)
            }
        }
        for s in sizes {
            let lineHeight = measurer.lineHeight(fontSize: s, typeface: typeface)
            var lines: [String] = []
            var fits = true
            for paragraph in paragraphs {
                guard let wrapped = wrap(paragraph, width: width, fontSize: s, typeface: typeface, measurer: measurer)
                else {
                    fits = false
                    break
                }
                lines += wrapped
            }
            if fits, lineHeight * Double(lines.count) <= height + 1e-6 {
                return FittedText(fontSize: s, lines: lines, lineHeight: lineHeight)
            }
        }
        return nil
    }

    /// `size`, `size − 0.5`, … down to `minSize` (which is always tried, even off the 0.5 grid).
    static func candidateSizes(from size: Double, to minSize: Double) -> [Double] {
        var sizes: [Double] = []
        var s = size
        while s > minSize + 1e-9 {
            sizes.append(s)
            s -= sizeStep
        }
        sizes.append(minSize)
        return sizes
    }

    /// Characters a Japanese line must not start with (句読点 and closing brackets: 行頭禁則).
    static let noLineStart: Set<Character> = [
        "、", "。", "，", "．", ",", ".", "）", ")", "」", "』", "】", "ー", "ッ", "ャ", "ュ", "ョ", "っ", "ゃ", "ゅ", "ょ",
    ]

    /// Breaks one paragraph into lines no wider than `width`: between any two characters (Japanese has
    /// no spaces), but not before a character a line must not start with, and preferring a space when
    /// the line holds Latin words. Nil when a single character is wider than the width.
    static func wrap(
        _ paragraph: String, width: Double, fontSize: Double, typeface: FormTypeface, measurer: some TextMeasuring
    ) -> [String]? {
        let characters = Array(paragraph)
        guard !characters.isEmpty else { return [""] }
        func fits(_ start: Int, _ end: Int) -> Bool {
            measurer.width(of: String(characters[start..<end]), fontSize: fontSize, typeface: typeface)
                <= width + 1e-6
        }
        let offsets = measurer.boundaryOffsets(of: paragraph, fontSize: fontSize, typeface: typeface)
            .flatMap { $0.count == characters.count + 1 ? $0 : nil }
        var lines: [String] = []
        var start = 0
        while start < characters.count {
            // The longest prefix that fits.
            var end = start
            if let offsets {
                // Read off the paragraph's layout, then checked by measuring the line itself (shaped
                // alone it can come out a hair wider), so what is drawn is what was measured.
                while end < characters.count, offsets[end + 1] - offsets[start] <= width + 1e-6 { end += 1 }
                while end > start, !fits(start, end) { end -= 1 }
            } else {
                while end < characters.count, fits(start, end + 1) { end += 1 }
            }
            if end == start { return nil }
            if end < characters.count {
                var breakAt = end
                while breakAt > start + 1, noLineStart.contains(characters[breakAt]) { breakAt -= 1 }
                // Within Latin text, break after the last space rather than inside a word.
                if characters[breakAt - 1].isASCII, characters[breakAt].isASCII, characters[breakAt] != " ",
                    let space = characters[start..<breakAt].lastIndex(of: " "), space > start
                {
                    breakAt = space + 1
                }
                end = breakAt
            }
            lines.append(String(characters[start..<end]).trimmingSpaces())
            start = end
            while start < characters.count, characters[start] == " " { start += 1 }
        }
        return lines
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
