// SPDX-License-Identifier: Apache-2.0
// What a serial LED board receives for a call: framing, CP932 text, and what ASCII boards get instead.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct LEDBoardFrameTests {
    static let call = LEDBoardFrame.Call(
        number: "A-023", counter: "3", counterName: "３番窓口", service: "moving", serviceName: "引越し")
    static let stx: [UInt8] = [0x02]
    static let etxCRLF: [UInt8] = [0x03, 0x0D, 0x0A]

    @Test func asciiFramingWrapsNumberAndCounterInTheConfiguredBytes() throws {
        let frame = try LEDBoardFrame(
            encoding: .ascii, prefix: "\u{02}", template: "{number} {counter}", suffix: "\u{03}\r\n")
        let output = frame.render(Self.call)
        #expect(output.bytes == Self.stx + Array("A-023 3".utf8) + Self.etxCRLF)
        #expect(output.notices.isEmpty)
    }

    @Test(arguments: [
        ("{number}", "A-023"), ("{counter}", "3"), ("{service}", "moving"),
        ("[{number}>{counter}:{service}]", "[A-023>3:moving]"),
    ])
    func eachASCIIPlaceholderShowsItsValue(template: String, shown: String) throws {
        let frame = try LEDBoardFrame(encoding: .ascii, prefix: "", template: template, suffix: "")
        #expect(frame.render(Self.call).bytes == Array(shown.utf8))
    }

    @Test func cp932ShowsTheCounterNameInShiftJIS() throws {
        let frame = try LEDBoardFrame(
            encoding: .cp932, prefix: "\u{02}", template: "{number}番 {counterName}へ", suffix: "\u{03}\r\n")
        let output = frame.render(Self.call)
        // Bytes from iconv -t CP932: 番 94 D4, ３番窓口 82 52 94 D4 91 8B 8C FB, へ 82 D6.
        let expected: [UInt8] =
            Self.stx + Array("A-023".utf8) + [0x94, 0xD4, 0x20] + [0x82, 0x52, 0x94, 0xD4, 0x91, 0x8B, 0x8C, 0xFB]
            + [0x82, 0xD6] + Self.etxCRLF
        #expect(output.bytes == expected)
        #expect(output.notices.isEmpty)
    }

    @Test func cp932ServiceNameAndNormalisedKana() throws {
        let frame = try LEDBoardFrame(encoding: .cp932, prefix: "", template: "{serviceName}:{counterName}", suffix: "")
        var call = Self.call
        call.counterName = "ｶﾞ〜"  // half-width ガ and WAVE DASH, as pasted from old systems
        // 引越し 88 F8 89 7A 82 B5; ガ 83 4B; ～ 81 60.
        #expect(frame.render(call).bytes == [0x88, 0xF8, 0x89, 0x7A, 0x82, 0xB5, 0x3A, 0x83, 0x4B, 0x81, 0x60])
    }

    @Test func cp932ShowsAMissingKanjiAsGetaAndSaysSo() throws {
        let frame = try LEDBoardFrame(encoding: .cp932, prefix: "", template: "{counterName}", suffix: "")
        var call = Self.call
        call.counterName = "髙窓口"  // 髙 is an IBM extension, outside JIS X 0208
        let output = frame.render(call)
        #expect(output.bytes == [0x81, 0xAC, 0x91, 0x8B, 0x8C, 0xFB])
        #expect(output.notices == ["1 character(s) of {counterName} are not in JIS X 0208 and are shown as 〓"])
    }

    @Test func asciiTurnsFullWidthDigitsIntoASCII() throws {
        let frame = try LEDBoardFrame(encoding: .ascii, prefix: "", template: "{number}>{counterName}", suffix: "")
        var call = Self.call
        call.number = "Ａ－０２３"
        call.counterName = "３"
        let output = frame.render(call)
        #expect(output.bytes == Array("A-023>3".utf8))
        #expect(output.notices.isEmpty)
    }

    @Test func asciiShowsTheCounterIdForAJapaneseCounterName() throws {
        let frame = try LEDBoardFrame(
            encoding: .ascii, prefix: "\u{02}", template: "{number} {counterName}", suffix: "\u{03}")
        let output = frame.render(Self.call)
        #expect(output.bytes == [0x02] + Array("A-023 3".utf8) + [0x03])
        #expect(output.notices == [#"{counterName} is not ASCII; the board shows {counter} "3" instead"#])
    }

    @Test func asciiFallsBackToTheNumberAloneWhenNothingElseFits() throws {
        let frame = try LEDBoardFrame(encoding: .ascii, prefix: "<", template: "{number} -> {counterName}", suffix: ">")
        var call = Self.call
        call.counter = "三"
        let output = frame.render(call)
        #expect(output.bytes == Array("<A-023>".utf8))
        #expect(
            output.notices == ["{counterName} cannot be shown in ASCII, so the board shows the ticket number alone"])
    }

    @Test func aControlCharacterInAValueCannotEndTheFrameEarly() throws {
        let frame = try LEDBoardFrame(encoding: .ascii, prefix: "\u{02}", template: "{counterName}", suffix: "\u{03}")
        var call = Self.call
        call.counterName = "3\u{03}X"
        #expect(frame.render(call).bytes == [0x02, 0x33, 0x20, 0x58, 0x03])
    }

    @Test(arguments: [
        (
            LEDBoardFrame.Encoding.ascii, "", "{number} {window}", "", "template",
            "unknown placeholder {window} at character 10 (known: {number} {counter} {counterName} {service} {serviceName})"
        ),
        (.ascii, "", "{number", "", "template", #""{" at character 1 is not closed by "}""#),
        (
            .ascii, "", "number}", "", "template",
            #""}" at character 7 closes no placeholder (known: {number} {counter} {counterName} {service} {serviceName})"#
        ),
        (
            .ascii, "【", "{number}", "", "prefix",
            #"character 1 (U+3010 "【") is not ASCII; use "encoding": "cp932" for a board that shows Japanese"#
        ),
        (
            .ascii, "", "{number}番", "", "template",
            #"character 1 (U+756A "番") is not ASCII; use "encoding": "cp932" for a board that shows Japanese"#
        ),
        (.cp932, "", "{number}", "\r\n😀", "suffix", #"character 3 (U+1F600 "😀") has no CP932 code in JIS X 0208"#),
    ])
    func unusableSettingsNameTheirField(
        encoding: LEDBoardFrame.Encoding, prefix: String, template: String, suffix: String, field: String,
        message: String
    ) {
        #expect(throws: LEDBoardFrame.FramingError(field: field, message: message)) {
            try LEDBoardFrame(encoding: encoding, prefix: prefix, template: template, suffix: suffix)
        }
    }

    @Test func prefixAndSuffixAreSentExactlyEvenInCP932() throws {
        // A backslash and a tilde stay 5C and 7E (ASCII's meaning, as LED board manuals use them).
        let frame = try LEDBoardFrame(encoding: .cp932, prefix: "\\", template: "{counter}", suffix: "~\u{1B}")
        #expect(frame.render(Self.call).bytes == [0x5C, 0x33, 0x7E, 0x1B])
        #expect(frame.placeholders == [.counter])
    }
}
