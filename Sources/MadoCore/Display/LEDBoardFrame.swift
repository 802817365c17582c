// SPDX-License-Identifier: Apache-2.0
// The bytes a serial LED board receives for one call: prefix, the filled-in template, suffix.
public import Foundation

/// How one serial LED board wants a call framed, checked once, then used for every call.
///
/// Boards differ only in the bytes around the text (STX … ETX CR LF is common), the text itself, and
/// whether they understand Shift_JIS. `prefix` and `suffix` are sent exactly as configured; the template's
/// own text and the call's values go through the encoding.
///
/// What a board cannot show is never dropped without a word; `render` says what it changed in
/// `Output.notices`:
/// - **ASCII**: each value goes through NFKC first (全角 ３ → 3, ＡＢ → AB). A `{counterName}` that is still
///   not ASCII (「3番窓口」) is replaced by the counter's id, a `{serviceName}` by the service's id. If the
///   text still holds a character outside ASCII, the board shows the ticket number alone (with `?` for any
///   character of the number that is not ASCII), because a number without its counter beats a garbled line.
/// - **CP932**: values pass through `CP932TextNormalizer` (〜 → ～, ｶﾞ → ガ); a character JIS X 0208 still
///   cannot hold (a rare kanji of a counter's name) is shown as 〓, the geta mark Japanese printing uses
///   for a missing glyph.
/// - In both, a control character in a value becomes a space: it would otherwise be read as framing.
public struct LEDBoardFrame: Sendable, Equatable {
    public enum Encoding: String, Sendable, CaseIterable {
        /// Bytes 00–7F only.
        case ascii
        /// Shift_JIS as Windows writes it, limited to JIS X 0208 (what LED boards' fonts hold); 5C is `\`.
        case cp932
    }

    /// The values a template may use, written `{number}`, `{counter}` and so on.
    public enum Placeholder: String, Sendable, CaseIterable {
        case number, counter, counterName, service, serviceName
    }

    /// One call as the queue announces it (`ticket.called`).
    public struct Call: Sendable, Equatable {
        /// "A-023".
        public var number: String
        /// The counter's id, "3".
        public var counter: String
        /// The counter's name, "3番窓口".
        public var counterName: String
        /// The service's id, "moving".
        public var service: String
        /// The service's name, "引越し".
        public var serviceName: String

        public init(number: String, counter: String, counterName: String, service: String, serviceName: String) {
            self.number = number
            self.counter = counter
            self.counterName = counterName
            self.service = service
            self.serviceName = serviceName
        }

        func value(of placeholder: Placeholder) -> String {
            switch placeholder {
            case .number: return number
            case .counter: return counter
            case .counterName: return counterName
            case .service: return service
            case .serviceName: return serviceName
            }
        }
    }

    /// The bytes for one call, and what had to be changed so the board could show it (empty when nothing).
    public struct Output: Sendable, Equatable {
        public let bytes: [UInt8]
        public let notices: [String]
    }

    /// A framing setting that cannot be used; `field` is "prefix", "template" or "suffix".
    public struct FramingError: Error, Sendable, Equatable, CustomStringConvertible {
        public let field: String
        public let message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }

        public var description: String { "\(field): \(message)" }
    }

    enum Segment: Sendable, Equatable {
        case literal([UInt8])
        case placeholder(Placeholder)
    }

    public let encoding: Encoding
    let prefixBytes: [UInt8]
    let segments: [Segment]
    let suffixBytes: [UInt8]

    /// The CP932 conversion LED boards get: JIS X 0208 only (their fonts rarely hold NEC's ① or IBM's 髙),
    /// and 5C/7E as ASCII's `\` and `~`, as on a PC.
    static let boardEncoder = CP932Encoder(repertoire: .jisX0208, singleByte: .ascii)
    static let geta: [UInt8] = [0x81, 0xAC]

    /// Checks the settings: every placeholder known, every `{` closed, and prefix, suffix and the template's
    /// own text representable in `encoding`.
    public init(encoding: Encoding, prefix: String, template: String, suffix: String) throws(FramingError) {
        self.encoding = encoding
        prefixBytes = try Self.exactBytes(prefix, encoding: encoding, field: "prefix")
        suffixBytes = try Self.exactBytes(suffix, encoding: encoding, field: "suffix")
        segments = try Self.parse(template, encoding: encoding)
    }

    /// The placeholders the template uses, in order.
    public var placeholders: [Placeholder] {
        segments.compactMap { if case .placeholder(let p) = $0 { p } else { nil } }
    }

    /// The bytes for `call`, with a notice for everything changed to fit the encoding.
    public func render(_ call: Call) -> Output {
        switch encoding {
        case .ascii: return renderASCII(call)
        case .cp932: return renderCP932(call)
        }
    }

    // MARK: - ASCII

    private func renderASCII(_ call: Call) -> Output {
        var notices: [String] = []
        var text: [UInt8] = []
        var unfit: [Placeholder] = []
        for segment in segments {
            switch segment {
            case .literal(let bytes): text += bytes
            case .placeholder(let placeholder):
                if let bytes = asciiValue(placeholder, of: call, notices: &notices) {
                    text += bytes
                } else {
                    unfit.append(placeholder)
                }
            }
        }
        if !unfit.isEmpty {
            let names = unfit.map { "{\($0.rawValue)}" }.joined(separator: ", ")
            notices.append("\(names) cannot be shown in ASCII, so the board shows the ticket number alone")
            text = asciiNumberAlone(call.number, notices: &notices)
        }
        return Output(bytes: prefixBytes + text + suffixBytes, notices: notices)
    }

    /// The value's ASCII bytes after NFKC, the id in place of a name that is not ASCII, or nil.
    private func asciiValue(_ placeholder: Placeholder, of call: Call, notices: inout [String]) -> [UInt8]? {
        if let bytes = Self.ascii(call.value(of: placeholder)) { return bytes }
        let standIn: Placeholder
        switch placeholder {
        case .counterName: standIn = .counter
        case .serviceName: standIn = .service
        default: return nil
        }
        guard let bytes = Self.ascii(call.value(of: standIn)) else { return nil }
        notices.append(
            "{\(placeholder.rawValue)} is not ASCII; the board shows {\(standIn.rawValue)} \"\(call.value(of: standIn))\" instead"
        )
        return bytes
    }

    private func asciiNumberAlone(_ number: String, notices: inout [String]) -> [UInt8] {
        if let bytes = Self.ascii(number) { return bytes }
        notices.append("the ticket number is not ASCII either; each character outside ASCII is shown as ?")
        return number.precomposedStringWithCompatibilityMapping.unicodeScalars.map { scalar in
            scalar.value < 0x80 ? Self.withoutControl(UInt8(scalar.value)) : UInt8(ascii: "?")
        }
    }

    /// NFKC, then bytes if every scalar is ASCII; control characters become spaces.
    static func ascii(_ value: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        for scalar in value.precomposedStringWithCompatibilityMapping.unicodeScalars {
            guard scalar.value < 0x80 else { return nil }
            bytes.append(withoutControl(UInt8(scalar.value)))
        }
        return bytes
    }

    static func withoutControl(_ byte: UInt8) -> UInt8 { byte < 0x20 || byte == 0x7F ? 0x20 : byte }

    // MARK: - CP932

    private func renderCP932(_ call: Call) -> Output {
        var notices: [String] = []
        var text: [UInt8] = []
        let normalizer = CP932TextNormalizer(encoder: Self.boardEncoder)
        for segment in segments {
            switch segment {
            case .literal(let bytes): text += bytes
            case .placeholder(let placeholder):
                var missing = 0
                for character in normalizer.normalize(call.value(of: placeholder)) {
                    if let bytes = Self.boardEncoder.encodeAll(String(character)) {
                        text += bytes.count == 1 ? [Self.withoutControl(bytes[0])] : bytes
                    } else {
                        text += Self.geta
                        missing += 1
                    }
                }
                if missing > 0 {
                    notices.append(
                        "\(missing) character(s) of {\(placeholder.rawValue)} are not in JIS X 0208 and are shown as 〓")
                }
            }
        }
        return Output(bytes: prefixBytes + text + suffixBytes, notices: notices)
    }

    // MARK: - Checking the settings

    /// Prefix and suffix go out exactly as written, so nothing is normalised.
    static func exactBytes(_ text: String, encoding: Encoding, field: String) throws(FramingError) -> [UInt8] {
        var bytes: [UInt8] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard let encoded = encode(scalar, encoding) else {
                throw FramingError(field: field, message: unencodable(scalar, at: offset + 1, encoding))
            }
            bytes += encoded
        }
        return bytes
    }

    static func parse(_ template: String, encoding: Encoding) throws(FramingError) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        let scalars = Array(template.unicodeScalars)
        var index = 0
        func flush() throws(FramingError) {
            guard !literal.isEmpty else { return }
            segments.append(.literal(try literalBytes(literal, encoding: encoding)))
            literal = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "}" {
                throw FramingError(
                    field: "template",
                    message: "\"}\" at character \(index + 1) closes no placeholder (known: \(knownPlaceholders))")
            }
            guard scalar == "{" else {
                literal.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            guard let close = scalars[index...].firstIndex(of: "}") else {
                throw FramingError(
                    field: "template", message: "\"{\" at character \(index + 1) is not closed by \"}\"")
            }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[(index + 1)..<close])
            guard let placeholder = Placeholder(rawValue: String(name)) else {
                throw FramingError(
                    field: "template",
                    message:
                        "unknown placeholder {\(String(name))} at character \(index + 1) (known: \(knownPlaceholders))"
                )
            }
            try flush()
            segments.append(.placeholder(placeholder))
            index = close + 1
        }
        try flush()
        return segments
    }

    /// The template's own text: normalised like the values in CP932 (it is text, not framing), exact in ASCII.
    static func literalBytes(_ text: String, encoding: Encoding) throws(FramingError) -> [UInt8] {
        switch encoding {
        case .ascii: return try exactBytes(text, encoding: .ascii, field: "template")
        case .cp932:
            let normalized = CP932TextNormalizer(encoder: boardEncoder).normalize(text)
            return try exactBytes(normalized, encoding: .cp932, field: "template")
        }
    }

    static let knownPlaceholders = Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: " ")

    static func encode(_ scalar: Unicode.Scalar, _ encoding: Encoding) -> [UInt8]? {
        switch encoding {
        case .ascii: return scalar.value < 0x80 ? [UInt8(scalar.value)] : nil
        case .cp932: return boardEncoder.bytes(for: scalar)
        }
    }

    static func unencodable(_ scalar: Unicode.Scalar, at position: Int, _ encoding: Encoding) -> String {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        switch encoding {
        case .ascii:
            return "character \(position) (\(code) \"\(scalar)\") is not ASCII; "
                + "use \"encoding\": \"cp932\" for a board that shows Japanese"
        case .cp932:
            return "character \(position) (\(code) \"\(scalar)\") has no CP932 code in JIS X 0208"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
