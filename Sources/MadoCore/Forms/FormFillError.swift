// SPDX-License-Identifier: Apache-2.0
// Why a form could not be filled or drawn, naming the form and field but never the value.

/// A form that cannot be produced. The message names `<form>.<field>` and the reason; the value itself
/// (a resident's name, number or address) never appears.
public struct FormFillError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The answer at the field's source is not what the kind needs (not a date, not digits, …).
        case invalidValue
        /// The text does not fit the field's box even at the smallest size, wrapped.
        case doesNotFit
        /// A character of the value is in none of the form fonts.
        case missingGlyph
        /// A procedure names a form that no template defines.
        case unknownForm
        /// Cairo or pango failed (out of memory, or a broken font installation).
        case drawingFailed
    }

    public let kind: Kind
    /// The form's id, e.g. `resident-move`.
    public let form: String
    /// The field's id, or nil when the problem is the whole form.
    public let field: String?
    public let message: String

    public init(_ kind: Kind, form: String, field: String? = nil, _ message: String) {
        self.kind = kind
        self.form = form
        self.field = field
        self.message = message
    }

    /// `form.field`, the way errors and the API name a field.
    public var fieldPath: String { field.map { "\(form).\($0)" } ?? form }

    public var description: String { message }
}
