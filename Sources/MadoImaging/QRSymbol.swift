// SPDX-License-Identifier: Apache-2.0
// A QR code found on a scanned page.

public import MadoCore

/// The text of one QR code and where it is, in the pixels of the image it was found in.
public struct QRSymbol: Sendable, Equatable {
    /// The payload as text (answer sheets carry `MADO1|…`, which is ASCII).
    public var text: String
    /// The four corners in the code's own frame: top-left, bottom-left, bottom-right, top-right. On a page
    /// scanned upside down the "top-left" corner is therefore at the bottom right of the image, which tells
    /// the reader the page's rotation.
    public var corners: [Point]

    public init(text: String, corners: [Point]) {
        self.text = text
        self.corners = corners
    }

    /// The centre of the code.
    public var centre: Point {
        guard !corners.isEmpty else { return Point(x: 0, y: 0) }
        let count = Double(corners.count)
        return Point(x: corners.map(\.x).reduce(0, +) / count, y: corners.map(\.y).reduce(0, +) / count)
    }
}
