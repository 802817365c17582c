// SPDX-License-Identifier: Apache-2.0
// The job options madod sends with every form: paper size and sides.

/// Options of one print job. Forms are A4 and one-sided unless the counter's printer is set to duplex.
public struct CUPSPrintOptions: Sendable, Equatable {
    public enum Sides: String, Sendable, Equatable {
        case oneSided = "one-sided"
        case twoSidedLongEdge = "two-sided-long-edge"
        case twoSidedShortEdge = "two-sided-short-edge"
    }

    /// A PWG media name (`iso_a4_210x297mm`).
    public var media: String
    public var sides: Sides

    public init(media: String = "iso_a4_210x297mm", sides: Sides = .oneSided) {
        self.media = media
        self.sides = sides
    }

    /// The IPP options as CUPS takes them (`media=…`, `sides=…`).
    public var pairs: [(name: String, value: String)] {
        [("media", media), ("sides", sides.rawValue)]
    }
}
