// SPDX-License-Identifier: Apache-2.0
// SchemaMigrator: bring a database up to the latest schema, one transaction per migration.

/// Tracks the schema in `PRAGMA user_version`: version N means migrations 1…N have been applied.
enum SchemaMigrator {
    /// Migrations must be numbered 1, 2, 3… in order: a gap or a duplicate is a programming error in
    /// the migration list, caught at open rather than half-way through a migration.
    static func validate(_ migrations: [Migration]) throws(StoreError) {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError(
                kind: .migration,
                message: "migration list is out of order: position \(offset + 1) holds version "
                    + "\(migration.version) (\(migration.name)); versions must count 1, 2, 3… with no gaps")
        }
    }

    static func version(of connection: Connection) throws(StoreError) -> Int {
        guard case .integer(let version) = try connection.scalar("PRAGMA user_version") else { return 0 }
        return Int(version)
    }

    /// Refuses a database written by a newer program: its tables may mean things this one does not know.
    static func refuseNewer(_ connection: Connection, latest: Int) throws(StoreError) {
        let found = try version(of: connection)
        guard found > latest else { return }
        throw StoreError(
            kind: .tooNew,
            message: "database \(connection.path) has schema version \(found), newer than this madod "
                + "(\(latest)); install a newer madod or restore a backup")
    }

    /// Applies every migration above the database's version, each in its own transaction, with the
    /// new `user_version` written in the same transaction: a failure leaves the database exactly at
    /// the last version that applied. Foreign keys must be off (the caller turns them off), as sqlite's
    /// documented procedure for schema changes requires; violations are checked before each COMMIT.
    static func migrate(_ connection: Connection, with migrations: [Migration]) throws(StoreError) {
        for migration in migrations {
            try connection.execute("BEGIN IMMEDIATE")
            do throws(StoreError) {
                // Read inside the write lock, so two processes cannot both apply the same step.
                let current = try version(of: connection)
                guard migration.version > current else {
                    try connection.execute("COMMIT")
                    continue
                }
                try connection.executeScript(migration.sql)
                let violations = try connection.query("PRAGMA foreign_key_check")
                if !violations.isEmpty {
                    let tables = Set(violations.compactMap { $0.string("table") }).sorted().joined(separator: ", ")
                    throw StoreError(
                        kind: .migration, code: 787,
                        message: "it leaves \(violations.count) rows breaking foreign keys in \(tables)")
                }
                // PRAGMA takes no bound parameters; the version is an Int, not outside text.
                try connection.execute("PRAGMA user_version = \(migration.version)")
                try connection.execute("COMMIT")
            } catch {
                connection.rollbackIfOpen()
                let stayed = (try? version(of: connection)) ?? migration.version - 1
                throw StoreError(
                    kind: .migration, code: error.code,
                    message: "cannot migrate database \(connection.path) to schema version \(migration.version) "
                        + "(\(migration.name)): \(error.reason); the database stays at schema version \(stayed) "
                        + "and nothing of this migration was kept")
            }
        }
    }
}
