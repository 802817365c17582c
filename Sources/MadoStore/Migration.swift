// SPDX-License-Identifier: Apache-2.0
// Migration: one numbered step of the schema, applied once and never edited after it ships.

/// A schema step. `version` counts up from 1 with no gaps; the database's `PRAGMA user_version` says
/// which steps have been applied. `sql` may hold several statements; it runs inside a transaction
/// that the migrator opens, so it must not contain BEGIN/COMMIT or VACUUM.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
