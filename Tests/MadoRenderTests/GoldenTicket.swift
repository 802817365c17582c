// SPDX-License-Identifier: Apache-2.0
// The tickets the golden pictures show, and helpers that read what a rendered ticket looks like.
import Foundation
import MadoCore
import Testing

/// One golden ticket: its content and the paper it prints on.
struct GoldenTicket: CustomTestStringConvertible, Sendable {
    let name: String
    let content: TicketContent
    let paperWidth: Int
    var labels = TicketLabels()

    var testDescription: String { name }

    func layout(_ path: TicketRenderPath) -> TicketLayout {
        TicketLayout(paperWidth: paperWidth, path: path, labels: labels)
    }

    func goldenPath(_ path: TicketRenderPath) -> String {
        Self.goldenDirectory.appendingPathComponent("\(name)-\(path.rawValue).png").path
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens")

    static let statusURL = "https://mado.example.jp/t/7Q2M4X9K3VH8RZ5N"

    static let cityHall = TicketContent(
        header: ["みどり市役所", "市民課"], number: "A-023", serviceName: "引越し・住所変更", issuedAt: "12月3日 9:41",
        peopleAhead: 5, estimatedWaitMinutes: 10...20, statusURL: statusURL,
        footer: ["番号が呼ばれるまでお待ちください"], processID: ESCPOSProcessID(sequence: 23))

    /// Header lines the printer's Kanji ROM lacks (髙 and 﨑 are IBM extensions, 𠮷 is outside JIS X 0208),
    /// with half-width kana that must print as ガイド.
    static let rareKanji = TicketContent(
        header: ["髙橋﨑町役場", "𠮷田ｶﾞｲﾄﾞ窓口"], number: "B-107", serviceName: "引越し・住所変更",
        issuedAt: "1月6日 13:05", peopleAhead: 0, estimatedWaitMinutes: 5...5, statusURL: statusURL,
        footer: ["番号が呼ばれるまでお待ちください", "〒123-4567 みどり市本町1-2-3"])

    /// 58 mm paper: the estimate label is shortened, as a 58 mm site's configuration would, so that every
    /// line fits 384 dots on the native path too.
    static let narrowLabels = TicketLabels(estimateRange: "目安 {min}～{max}分（参考値）", estimateSingle: "目安 約{min}分（参考値）")

    static let all = [
        GoldenTicket(name: "city-80mm", content: cityHall, paperWidth: ESCPOSPage.width80mm),
        GoldenTicket(name: "city-58mm", content: cityHall, paperWidth: ESCPOSPage.width58mm, labels: narrowLabels),
        GoldenTicket(name: "rare-kanji-80mm", content: rareKanji, paperWidth: ESCPOSPage.width80mm),
        GoldenTicket(
            name: "rare-kanji-58mm", content: rareKanji, paperWidth: ESCPOSPage.width58mm, labels: narrowLabels),
    ]
}

/// Reading a decoded ticket the way a person checks the printout.
enum TicketInspection {
    /// The width in dots of every printed line: text cells under their GS ! size, and raster images.
    static func lineWidths(_ commands: [ESCPOSCommand], encoder: CP932Encoder = CP932Encoder()) -> [Int] {
        var widths: [Int] = []
        var current = 0
        var widthScale = 1
        for command in commands {
            switch command {
            case .characterSize(let width, _): widthScale = width
            case .initialize: widthScale = 1
            case .text(let text):
                for scalar in text.unicodeScalars {
                    let isKanji = (encoder.bytes(for: scalar)?.count ?? 2) == 2
                    current += (isKanji ? 24 : 12) * widthScale
                }
            case .lineFeed, .feedLines, .cut:
                widths.append(current)
                current = 0
            case .rasterImage(let bitmap, _): widths.append(bitmap.width)
            case .qrCode(let qr):
                let size = QRCodeMatrix(data: qr.data, errorCorrection: qr.errorCorrection)?.size ?? 0
                widths.append(size * qr.moduleSize)
            default: break
            }
        }
        return widths
    }

    static func rasterImages(_ commands: [ESCPOSCommand]) -> [ESCPOSBitmap] {
        commands.compactMap {
            if case .rasterImage(let bitmap, _) = $0 { return bitmap }
            return nil
        }
    }

    /// The row where `matrix` appears centred on the page at `moduleSize` dots per module, if it does.
    static func rowOfCentredQR(_ matrix: QRCodeMatrix, moduleSize: Int, on page: ESCPOSPage) -> Int? {
        let side = matrix.size * moduleSize
        let left = (page.width - side) / 2
        guard page.height >= side else { return nil }
        for top in 0...(page.height - side) {
            var matches = true
            check: for row in 0..<matrix.size {
                for column in 0..<matrix.size
                where page[left + column * moduleSize + moduleSize / 2, top + row * moduleSize + moduleSize / 2]
                    != matrix[column, row]
                {
                    matches = false
                    break check
                }
            }
            if matches { return top }
        }
        return nil
    }
}
