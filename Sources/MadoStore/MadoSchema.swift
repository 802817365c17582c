// SPDX-License-Identifier: Apache-2.0
// MadoSchema: madod's database schema as an ordered list of migrations.

/// The project's schema. Append a migration for every change; never edit one that has shipped
/// (databases in the field have already applied it and will not run it again).
public enum MadoSchema {
    public static let migrations: [Migration] = [
        Migration(
            version: 1, name: "meta and daemon starts",
            sql: """
                CREATE TABLE meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) STRICT;
                CREATE TABLE daemon_starts (
                    id INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    version TEXT NOT NULL
                ) STRICT;
                """)
    ]

    public static var latestVersion: Int { migrations.last?.version ?? 0 }
}
