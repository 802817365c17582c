// SPDX-License-Identifier: Apache-2.0
// Fitting a value into its box: shrink first, then wrap, and refuse rather than overflow.
import MadoCore
import MadoTestThreads
import Testing

/// Every character is one em wide (like kanji), Latin letters half; lines are 1.2 em apart.
struct MonospaceMeasurer: TextMeasuring {
    func width(of text: String, fontSize: Double, typeface: FormTypeface) -> Double {
        text.reduce(0) { $0 + ($1.isASCII ? 0.5 : 1) * fontSize }
    }
    func lineHeight(fontSize: Double, typeface: FormTypeface) -> Double { fontSize * 1.2 }
}

/// The same widths, but also telling where each character ends, as the PDF renderer's measurer does.
/// `lineExtra` makes a line measured alone that much wider than its share of the paragraph (as shaping
/// a line by itself can), which the wrapping must notice.
struct OffsetMeasurer: TextMeasuring {
    let monospace = MonospaceMeasurer()
    var lineExtra = 0.0
    func width(of text: String, fontSize: Double, typeface: FormTypeface) -> Double {
        monospace.width(of: text, fontSize: fontSize, typeface: typeface) + (text.isEmpty ? 0 : lineExtra)
    }
    func lineHeight(fontSize: Double, typeface: FormTypeface) -> Double {
        monospace.lineHeight(fontSize: fontSize, typeface: typeface)
    }
    func boundaryOffsets(of text: String, fontSize: Double, typeface: FormTypeface) -> [Double]? {
        var offsets = [0.0]
        for character in text {
            offsets.append(
                offsets.last! + monospace.width(of: String(character), fontSize: fontSize, typeface: typeface))
        }
        return offsets
    }
}

@Suite(.ownThread) struct FormTemplateFieldFitTests {
    let measurer = MonospaceMeasurer()

    func fit(_ text: String, width: Double, height: Double, size: Double = 12, minSize: Double = 7) -> FittedText? {
        FieldFit.fit(
            text, width: width, height: height, size: size, minSize: minSize, typeface: .mincho, measurer: measurer)
    }

    @Test func aShortNameKeepsItsSize() {
        let fitted = fit("山田 太郎", width: 100, height: 20)
        #expect(fitted?.fontSize == 12 && fitted?.lines == ["山田 太郎"])
    }

    @Test func aLongNameShrinksInHalfPointSteps() throws {
        // 10 em at 12 pt is 120 pt; 100 pt fits 10 em at 10 pt.
        let fitted = try #require(fit("寿限無寿限無五劫の擦り", width: 100, height: 20))
        #expect(fitted.fontSize == 9 && fitted.lines.count == 1)  // 11 em: 9.0 × 11 = 99 ≤ 100 < 9.5 × 11
    }

    @Test func aVeryLongNameWrapsAtTheSmallestSizeThatFits() throws {
        let name = String(repeating: "長", count: 24)
        let fitted = try #require(fit(name, width: 100, height: 30))
        // 24 em at 7 pt is 168 pt: too wide for one line. Wrapped, 12 pt gives 3 lines (43.2 pt) and
        // 8.5 pt still 3 (30.6 pt); 8 pt gives 2 lines of 12 em, 19.2 pt tall: the largest that fits.
        #expect(fitted.fontSize == 8)
        #expect(fitted.lines == [String(repeating: "長", count: 12), String(repeating: "長", count: 12)])
        #expect(fitted.height <= 30)
        for line in fitted.lines {
            #expect(measurer.width(of: line, fontSize: fitted.fontSize, typeface: .mincho) <= 100)
        }
    }

    @Test func tooMuchTextIsRefused() {
        #expect(fit(String(repeating: "長", count: 200), width: 50, height: 10) == nil)
    }

    @Test func linesOfAnAddressStaySeparate() throws {
        let fitted = try #require(fit("東京都港区芝公園一丁目1番2号\n芝公園ハイツ101号室", width: 200, height: 40))
        #expect(fitted.lines == ["東京都港区芝公園一丁目1番2号", "芝公園ハイツ101号室"])
        #expect(fitted.fontSize == 12)
    }

    @Test func aLineNeverStartsWithPunctuation() throws {
        // Four characters per line at 10 pt in 40 pt: "あいうえ" / "、お" would start with 、.
        let fitted = try #require(fit("あいうえ、おかき", width: 40, height: 60, size: 10, minSize: 10))
        #expect(fitted.lines == ["あいう", "え、おか", "き"])
    }

    @Test func latinWordsBreakAtSpaces() throws {
        let fitted = try #require(fit("John Smith Williams", width: 60, height: 60, size: 10, minSize: 10))
        #expect(fitted.lines == ["John Smith", "Williams"])
    }

    @Test func sizesStepByHalfPointsAndEndAtTheMinimum() {
        #expect(fit("国", width: 6.9, height: 50, size: 8, minSize: 6.8)?.fontSize == 6.8)
        #expect(fit("国", width: 7.5, height: 50, size: 8, minSize: 6)?.fontSize == 7.5)
    }

    static let wrapCases: [(text: String, width: Double, size: Double)] = [
        (String(repeating: "長", count: 24), 100, 12), ("あいうえ、おかき", 40, 10), ("John Smith Williams", 60, 10),
        ("東京都港区芝公園一丁目1番2号\n芝公園ハイツ101号室", 90, 12),
    ]

    /// Wrapping read off the paragraph's character offsets gives the lines measuring every prefix gives.
    @Test(arguments: wrapCases)
    func offsetsWrapLikePrefixes(text: String, width: Double, size: Double) {
        let byPrefixes = FieldFit.fit(
            text, width: width, height: 200, size: size, minSize: size, typeface: .mincho, measurer: measurer)
        let byOffsets = FieldFit.fit(
            text, width: width, height: 200, size: size, minSize: size, typeface: .mincho, measurer: OffsetMeasurer())
        #expect(byOffsets != nil)
        #expect(byOffsets == byPrefixes)
    }

    /// When a line shaped alone is wider than the paragraph's offsets said, it ends a character sooner:
    /// no drawn line is wider than its box.
    @Test(arguments: wrapCases)
    func aLineWiderAloneThanInItsParagraphIsShortened(text: String, width: Double, size: Double) throws {
        let measurer = OffsetMeasurer(lineExtra: 0.3)
        let fitted = try #require(
            FieldFit.fit(
                text, width: width, height: 200, size: size, minSize: size, typeface: .mincho, measurer: measurer))
        for line in fitted.lines {
            #expect(measurer.width(of: line, fontSize: size, typeface: .mincho) <= width, "\(line)")
        }
        #expect(fitted.lines.joined().filter { $0 != " " } == text.filter { $0 != " " && $0 != "\n" })
    }
}
