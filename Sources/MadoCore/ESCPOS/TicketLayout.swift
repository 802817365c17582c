// SPDX-License-Identifier: Apache-2.0
// Lays out a queue ticket as ESC/POS commands, native Kanji text where the printer can, raster where not.
import Foundation

/// A line of ticket text that must be drawn as an image, as the raster adapter (MadoRender) receives it.
public struct TicketRasterRequest: Equatable, Sendable {
    /// The whole line, normalised (NFC, half-width kana widened). Draw it as one centred line.
    public let text: String
    /// GS ! magnification the text would have had: the font is 24 × `heightScale` dots tall and its
    /// full-width characters 24 × `widthScale` dots wide.
    public let widthScale: Int
    public let heightScale: Int
    public let emphasized: Bool
    /// The paper's printable width; the image must not be wider.
    public let maximumWidth: Int

    public var fontHeight: Int { 24 * heightScale }
}

/// Draws a line of text as a bitmap, or returns nil if it cannot (no font for a character).
public typealias TicketRasterizer = (TicketRasterRequest) -> ESCPOSBitmap?

/// How a ticket's text reaches the paper.
public enum TicketRenderPath: String, Sendable, CaseIterable {
    /// Text through the printer's Kanji fonts; only lines with characters outside its repertoire are
    /// rasterised. For Japanese models with a Kanji ROM.
    case nativeKanji
    /// Every text line rasterised, and the QR code drawn as an image too; for printers without a Kanji ROM
    /// or native QR.
    case fullRaster
}

/// Turns `TicketContent` into the command list for one ticket. The status poll (DLE EOT) is not part of
/// it: the transport asks before sending, because it must read the answers.
public struct TicketLayout: Sendable {
    public var paperWidth: Int
    public var path: TicketRenderPath
    /// The printer's repertoire and 5C/7E glyphs; text that does not fit goes to the rasteriser.
    public var textEncoder: CP932Encoder
    public var labels: TicketLabels
    /// Dots per QR module (1–16). 6 makes a 50-character URL about 200 dots (25 mm) wide.
    public var qrModuleSize: Int
    /// Largest GS ! magnification for the number; it shrinks to fit the paper.
    public var maximumNumberScale: Int
    /// Dots fed after the last line before the cut (GS V 66 n).
    public var feedBeforeCut: Int

    public init(
        paperWidth: Int = ESCPOSPage.width80mm, path: TicketRenderPath = .nativeKanji,
        textEncoder: CP932Encoder = CP932Encoder(), labels: TicketLabels = TicketLabels(), qrModuleSize: Int = 6,
        maximumNumberScale: Int = 8, feedBeforeCut: Int = 3
    ) {
        self.paperWidth = paperWidth
        self.path = path
        self.textEncoder = textEncoder
        self.labels = labels
        self.qrModuleSize = qrModuleSize
        self.maximumNumberScale = maximumNumberScale
        self.feedBeforeCut = feedBeforeCut
    }

    private struct Line {
        var text: String
        var scale: Int
        var emphasized = false
    }

    /// The text lines of a ticket in print order, normalised for this printer, with their magnification.
    public func lines(for content: TicketContent) -> [(text: String, scale: Int)] {
        let (before, after) = textLines(for: content)
        return (before + after).map { ($0.text, $0.scale) }
    }

    private func textLines(for content: TicketContent) -> (before: [Line], after: [Line]) {
        let normalizer = CP932TextNormalizer(encoder: textEncoder)
        func line(_ text: String, scale: Int = 1, emphasized: Bool = false) -> Line {
            Line(text: normalizer.normalize(text), scale: scale, emphasized: emphasized)
        }
        var before: [Line] = content.header.map { line($0, emphasized: true) }
        let number = normalizer.normalize(content.number)
        before.append(Line(text: number, scale: fittingScale(number, maximum: maximumNumberScale), emphasized: true))
        let service = normalizer.normalize(content.serviceName)
        before.append(Line(text: service, scale: fittingScale(service, maximum: 2)))
        before.append(line(fill(labels.issuedAt, ["time": content.issuedAt])))
        before.append(line(fill(labels.peopleAhead, ["n": String(content.peopleAhead)])))
        if let estimate = content.estimatedWaitMinutes {
            let template = estimate.lowerBound == estimate.upperBound ? labels.estimateSingle : labels.estimateRange
            before.append(
                line(fill(template, ["min": String(estimate.lowerBound), "max": String(estimate.upperBound)])))
        }
        if content.statusURL != nil && !labels.qrCaption.isEmpty { before.append(line(labels.qrCaption)) }
        return (before, content.footer.map { line($0) })
    }

    /// The commands for one ticket. `rasterizer` draws lines the printer's fonts cannot (all lines on the
    /// full-raster path); if it returns nil for a line, the ticket is refused rather than printed with a
    /// character missing.
    public func commands(
        for content: TicketContent, rasterizer: TicketRasterizer
    ) throws(ESCPOSError) -> [ESCPOSCommand] {
        let (before, after) = textLines(for: content)
        var commands: [ESCPOSCommand] = [.initialize]
        if textEncoder.singleByte == .jisRoman { commands.append(.internationalCharacterSet(8)) }
        if path == .nativeKanji { commands += [.kanjiCodeSystem(.shiftJIS), .kanjiMode(true)] }
        commands.append(.justify(.center))
        for (index, line) in before.enumerated() {
            commands += try self.commands(for: line, index: index, rasterizer: rasterizer)
        }
        if let url = content.statusURL {
            let qr = ESCPOSQRCode(text: url, moduleSize: qrModuleSize, errorCorrection: .medium)
            if path == .nativeKanji {
                commands += [.kanjiMode(false), .qrCode(qr), .lineFeed, .kanjiMode(true)]
            } else if let matrix = QRCodeMatrix(data: qr.data, errorCorrection: qr.errorCorrection) {
                commands += [
                    .rasterImage(Self.bitmap(of: matrix, moduleSize: qrModuleSize), scale: .normal), .lineFeed,
                ]
            }
        }
        for (index, line) in after.enumerated() {
            commands += try self.commands(for: line, index: before.count + index, rasterizer: rasterizer)
        }
        if path == .nativeKanji { commands.append(.kanjiMode(false)) }
        if let id = content.processID { commands.append(.processID(id)) }
        commands.append(.cut(.partial, feed: feedBeforeCut))
        return commands
    }

    private func commands(
        for line: Line, index: Int, rasterizer: TicketRasterizer
    ) throws(ESCPOSError) -> [ESCPOSCommand] {
        let sized: [ESCPOSCommand] = line.scale == 1 ? [] : [.characterSize(width: line.scale, height: line.scale)]
        let unsized: [ESCPOSCommand] = line.scale == 1 ? [] : [.characterSize(width: 1, height: 1)]
        // A line wider than the paper would wrap onto a second line on the printer; the rasteriser
        // narrows it to fit instead (e.g. the estimate line on 58 mm paper).
        if path == .nativeKanji, let encoded = textEncoder.encodeAll(line.text),
            encoded.count * ESCPOSPageRenderer.ankCell.width * line.scale <= paperWidth
        {
            let text: [ESCPOSCommand] = line.text.isEmpty ? [] : [.text(line.text)]
            if line.emphasized { return sized + [.emphasis(true)] + text + [.emphasis(false), .lineFeed] + unsized }
            return sized + text + [.lineFeed] + unsized
        }
        let request = TicketRasterRequest(
            text: line.text, widthScale: line.scale, heightScale: line.scale, emphasized: line.emphasized,
            maximumWidth: paperWidth)
        guard let bitmap = rasterizer(request) else {
            throw ESCPOSError(
                .unencodableText,
                "line \(index + 1) of the ticket has characters the printer's fonts cannot print and the raster "
                    + "renderer could not draw it; check the ticket font",
                commandIndex: index)
        }
        return [.rasterImage(bitmap, scale: .normal)]
    }

    /// The largest magnification ≤ `maximum` at which `text` fits the paper on one line.
    func fittingScale(_ text: String, maximum: Int) -> Int {
        let width = text.unicodeScalars.reduce(0) { total, scalar in
            total + ((textEncoder.bytes(for: scalar)?.count ?? 2) == 2 ? 24 : 12)
        }
        guard width > 0 else { return 1 }
        return max(1, min(maximum, 8, paperWidth / width))
    }

    private func fill(_ template: String, _ values: [String: String]) -> String {
        var result = template
        for (key, value) in values { result = result.replacingOccurrences(of: "{\(key)}", with: value) }
        return result
    }

    /// A QR matrix as a raster image with `moduleSize`-dot modules and no quiet zone (the paper margin is one).
    public static func bitmap(of matrix: QRCodeMatrix, moduleSize: Int) -> ESCPOSBitmap {
        var bitmap = ESCPOSBitmap(width: matrix.size * moduleSize, height: matrix.size * moduleSize)
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where matrix[x / moduleSize, y / moduleSize] { bitmap[x, y] = true }
        }
        return bitmap
    }
}
