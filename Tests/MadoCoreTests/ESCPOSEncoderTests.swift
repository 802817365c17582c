// SPDX-License-Identifier: Apache-2.0
// Each command's bytes against the ESC/POS reference (shared/reference §3.4), strips and refusals.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ESCPOSEncoderTests {
    static let encoder = ESCPOSEncoder()

    static let cases: [(ESCPOSCommand, [UInt8])] = [
        (.initialize, [0x1B, 0x40]),
        (.justify(.left), [0x1B, 0x61, 0x00]),
        (.justify(.center), [0x1B, 0x61, 0x01]),
        (.justify(.right), [0x1B, 0x61, 0x02]),
        (.internationalCharacterSet(8), [0x1B, 0x52, 0x08]),
        (.kanjiCodeSystem(.shiftJIS), [0x1C, 0x43, 0x01]),
        (.kanjiCodeSystem(.jis), [0x1C, 0x43, 0x00]),
        (.kanjiMode(true), [0x1C, 0x26]),
        (.kanjiMode(false), [0x1C, 0x2E]),
        (.characterSize(width: 8, height: 8), [0x1D, 0x21, 0x77]),
        (.characterSize(width: 1, height: 1), [0x1D, 0x21, 0x00]),
        (.characterSize(width: 2, height: 3), [0x1D, 0x21, 0x12]),
        (.emphasis(true), [0x1B, 0x45, 0x01]),
        (.emphasis(false), [0x1B, 0x45, 0x00]),
        (.lineFeed, [0x0A]),
        (.feedLines(6), [0x1B, 0x64, 0x06]),
        (.text("A-023"), [0x41, 0x2D, 0x30, 0x32, 0x33]),
        (
            .processID(ESCPOSProcessID(sequence: 23)),
            [0x1D, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, 0x30, 0x30, 0x32, 0x33]
        ),
        (.cut(.partial, feed: 3), [0x1D, 0x56, 0x42, 0x03]),
        (.cut(.full, feed: 0), [0x1D, 0x56, 0x41, 0x00]),
        (.cut(.full, feed: nil), [0x1D, 0x56, 0x00]),
        (.cut(.partial, feed: nil), [0x1D, 0x56, 0x01]),
        (.statusRequest(.printer), [0x10, 0x04, 0x01]),
        (.statusRequest(.offlineCause), [0x10, 0x04, 0x02]),
        (.statusRequest(.errorCause), [0x10, 0x04, 0x03]),
        (.statusRequest(.rollPaper), [0x10, 0x04, 0x04]),
        (.unknown([0x1B, 0x74, 0x01]), [0x1B, 0x74, 0x01]),
    ]

    @Test(arguments: cases)
    func commandBytesMatchTheReference(command: ESCPOSCommand, expected: [UInt8]) throws {
        #expect(try Self.encoder.encode([command]) == expected)
    }

    @Test func kanjiTextIsShiftJISOnlyInKanjiMode() throws {
        // "○○区役所 市民課" and "お待ちの人数 5人" exactly as in the reference ticket (§3.4).
        let header = try Self.encoder.encode([.kanjiMode(true), .text("○○区役所 市民課")])
        #expect(
            header == [
                0x1C, 0x26, 0x81, 0x9B, 0x81, 0x9B, 0x8B, 0xE6, 0x96, 0xF0, 0x8F, 0x8A, 0x20, 0x8E, 0x73, 0x96, 0xAF,
                0x89, 0xDB,
            ])
        let waiting = try Self.encoder.encode([.kanjiMode(true), .text("お待ちの人数 5人")])
        #expect(
            waiting.dropFirst(2).elementsEqual([
                0x82, 0xA8, 0x91, 0xD2, 0x82, 0xBF, 0x82, 0xCC, 0x90, 0x6C, 0x90, 0x94, 0x20, 0x35, 0x90, 0x6C,
            ]))
        #expect(throws: ESCPOSError.self) { try Self.encoder.encode([.text("市民課")]) }
    }

    @Test func qrCodeIsTheFiveFunctionSequence() throws {
        let url = "https://mado.example.jp/t/7Q2M4X9K3VH8RZ5N"
        let bytes = try Self.encoder.encode([.qrCode(ESCPOSQRCode(text: url, moduleSize: 6, errorCorrection: .medium))])
        let store: [UInt8] = [0x1D, 0x28, 0x6B, UInt8(url.utf8.count + 3), 0x00, 0x31, 0x50, 0x30] + Array(url.utf8)
        let expected: [UInt8] =
            [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]
            + store
            + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]
        #expect(bytes == expected)
    }

    @Test func rasterImageHeaderAndRowsAreLittleEndianAndMSBFirst() throws {
        var bitmap = ESCPOSBitmap(width: 10, height: 2)
        bitmap[0, 0] = true
        bitmap[9, 1] = true
        let bytes = try Self.encoder.encode([.rasterImage(bitmap, scale: .normal)])
        #expect(bytes == [0x1D, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x80, 0x00, 0x00, 0x40])
    }

    @Test func tallImagesAreSentInStripsNoTallerThanTheLimit() throws {
        var bitmap = ESCPOSBitmap(width: 576, height: 600)
        for y in 0..<600 { bitmap[y % 576, y] = true }
        let encoder = ESCPOSEncoder(maximumRasterStripHeight: 256)
        let bytes = try encoder.encode([.rasterImage(bitmap, scale: .normal)])
        // 256 + 256 + 88 rows, each strip with its own 8-byte header.
        #expect(bytes.count == 3 * 8 + 72 * 600)
        let decoded = ESCPOSDecoder().decode(bytes)
        #expect(decoded.entries.count == 1)
        #expect(decoded.commands == [.rasterImage(bitmap, scale: .normal)])
        let heights = stride(from: 0, to: bytes.count, by: 1).compactMap { offset -> Int? in
            guard offset + 8 <= bytes.count, bytes[offset] == 0x1D, bytes[offset + 1] == 0x76,
                bytes[offset + 2] == 0x30, bytes[offset + 4] == 72, bytes[offset + 5] == 0
            else { return nil }
            return Int(bytes[offset + 6]) + Int(bytes[offset + 7]) * 256
        }
        #expect(heights == [256, 256, 88])
    }

    @Test func jisRomanTextUsesFiveCForYen() throws {
        let bytes = try Self.encoder.encode([.internationalCharacterSet(8), .text("¥500")])
        #expect(bytes == [0x1B, 0x52, 0x08, 0x5C, 0x35, 0x30, 0x30])
        // Under ESC R 0 the same byte would print a backslash, so ¥ is refused there.
        #expect(throws: ESCPOSError.self) { try Self.encoder.encode([.internationalCharacterSet(0), .text("¥")]) }
    }

    @Test func outOfRangeParametersAreRefusedWithTheCommandIndex() {
        let bad: [ESCPOSCommand] = [
            .characterSize(width: 9, height: 1), .characterSize(width: 0, height: 1), .feedLines(256),
            .qrCode(ESCPOSQRCode(data: [0x41], moduleSize: 17)), .qrCode(ESCPOSQRCode(data: [])),
            .rasterImage(ESCPOSBitmap(width: 0, height: 4), scale: .normal), .cut(.full, feed: 300),
            .internationalCharacterSet(18),
        ]
        for command in bad {
            #expect(throws: ESCPOSError.self) { try Self.encoder.encode([.initialize, command]) }
            do {
                _ = try Self.encoder.encode([.initialize, command])
            } catch {
                #expect(error.kind == .parameterOutOfRange)
                #expect(error.commandIndex == 1)
            }
        }
    }

    @Test func controlCharactersAndUnencodableTextAreRefusedWithoutQuotingTheText() {
        do {
            _ = try Self.encoder.encode([.kanjiMode(true), .text("山田\n太郎")])
            Issue.record("a line feed inside text was accepted")
        } catch {
            #expect(error.kind == .controlCharacterInText)
            #expect(!error.message.contains("山田"))
        }
        do {
            _ = try Self.encoder.encode([.kanjiMode(true), .text("𠮷田")])
            Issue.record("𠮷 was accepted")
        } catch {
            #expect(error.kind == .unencodableText)
            #expect(!error.message.contains("𠮷") && !error.message.contains("田"))
        }
    }
}
