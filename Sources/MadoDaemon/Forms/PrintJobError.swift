// SPDX-License-Identifier: Apache-2.0
// The error of madod's form printing: what was done to which job or printer, why, what to do.

/// A form-printing problem a technician can act on. Names jobs, bundles, forms and printers by id,
/// never the resident's data.
public struct PrintJobError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
