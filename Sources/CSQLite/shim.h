#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import: sqlite copies the bound bytes at once.
static inline void *mado_sqlite_transient(void) { return (void *)SQLITE_TRANSIENT; }

/// sqlite3_db_config() is variadic, which Swift cannot call. Double-quoted "strings" silently become
/// string literals when a column name is misspelt; turning them off makes such SQL fail at prepare.
static inline void mado_sqlite_disable_double_quoted_strings(sqlite3 *db) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, (void *)0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, (void *)0);
}

/// Defensive mode refuses the few statements (writable_schema, some PRAGMAs) that can corrupt a
/// database file on purpose or by accident. Returns the sqlite result code.
static inline int mado_sqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (void *)0);
}
