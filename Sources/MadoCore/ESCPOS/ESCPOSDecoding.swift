// SPDX-License-Identifier: Apache-2.0
// What a captured byte stream contained: commands with the byte range each came from.

/// The result of `ESCPOSDecoder.decode(_:)`.
public struct ESCPOSDecoding: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        /// Byte offset of the command in the capture.
        public let offset: Int
        /// How many bytes it took. A native QR code spans its setup (model, size, error correction, store)
        /// and its print (GS ( k fn 81) when they follow each other directly. Entries cover the capture
        /// without gaps or overlaps.
        public let length: Int
        public let command: ESCPOSCommand

        public init(offset: Int, length: Int, command: ESCPOSCommand) {
            self.offset = offset
            self.length = length
            self.command = command
        }
    }

    public var entries: [Entry]
    /// Whether the capture ended inside a command; its bytes are in the last entry as `.unknown`.
    public var isTruncated: Bool

    public var commands: [ESCPOSCommand] { entries.map(\.command) }

    /// The text commands in order: what a reader of the ticket would see printed from the fonts.
    public var texts: [String] {
        entries.compactMap {
            if case .text(let text) = $0.command { return text }
            return nil
        }
    }

    /// Entries the decoder could not interpret, for a technician looking at a capture.
    public var unknownEntries: [Entry] {
        entries.filter {
            if case .unknown = $0.command { return true }
            return false
        }
    }
}
