// SPDX-License-Identifier: Apache-2.0
// IntegrityCheck: refuse to start on a damaged database file (PRAGMA quick_check).

/// Runs at every open, before anything is written. A damaged file is never "repaired" by carrying
/// on: madod refuses to start and says to restore a backup, so damage is seen on the day it happens.
/// quick_check reads every page but skips index-content checks, so it costs about one full read of
/// the file (well under a second for the sizes a counter or a school produces).
enum IntegrityCheck {
    static func verify(_ connection: Connection) throws(StoreError) {
        let rows: [Row]
        do throws(StoreError) {
            rows = try connection.query("PRAGMA quick_check")
        } catch  where error.kind == .corrupt {
            throw StoreError(
                kind: .corrupt, code: error.code,
                message: "database \(connection.path) is damaged or is not an sqlite database: \(error.reason); "
                    + StoreError.corruptAdvice)
        }
        let problems = rows.compactMap { row -> String? in
            guard case .text(let line) = row[0], line != "ok" else { return nil }
            return line
        }
        guard !problems.isEmpty else { return }
        // quick_check names pages and b-tree cells, never row contents, so its words are safe to log.
        let shown = problems.prefix(3).joined(separator: "; ")
        let more = problems.count > 3 ? " (and \(problems.count - 3) more)" : ""
        throw StoreError(
            kind: .corrupt, code: 11,
            message: "database \(connection.path) failed its integrity check: \(shown)\(more); "
                + StoreError.corruptAdvice)
    }
}
