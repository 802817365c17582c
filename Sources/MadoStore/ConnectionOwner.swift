// SPDX-License-Identifier: Apache-2.0
// ConnectionOwner: the serial queue that is the only place the sqlite connection is used.
@preconcurrency import Dispatch

/// Runs every use of the connection on one serial DispatchQueue, so sqlite never sees two threads
/// at once and blocking file I/O never runs on Swift's cooperative pool.
///
/// @unchecked Sendable: `connection` is read and replaced only inside blocks on `queue`, which is
/// serial; no block can be pending when `deinit` runs, because each block holds a reference.
final class ConnectionOwner: @unchecked Sendable {
    enum TransactionKind { case read, write }

    let path: String
    let isInMemory: Bool
    private let queue: DispatchQueue
    private let onQueueKey = DispatchSpecificKey<Bool>()
    private var connection: Connection?

    init(connection: Connection, path: String, isInMemory: Bool) {
        self.connection = connection
        self.path = path
        self.isInMemory = isInMemory
        queue = DispatchQueue(label: "mado.store", qos: .userInitiated)
        queue.setSpecific(key: onQueueKey, value: true)
    }

    private func refuseNesting() {
        // queue.sync from a block already on the queue would deadlock the daemon for good.
        precondition(
            DispatchQueue.getSpecific(key: onQueueKey) != true,
            "a database call was made from inside a read/write body; use the Connection it was given")
    }

    /// Runs `body` on the queue and waits for it. The closure handed to `sync` is not `@Sendable`
    /// because `body` need not be; it runs before `sync` returns, and it is formed in this nonisolated
    /// method, so it carries no actor isolation that could trap off the main thread.
    func sync<T>(_ body: (Connection?) throws -> T) rethrows -> T {
        refuseNesting()
        return try queue.sync { try body(self.connection) }
    }

    /// Like `sync`, keeping the error type (stdlib's `rethrows` would erase it).
    func syncTyped<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        refuseNesting()
        let result: Result<T, StoreError> = queue.sync {
            guard let connection = self.connection else { return .failure(StoreError.closed(self.path)) }
            return Result { () throws(StoreError) -> T in try body(connection) }
        }
        return try result.get()
    }

    /// Runs `body` in a transaction on the queue and resumes the caller with its result. A write's
    /// caller is resumed only after COMMIT has returned (and, with synchronous=FULL, the WAL is synced).
    func transactionAsync<T: Sendable>(
        _ kind: TransactionKind, _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.async { @Sendable in
                continuation.resume(with: Result { try self.transaction(kind, self.connection, body) })
            }
        }
    }

    func transactionSync<T>(_ kind: TransactionKind, _ body: (Connection) throws -> T) throws -> T {
        try sync { connection in try self.transaction(kind, connection, body) }
    }

    /// BEGIN, body, COMMIT; ROLLBACK when anything fails. A write begins IMMEDIATE so that it takes
    /// the write lock at once rather than failing with "busy" halfway through.
    private func transaction<T>(
        _ kind: TransactionKind, _ connection: Connection?, _ body: (Connection) throws -> T
    ) throws -> T {
        guard let connection, connection.isOpen else { throw StoreError.closed(path) }
        try connection.execute(kind == .write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        let value: T
        do {
            if kind == .read { try connection.enterReadOnlyScope() }
            value = try body(connection)
        } catch {
            connection.leaveReadOnlyScope()
            connection.rollbackIfOpen()
            throw error
        }
        connection.leaveReadOnlyScope()
        guard connection.isInTransaction else {
            throw StoreError(
                kind: .query,
                message: "a \(kind) body on \(path) ended its transaction itself; use SAVEPOINT inside a write, "
                    + "never BEGIN, COMMIT or ROLLBACK")
        }
        do {
            try connection.execute("COMMIT")
        } catch {
            connection.rollbackIfOpen()
            throw error
        }
        return value
    }

    /// Closes the connection; later calls fail with `.closed`. Closing twice is harmless.
    func close() throws(StoreError) {
        refuseNesting()
        let result: Result<Void, StoreError> = queue.sync {
            Result { () throws(StoreError) in
                try self.connection?.close()
                self.connection = nil
            }
        }
        try result.get()
    }
}
