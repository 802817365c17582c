// SPDX-License-Identifier: Apache-2.0
// TemporaryDirectory: a fresh directory per test, removed afterwards.
import Foundation

/// A directory under the system temp dir, unique to one test. Tests create the database one level
/// deeper (`state/mado.db`) so that the store has to create the state directory itself.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mado-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// `<tmp>/state/mado.db`, whose directory does not exist yet.
    var databasePath: String { url.appendingPathComponent("state/mado.db").path }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}
