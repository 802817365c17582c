// SPDX-License-Identifier: Apache-2.0
// The parameters of a native QR code (GS ( k, model 2).

/// A QR code the printer draws itself from stored data. Model 2 is the only model sent: model 1 is obsolete
/// and micro QR is not supported by ESC/POS printers.
public struct ESCPOSQRCode: Equatable, Sendable {
    public enum ErrorCorrection: UInt8, Sendable, CaseIterable {
        /// About 7 % of the symbol can be damaged.
        case low = 48
        /// About 15 %; the usual choice for a URL on a ticket.
        case medium = 49
        /// About 25 %.
        case quartile = 50
        /// About 30 %.
        case high = 51
    }

    /// The bytes stored in the symbol (a status URL is plain ASCII).
    public var data: [UInt8]
    /// Width of one module in dots, 1–16.
    public var moduleSize: Int
    public var errorCorrection: ErrorCorrection

    public init(data: [UInt8], moduleSize: Int = 6, errorCorrection: ErrorCorrection = .medium) {
        self.data = data
        self.moduleSize = moduleSize
        self.errorCorrection = errorCorrection
    }

    public init(text: String, moduleSize: Int = 6, errorCorrection: ErrorCorrection = .medium) {
        self.init(data: Array(text.utf8), moduleSize: moduleSize, errorCorrection: errorCorrection)
    }

    /// Most bytes GS ( k fn 80 can carry (pL pH hold data length + 3; the printer's own limit is 7089).
    public static let maximumDataLength = 7089
}
