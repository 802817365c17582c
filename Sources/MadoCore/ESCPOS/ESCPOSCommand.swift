// SPDX-License-Identifier: Apache-2.0
// The ESC/POS commands a queue ticket uses, as values the encoder writes and the decoder reads back.

/// One printer command. `ESCPOSEncoder` turns a list of these into bytes; `ESCPOSDecoder` turns captured
/// bytes back into a list, so tests and technicians can read what was sent.
public enum ESCPOSCommand: Equatable, Sendable {
    /// ESC @ (1B 40): clears the print buffer and resets modes to the power-on defaults.
    case initialize
    /// ESC a n (1B 61 n): alignment of the following lines, raster images and QR codes.
    case justify(Justification)
    /// ESC R n (1B 52 n): international character set; 8 (Japan) prints 5C as ¥ and 7E as ‾.
    case internationalCharacterSet(UInt8)
    /// FS C n (1C 43 n): how two-byte Kanji codes are read. Japanese models default to JIS (0).
    case kanjiCodeSystem(KanjiCodeSystem)
    /// FS & (1C 26) when true, FS . (1C 2E) when false: Kanji mode on or off.
    case kanjiMode(Bool)
    /// GS ! n (1D 21 n): character magnification, 1–8 in each direction; applies to Kanji too.
    case characterSize(width: Int, height: Int)
    /// ESC E n (1B 45 n): emphasised (bold) printing.
    case emphasis(Bool)
    /// Characters printed from the printer's fonts. Holds no control characters; see `lineFeed`.
    case text(String)
    /// LF (0A): prints the line buffer and advances one line.
    case lineFeed
    /// ESC d n (1B 64 n): prints the buffer and feeds n lines.
    case feedLines(Int)
    /// GS v 0 (1D 76 30 m xL xH yL yH d…): a raster image. The encoder sends tall images in strips.
    case rasterImage(ESCPOSBitmap, scale: RasterScale)
    /// GS ( k (fn 65, 67, 69, 80, 81): a native model-2 QR code, stored and printed.
    case qrCode(ESCPOSQRCode)
    /// GS ( H fn 48 (1D 28 48 06 00 30 30 d1 d2 d3 d4): the printer answers `37 22 d1…d4 00` once
    /// everything before it has printed.
    case processID(ESCPOSProcessID)
    /// GS V: cut the paper. With `feed`, GS V 65/66 n feeds to the cutter plus n dots first.
    case cut(CutMode, feed: Int?)
    /// DLE EOT n (10 04 n): a real-time status request the printer answers at once, even when offline.
    case statusRequest(StatusRequest)
    /// Bytes the decoder does not model, kept verbatim; the encoder writes them as they are.
    case unknown([UInt8])

    public enum Justification: UInt8, Sendable, CaseIterable {
        case left = 0
        case center = 1
        case right = 2
    }

    public enum KanjiCodeSystem: UInt8, Sendable, CaseIterable {
        /// FS C 0: JIS codes (21–7E pairs). The Japanese-model default.
        case jis = 0
        /// FS C 1: Shift_JIS, which CP932 extends. Single bytes still print as ANK in Kanji mode.
        case shiftJIS = 1
    }

    /// The `m` of GS v 0: how many printer dots each image dot covers.
    public enum RasterScale: UInt8, Sendable, CaseIterable {
        case normal = 0
        case doubleWidth = 1
        case doubleHeight = 2
        case quadruple = 3

        var horizontal: Int { self == .doubleWidth || self == .quadruple ? 2 : 1 }
        var vertical: Int { self == .doubleHeight || self == .quadruple ? 2 : 1 }
    }

    public enum CutMode: Sendable, CaseIterable {
        case full
        /// Leaves one point uncut so the ticket hangs until taken; the usual kiosk choice.
        case partial
    }

    /// DLE EOT n. Each answer is one byte; `TicketPrinterStatus` reads them.
    public enum StatusRequest: UInt8, Sendable, CaseIterable {
        /// n = 1: online/offline, drawer.
        case printer = 1
        /// n = 2: why offline: cover open, feed button, paper end, error.
        case offlineCause = 2
        /// n = 3: error cause: cutter, unrecoverable, auto-recoverable.
        case errorCause = 3
        /// n = 4: roll paper sensors: near end, end.
        case rollPaper = 4
    }
}
