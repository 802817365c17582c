// SPDX-License-Identifier: Apache-2.0
// SQLValue: one sqlite value, bound to a statement or read from a row.

/// The five sqlite storage classes. Literals work where a value is expected:
/// `db.execute("INSERT INTO meta VALUES (?, ?)", ["schema", "1"])`.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public init(_ value: Int) { self = .integer(Int64(value)) }
    public init(_ value: Int64) { self = .integer(value) }
    public init(_ value: String) { self = .text(value) }
    public init(_ value: Double) { self = .real(value) }
    /// sqlite has no boolean: true is 1 and false is 0, as in SQL itself.
    public init(_ value: Bool) { self = .integer(value ? 1 : 0) }
    public init(_ value: [UInt8]) { self = .blob(value) }
    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    public init(_ value: Double?) { self = value.map { .real($0) } ?? .null }

    public var isNull: Bool { self == .null }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self.init(value) }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}
