// SPDX-License-Identifier: Apache-2.0
// Why a command list could not be turned into printer bytes.

/// A command the encoder refused, with a message a technician can act on. Ticket text is never quoted in
/// the message, nor is a character of it (it may hold a resident's name); the position is given instead.
public struct ESCPOSError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A parameter outside what the command can carry (e.g. character size 9, QR module size 20).
        case parameterOutOfRange
        /// Text with characters the printer's fonts cannot print; such text must go through the raster path.
        case unencodableText
        /// Text with control characters, which would be read as commands.
        case controlCharacterInText
    }

    public let kind: Kind
    public let message: String
    /// Index of the offending command in the list given to the encoder.
    public let commandIndex: Int

    public init(_ kind: Kind, _ message: String, commandIndex: Int) {
        self.kind = kind
        self.message = message
        self.commandIndex = commandIndex
    }

    public var description: String { "command \(commandIndex): \(message)" }
}
