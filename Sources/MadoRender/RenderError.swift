// SPDX-License-Identifier: Apache-2.0
// RenderError: the one error type of MadoRender.

/// A failure to draw, read or write a picture. Messages name the file or the step and the reason, never
/// the text being drawn (a ticket line may hold a resident's name).
public struct RenderError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A capture or other input file could not be read.
        case unreadableFile
        /// A PNG could not be read: missing file, not a PNG, or damaged.
        case unreadableImage
        /// A PNG could not be written.
        case cannotWriteImage
        /// Cairo could not make a surface (out of memory, or a size it does not support).
        case drawingFailed
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
