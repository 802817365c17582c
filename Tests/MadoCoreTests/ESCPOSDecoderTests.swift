// SPDX-License-Identifier: Apache-2.0
// The decoder reads back what the encoder wrote, and survives whatever a capture holds.
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSDecoderTests {
    static let sampleTexts = [
        "A-023", "○○区役所 市民課", "お待ちの人数 5人", "待ち時間の目安 10～20分（参考値）", "①番窓口", "㈱", "¥500",
        "ﾃｽﾄ", "転入・転出", "ABC xyz", "№12",
    ]

    /// A random command list in the encoder's canonical form (what the decoder gives back exactly).
    static func randomCommands(_ random: inout SplitMix64) -> [ESCPOSCommand] {
        var commands: [ESCPOSCommand] = [.initialize, .internationalCharacterSet(8)]
        var kanjiMode = false
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            switch Int.random(in: 0..<14, using: &random) {
            case 0: commands.append(.justify(ESCPOSCommand.Justification.allCases.randomElement(using: &random)!))
            case 1:
                kanjiMode.toggle()
                commands.append(.kanjiMode(kanjiMode))
            case 2:
                commands.append(
                    .characterSize(
                        width: Int.random(in: 1...8, using: &random), height: Int.random(in: 1...8, using: &random)))
            case 3: commands.append(.emphasis(Bool.random(using: &random)))
            case 4, 5:
                let text = sampleTexts.randomElement(using: &random)!
                if kanjiMode
                    || text.unicodeScalars.allSatisfy({ $0.value < 0x80 || (0xFF61...0xFF9F).contains($0.value) })
                {
                    commands.append(.text(text))
                }
            case 6: commands.append(.lineFeed)
            case 7: commands.append(.feedLines(Int.random(in: 0...10, using: &random)))
            case 8:
                var bitmap = ESCPOSBitmap(
                    width: 8 * Int.random(in: 1...20, using: &random), height: Int.random(in: 1...40, using: &random))
                for _ in 0..<50 {
                    bitmap[
                        Int.random(in: 0..<bitmap.width, using: &random),
                        Int.random(in: 0..<bitmap.height, using: &random)] = true
                }
                commands.append(
                    .rasterImage(bitmap, scale: ESCPOSCommand.RasterScale.allCases.randomElement(using: &random)!))
            case 9:
                let length = Int.random(in: 1...120, using: &random)
                let data = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
                commands.append(
                    .qrCode(
                        ESCPOSQRCode(
                            data: data, moduleSize: Int.random(in: 1...16, using: &random),
                            errorCorrection: ESCPOSQRCode.ErrorCorrection.allCases.randomElement(using: &random)!)))
            case 10: commands.append(.processID(ESCPOSProcessID(sequence: Int.random(in: 0...9999, using: &random))))
            case 11:
                commands.append(
                    .cut(
                        Bool.random(using: &random) ? .full : .partial,
                        feed: Bool.random(using: &random) ? nil : Int.random(in: 0...255, using: &random)))
            case 12:
                commands.append(.statusRequest(ESCPOSCommand.StatusRequest.allCases.randomElement(using: &random)!))
            default: commands.append(.kanjiCodeSystem(.shiftJIS))
            }
        }
        return commands
    }

    /// Joins what the byte stream cannot keep apart: adjacent texts, and adjacent raster images of one
    /// width and scale (the decoder joins strips).
    static func canonical(_ commands: [ESCPOSCommand]) -> [ESCPOSCommand] {
        var result: [ESCPOSCommand] = []
        for command in commands {
            switch (result.last, command) {
            case (.text(let a)?, .text(let b)):
                result[result.count - 1] = .text(a + b)
            case (.rasterImage(let a, let scaleA)?, .rasterImage(let b, let scaleB))
            where a.width == b.width && scaleA == scaleB:
                result[result.count - 1] = .rasterImage(a.appending(b), scale: scaleA)
            default:
                result.append(command)
            }
        }
        return result
    }

    @Test func randomCommandListsSurviveEncodeAndDecode() throws {
        var random = SplitMix64(seed: 0x4D41_444F)
        let encoder = ESCPOSEncoder(maximumRasterStripHeight: 16)
        let decoder = ESCPOSDecoder()
        for round in 0..<300 {
            let commands = Self.randomCommands(&random)
            let bytes = try encoder.encode(commands)
            let decoded = decoder.decode(bytes)
            #expect(decoded.commands == Self.canonical(commands), "round \(round)")
            #expect(!decoded.isTruncated)
            #expect(decoded.unknownEntries.isEmpty, "round \(round)")
            let again = decoder.decode(try encoder.encode(decoded.commands))
            #expect(again.commands == decoded.commands, "round \(round): decoding is not stable")
        }
    }

    @Test func theReferenceTicketDecodesToItsCommands() {
        // The byte listing of shared/reference §3.4, with a shorter URL.
        let url = Array("https://q.example.jp/t/ABC".utf8)
        var bytes: [UInt8] = [
            0x10, 0x04, 0x04, 0x10, 0x04, 0x02, 0x1B, 0x40, 0x1C, 0x43, 0x01, 0x1B, 0x61, 0x01, 0x1C, 0x26,
        ]
        bytes += [
            0x81, 0x9B, 0x81, 0x9B, 0x8B, 0xE6, 0x96, 0xF0, 0x8F, 0x8A, 0x20, 0x8E, 0x73, 0x96, 0xAF, 0x89, 0xDB, 0x0A,
        ]
        bytes += [0x1D, 0x21, 0x77, 0x41, 0x2D, 0x30, 0x32, 0x33, 0x0A, 0x1D, 0x21, 0x00]
        bytes += [0x82, 0xA8, 0x91, 0xD2, 0x82, 0xBF, 0x82, 0xCC, 0x90, 0x6C, 0x90, 0x94, 0x20, 0x35, 0x90, 0x6C, 0x0A]
        bytes += [0x1C, 0x2E]
        bytes += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, 0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]
        bytes += [0x1D, 0x28, 0x6B, UInt8(url.count + 3), 0x00, 0x31, 0x50, 0x30] + url
        bytes += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30, 0x0A]
        bytes += [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x30, 0x30, 0x32, 0x33, 0x1D, 0x56, 0x42, 0x03]
        let decoded = ESCPOSDecoder(textDecoder: CP932Encoder(singleByte: .ascii)).decode(bytes)
        let qr = ESCPOSQRCode(data: url, moduleSize: 6, errorCorrection: .medium)
        let expected: [ESCPOSCommand] = [
            .statusRequest(.rollPaper), .statusRequest(.offlineCause), .initialize, .kanjiCodeSystem(.shiftJIS),
            .justify(.center), .kanjiMode(true), .text("○○区役所 市民課"), .lineFeed,
            .characterSize(width: 8, height: 8), .text("A-023"), .lineFeed, .characterSize(width: 1, height: 1),
            .text("お待ちの人数 5人"), .lineFeed, .kanjiMode(false),
            .qrCode(qr), .lineFeed, .processID(ESCPOSProcessID(sequence: 23)), .cut(.partial, feed: 3),
        ]
        #expect(decoded.commands == expected)
        #expect(decoded.texts == ["○○区役所 市民課", "A-023", "お待ちの人数 5人"])
    }

    @Test func unknownBytesKeepTheirOffsetAndTheStreamContinues() {
        // ESC t 1 (code page) and GS L 0 0 (left margin) are skipped whole, a stray BEL is kept.
        let bytes: [UInt8] = [0x1B, 0x74, 0x01, 0x41, 0x07, 0x42, 0x1D, 0x4C, 0x00, 0x00, 0x0A]
        let decoded = ESCPOSDecoder().decode(bytes)
        typealias Entry = ESCPOSDecoding.Entry
        let expected: [Entry] = [
            Entry(offset: 0, length: 3, command: .unknown([0x1B, 0x74, 0x01])),
            Entry(offset: 3, length: 1, command: .text("A")),
            Entry(offset: 4, length: 1, command: .unknown([0x07])),
            Entry(offset: 5, length: 1, command: .text("B")),
            Entry(offset: 6, length: 4, command: .unknown([0x1D, 0x4C, 0x00, 0x00])),
            Entry(offset: 10, length: 1, command: .lineFeed),
        ]
        #expect(decoded.entries == expected)
    }

    @Test func otherSoftwaresParameterFormsReadAsTheSameCommands() {
        let decoded = ESCPOSDecoder().decode([0x1B, 0x61, 0x31, 0x1C, 0x43, 0x31, 0x1D, 0x56, 0x30, 0x1D, 0x56, 0x31])
        #expect(
            decoded.commands == [
                .justify(.center), .kanjiCodeSystem(.shiftJIS), .cut(.full, feed: nil), .cut(.partial, feed: nil),
            ])
    }

    @Test func everyTruncationOfATicketIsReportedNotTrapped() throws {
        var random = SplitMix64(seed: 7)
        let bytes = try ESCPOSEncoder().encode(Self.randomCommands(&random) + [.kanjiMode(true), .text("市民課")])
        for end in 0...bytes.count {
            let decoded = ESCPOSDecoder().decode(Array(bytes[0..<end]))
            let covered = decoded.entries.last.map { $0.offset + $0.length } ?? 0
            #expect(covered == end, "cut at \(end)")
        }
        let halfKanji = ESCPOSDecoder().decode([0x1C, 0x26, 0x8E])
        #expect(halfKanji.isTruncated)
        #expect(halfKanji.commands == [.kanjiMode(true), .unknown([0x8E])])
        let halfRaster = ESCPOSDecoder().decode([0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x10, 0x00, 0xFF])
        #expect(halfRaster.isTruncated)
    }

    @Test func randomBytesNeverTrapAndEntriesCoverEveryByte() {
        var random = SplitMix64(seed: 0xF022)
        let interesting: [UInt8] = [
            0x1B, 0x1C, 0x1D, 0x10, 0x04, 0x0A, 0x28, 0x6B, 0x76, 0x30, 0x48, 0x56, 0x81, 0xFC, 0x00, 0xFF,
        ]
        for _ in 0..<3000 {
            let length = Int.random(in: 0...64, using: &random)
            let bytes = (0..<length).map { _ in
                Bool.random(using: &random)
                    ? interesting.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            let decoded = ESCPOSDecoder().decode(bytes)
            var next = 0
            for entry in decoded.entries {
                #expect(entry.offset == next && entry.length > 0)
                next = entry.offset + entry.length
            }
            #expect(next == bytes.count)
            // Rendering what was decoded must not trap either.
            _ = ESCPOSPageRenderer(paperWidth: ESCPOSPage.width58mm).render(decoded.commands)
        }
    }

    @Test func kanjiBytesOutsideKanjiModeAreNotReadAsKanji() {
        // Without FS &, 93 63 is not 田: the printer would print two code-page characters.
        let decoded = ESCPOSDecoder().decode([0x93, 0x63, 0xB6])
        #expect(decoded.commands == [.unknown([0x93]), .text("cｶ")])
    }

    @Test func qrSetupInterruptedBeforeItsPrintIsListedButStillApplies() {
        let store: [UInt8] = [0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42]
        let size: [UInt8] = [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x04]
        let print: [UInt8] = [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        let decoded = ESCPOSDecoder().decode(size + store + [0x1B, 0x61, 0x01] + print)
        let expected: [ESCPOSCommand] = [
            .unknown(size + store), .justify(.center),
            .qrCode(ESCPOSQRCode(data: [0x41, 0x42], moduleSize: 4, errorCorrection: .low)),
        ]
        #expect(decoded.commands == expected)
        #expect(decoded.entries.map(\.offset) == [0, 18, 21])
        // Stored but never printed: nothing appears on paper, the bytes are still accounted for.
        #expect(ESCPOSDecoder().decode(store).commands == [.unknown(store)])
    }

    @Test func theListingNamesEachCommandAtItsOffset() {
        let decoded = ESCPOSDecoder().decode([0x1B, 0x40, 0x1D, 0x21, 0x77, 0x41, 0x0A, 0x1D, 0x56, 0x42, 0x03, 0x1D])
        #expect(
            decoded.listing == """
                000000  ESC @ initialize
                000002  GS ! size 8×8
                000005  text "A"
                000006  LF
                000007  GS V 66 3 feed and partial cut
                00000B  unknown 1 bytes: 1D
                (capture ends inside a command)
                """)
    }
}
