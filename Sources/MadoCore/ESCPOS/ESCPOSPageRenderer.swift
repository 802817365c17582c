// SPDX-License-Identifier: Apache-2.0
// Draws decoded commands onto an ESCPOSPage the way a thermal printer lays them out.

/// One character cell the page renderer asks a font to fill, after GS ! magnification.
public struct ESCPOSGlyphRequest: Hashable, Sendable {
    public let character: Unicode.Scalar
    /// The cell in dots: 12×24 (ANK) or 24×24 (Kanji) times the GS ! magnification.
    public let cellWidth: Int
    public let cellHeight: Int
    /// Whether the printer prints it from its two-byte (Kanji) font, i.e. as a full-width character.
    public let isKanji: Bool
    /// ESC E: emphasised (bold).
    public let emphasized: Bool

    public init(character: Unicode.Scalar, cellWidth: Int, cellHeight: Int, isKanji: Bool, emphasized: Bool) {
        self.character = character
        self.cellWidth = cellWidth
        self.cellHeight = cellHeight
        self.isKanji = isKanji
        self.emphasized = emphasized
    }
}

/// Draws one character into its cell: a bitmap the cell's size (1 = ink; larger ones are cropped), or nil
/// when the font has no glyph for it, so the renderer draws the outlined box. MadoRender supplies one that
/// draws with a real font.
public typealias ESCPOSGlyphDrawer = @Sendable (ESCPOSGlyphRequest) -> ESCPOSBitmap?

/// Lays out commands like an ESC/POS printer in standard mode and draws them: raster images dot for dot,
/// QR codes from their data (`QRCodeMatrix`), and text cell by cell: through `glyphDrawer` when one is set
/// (a real font, so a technician can read the ticket), else as one outlined box per cell, since the
/// printer's fonts are not ours to copy. The geometry is the same either way and is what matters for a
/// ticket check: where each line sits, how big and how wide it is, and what is centred.
///
/// Fixed geometry (the goldens depend on it): ANK cells 12×24 dots, Kanji cells 24×24, both scaled by
/// GS !; a line advances by max(30, tallest cell + 6) dots, close to the 1/6-inch default; characters sit
/// on a common bottom line; ESC a takes effect only at the start of a line, as the Epson reference says.
public struct ESCPOSPageRenderer: Sendable {
    public var paperWidth: Int
    /// How 5C/7E read and which characters are double-width, as for the decoder.
    public var textEncoder: CP932Encoder
    /// Draws the characters of text cells; nil draws outlined boxes (the geometry-only rendering).
    public var glyphDrawer: ESCPOSGlyphDrawer?

    public static let ankCell = (width: 12, height: 24)
    public static let kanjiCell = (width: 24, height: 24)
    public static let linePitch = 30
    public static let lineGap = 6

    public init(
        paperWidth: Int = ESCPOSPage.width80mm, textEncoder: CP932Encoder = CP932Encoder(),
        glyphDrawer: ESCPOSGlyphDrawer? = nil
    ) {
        self.paperWidth = paperWidth
        self.textEncoder = textEncoder
        self.glyphDrawer = glyphDrawer
    }

    public func render(_ commands: [ESCPOSCommand]) -> ESCPOSPage {
        var layout = Layout(page: ESCPOSPage(width: paperWidth), text: textEncoder, glyphDrawer: glyphDrawer)
        for command in commands { layout.apply(command) }
        layout.flushLine(advance: false)
        return layout.page
    }

    private struct Cell {
        var character: Unicode.Scalar
        var isKanji: Bool
        var width: Int
        var height: Int
        var isBlank: Bool
        var emphasized: Bool
    }

    private struct Layout {
        var page: ESCPOSPage
        var text: CP932Encoder
        let glyphDrawer: ESCPOSGlyphDrawer?
        let initialVariant: SingleByteVariant
        var y = 0
        var line: [Cell] = []
        var lineWidth = 0
        var justification = ESCPOSCommand.Justification.left
        var widthScale = 1
        var heightScale = 1
        var emphasized = false

        init(page: ESCPOSPage, text: CP932Encoder, glyphDrawer: ESCPOSGlyphDrawer?) {
            self.page = page
            self.text = text
            self.glyphDrawer = glyphDrawer
            self.initialVariant = text.singleByte
        }

        mutating func apply(_ command: ESCPOSCommand) {
            switch command {
            case .initialize:
                line = []
                lineWidth = 0
                justification = .left
                widthScale = 1
                heightScale = 1
                emphasized = false
                text.singleByte = initialVariant
            case .justify(let value):
                if line.isEmpty { justification = value }
            case .internationalCharacterSet(let n):
                text.singleByte = SingleByteVariant(internationalCharacterSet: n)
            case .kanjiCodeSystem, .kanjiMode, .processID, .statusRequest, .unknown:
                break
            case .characterSize(let width, let height):
                widthScale = width
                heightScale = height
            case .emphasis(let on):
                emphasized = on
            case .text(let string):
                for scalar in string.unicodeScalars { add(scalar) }
            case .lineFeed:
                flushLine(advance: true)
            case .feedLines(let n):
                flushLine(advance: n > 0)
                if n > 1 { y += (n - 1) * ESCPOSPageRenderer.linePitch }
                page.extend(to: y)
            case .rasterImage(let bitmap, let scale):
                flushLine(advance: false)
                drawRaster(bitmap, scale: scale)
            case .qrCode(let qr):
                flushLine(advance: false)
                drawQR(qr)
            case .cut(let mode, let feed):
                flushLine(advance: false)
                y += feed ?? 0
                drawCut(mode)
            }
        }

        mutating func add(_ scalar: Unicode.Scalar) {
            let isKanji = (text.bytes(for: scalar)?.count ?? 2) == 2
            let base = isKanji ? ESCPOSPageRenderer.kanjiCell : ESCPOSPageRenderer.ankCell
            let cell = Cell(
                character: scalar, isKanji: isKanji, width: base.width * widthScale, height: base.height * heightScale,
                isBlank: scalar == " " || scalar == "\u{3000}", emphasized: emphasized)
            // A character that does not fit prints on the next line, as the printer wraps.
            if lineWidth + cell.width > page.width && !line.isEmpty { flushLine(advance: true) }
            line.append(cell)
            lineWidth += cell.width
        }

        func originX(forWidth width: Int) -> Int {
            switch justification {
            case .left: return 0
            case .center: return max(0, (page.width - width) / 2)
            case .right: return max(0, page.width - width)
            }
        }

        /// Prints the line buffer. `advance` feeds a line even when the buffer is empty (a bare LF).
        mutating func flushLine(advance: Bool) {
            if line.isEmpty {
                if advance {
                    y += ESCPOSPageRenderer.linePitch
                    page.extend(to: y)
                }
                return
            }
            let lineHeight = line.map(\.height).max() ?? 0
            var x = originX(forWidth: lineWidth)
            for cell in line {
                if !cell.isBlank { draw(cell, x: x, y: y + lineHeight - cell.height) }
                x += cell.width
            }
            y += max(ESCPOSPageRenderer.linePitch, lineHeight + ESCPOSPageRenderer.lineGap)
            page.extend(to: y)
            line = []
            lineWidth = 0
        }

        mutating func draw(_ cell: Cell, x: Int, y: Int) {
            let request = ESCPOSGlyphRequest(
                character: cell.character, cellWidth: cell.width, cellHeight: cell.height, isKanji: cell.isKanji,
                emphasized: cell.emphasized)
            if let glyph = glyphDrawer?(request) {
                // Cropped to the cell, so a drawer cannot shift the layout or ink a neighbour.
                page.draw(glyph, x: x, y: y, clipWidth: cell.width, clipHeight: cell.height)
                return
            }
            page.strokeRectangle(
                x: x + 1, y: y + 1, width: cell.width - 2, height: cell.height - 2,
                thickness: cell.emphasized ? 2 : 1)
        }

        mutating func drawRaster(_ bitmap: ESCPOSBitmap, scale: ESCPOSCommand.RasterScale) {
            let sx = scale.horizontal
            let sy = scale.vertical
            let left = originX(forWidth: bitmap.width * sx)
            page.extend(to: y + bitmap.height * sy)
            for row in 0..<bitmap.height {
                for column in 0..<bitmap.width where bitmap[column, row] {
                    page.fillRectangle(x: left + column * sx, y: y + row * sy, width: sx, height: sy)
                }
            }
            y += bitmap.height * sy
        }

        mutating func drawQR(_ qr: ESCPOSQRCode) {
            let moduleSize = qr.moduleSize
            guard let matrix = QRCodeMatrix(data: qr.data, errorCorrection: qr.errorCorrection) else {
                // Too much data for any QR version: the printer prints nothing; mark the spot for a reader.
                let side = 21 * moduleSize
                let left = originX(forWidth: side)
                page.strokeRectangle(x: left, y: y, width: side, height: side, thickness: 2)
                y += side
                return
            }
            let side = matrix.size * moduleSize
            let left = originX(forWidth: side)
            page.extend(to: y + side)
            for row in 0..<matrix.size {
                for column in 0..<matrix.size where matrix[column, row] {
                    page.fillRectangle(
                        x: left + column * moduleSize, y: y + row * moduleSize, width: moduleSize, height: moduleSize)
                }
            }
            y += side
        }

        /// A cut is drawn as a dashed rule: long dashes for a full cut, with a gap in the middle for a
        /// partial one (the uncut point that holds the ticket).
        mutating func drawCut(_ mode: ESCPOSCommand.CutMode) {
            page.extend(to: y + 1)
            for x in stride(from: 0, to: page.width, by: 8) {
                if mode == .partial && abs(x + 4 - page.width / 2) < 24 { continue }
                page.fillRectangle(x: x, y: y, width: 4, height: 1)
            }
            page.cuts.append(y)
            y += 1
        }
    }
}
