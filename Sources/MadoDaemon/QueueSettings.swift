// SPDX-License-Identifier: Apache-2.0
// The "queue" section of madod's config as the daemon keeps it: the engine's configuration plus the
// JSON it was read from, so that a reload can tell whether the section changed.
import Foundation
public import MadoCore

/// The decoded queue section. Equal when the source JSON is equal (the engine's configuration has
/// no equality of its own, and two sections that read the same are the same).
public struct QueueSettings: Sendable, Equatable {
    public let configuration: QueueConfiguration
    let source: JSONValue

    public init(configuration: QueueConfiguration, source: JSONValue) {
        self.configuration = configuration
        self.source = source
    }

    public static func == (lhs: QueueSettings, rhs: QueueSettings) -> Bool { lhs.source == rhs.source }

    /// Reads the section; the business day's time zone is the site's unless the section names its own.
    static func read(_ reader: JSONObjectReader, siteTimeZone: String) -> QueueSettings {
        var configuration = QueueConfiguration.read(from: reader)
        if !reader.has("timeZone"), let zone = TimeZone(identifier: siteTimeZone) {
            configuration.timeZone = zone
        }
        return QueueSettings(configuration: configuration, source: .object(reader.object))
    }
}
