// SPDX-License-Identifier: Apache-2.0
// Why a scanned page could not be read as an answer sheet, in words a technician can act on.

/// A page the mark reader refused. Messages name the image and the layout, never a student or an answer.
public enum OMRError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The image is too small to hold a sheet at 150 dpi or more.
    case imageTooSmall(width: Int, height: Int)
    /// The image has more pixels than the reader accepts (checked before any work).
    case imageTooLarge(width: Int, height: Int, limit: Int)
    /// The pixel buffer does not match the stated size.
    case malformedImage(width: Int, height: Int, byteCount: Int)
    /// Fewer than three alignment marks were found in their search areas.
    case alignmentMarksNotFound(found: Int, expected: Int)
    /// The marks were found but do not lie where the layout says, relative to each other.
    case fitResidualTooLarge(Double)
    /// Marks were found in no orientation whose orientation mark is dark.
    case orientationNotDetermined
    /// The page's shape or geometry does not match the layout (another form, a photo of something else).
    case notThisLayout(String)
    /// The layout itself cannot be used (e.g. fewer than three alignment marks).
    case unusableLayout(String)

    public var description: String {
        switch self {
        case .imageTooSmall(let w, let h):
            return "the scanned page is \(w) × \(h) pixels, too small to read marks; scan at 150 dpi or more"
        case .imageTooLarge(let w, let h, let limit):
            return "the scanned page is \(w) × \(h) pixels, more than the \(limit) pixels the mark reader accepts; "
                + "scan at 600 dpi or less"
        case .malformedImage(let w, let h, let count):
            return "the page image claims \(w) × \(h) pixels but holds \(count) bytes; the decoder is at fault"
        case .alignmentMarksNotFound(let found, let expected):
            return "found \(found) of the \(expected) alignment marks (at least 3 are needed); check that the page "
                + "is one of this exam's sheets, lies flat and is scanned whole, with no corner folded or cut off"
        case .fitResidualTooLarge(let residual):
            return "the alignment marks do not line up with the sheet layout (residual "
                + "\(Self.format(residual)) layout units); the page may be another form, creased, or a copy "
                + "printed at the wrong scale (print at 100 %, not 'fit to page')"
        case .orientationNotDetermined:
            return "the alignment marks were found but the orientation mark was not dark in any orientation; "
                + "the page may be another form or a copy printed without the orientation mark"
        case .notThisLayout(let why):
            return "the page does not look like this sheet layout: \(why)"
        case .unusableLayout(let why):
            return "the sheet layout cannot be used for reading: \(why)"
        }
    }

    static func format(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard hundredths.isFinite, abs(hundredths) < 1e12 else { return "\(value)" }
        let whole = Int(hundredths)
        let fraction = abs(whole % 100)
        return "\(whole / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
