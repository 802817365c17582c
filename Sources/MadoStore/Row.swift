// SPDX-License-Identifier: Apache-2.0
// Row: one result row, copied out of sqlite so it can outlive the statement and cross threads.

/// Column names of one statement's result, shared by all its rows.
final class ColumnLayout: Sendable {
    let names: [String]
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        // With duplicate names (a join selecting two `id` columns) the first one wins, as in sqlite's
        // own C API users; alias the column in SQL to reach the other.
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        indexByName = index
    }

    func index(of name: String) -> Int? { indexByName[name] }
}

/// A result row. Columns are found by the name the SQL gives them (`SELECT count(*) AS n` → `"n"`).
/// A name the row does not have reads as `.null`, like a NULL column, so `int("typo")` is `nil`;
/// `hasColumn(_:)` tells the two apart. An index out of range is a programming error and traps.
public struct Row: Sendable {
    let layout: ColumnLayout
    public let values: [SQLValue]

    init(layout: ColumnLayout, values: [SQLValue]) {
        self.layout = layout
        self.values = values
    }

    public var columnNames: [String] { layout.names }
    public var count: Int { values.count }
    public func hasColumn(_ column: String) -> Bool { layout.index(of: column) != nil }

    public subscript(_ column: String) -> SQLValue {
        guard let index = layout.index(of: column) else { return .null }
        return values[index]
    }

    public subscript(_ index: Int) -> SQLValue { values[index] }

    public func int(_ column: String) -> Int? {
        guard case .integer(let value) = self[column] else { return nil }
        return Int(exactly: value)
    }

    public func int64(_ column: String) -> Int64? {
        guard case .integer(let value) = self[column] else { return nil }
        return value
    }

    /// An integer column read as a flag: 0 is false, anything else true.
    public func bool(_ column: String) -> Bool? { int64(column).map { $0 != 0 } }

    public func string(_ column: String) -> String? {
        guard case .text(let value) = self[column] else { return nil }
        return value
    }

    /// A REAL column, or an INTEGER one widened (sqlite stores 2.0 as the integer 2 in a NUMERIC column).
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    public func blob(_ column: String) -> [UInt8]? {
        guard case .blob(let value) = self[column] else { return nil }
        return value
    }
}
