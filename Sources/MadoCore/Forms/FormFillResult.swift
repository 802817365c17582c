// SPDX-License-Identifier: Apache-2.0
// A form filled with one resident's answers: per page, the furniture and what each field shows.

/// The output of `FormFiller`: pages ready to draw, in order. A repeated form holds one copy of its
/// template's pages per `perPage` entries of the repeat list.
public struct FormFillResult: Sendable, Equatable {
    public let formID: String
    public let title: String
    public let pages: [FormFillPage]

    public init(formID: String, title: String, pages: [FormFillPage]) {
        self.formID = formID
        self.title = title
        self.pages = pages
    }
}

/// One filled page.
public struct FormFillPage: Sendable, Equatable {
    /// Index into the template's pages.
    public let templatePage: Int
    /// 0 for the first copy of the pages; 1… for the copies a repeat adds.
    public let copy: Int
    /// How many copies of the pages the form has in all.
    public let copies: Int
    public let frame: [FormFrameItem]
    public let fields: [FormFillField]

    public init(templatePage: Int, copy: Int, copies: Int, frame: [FormFrameItem], fields: [FormFillField]) {
        self.templatePage = templatePage
        self.copy = copy
        self.copies = copies
        self.frame = frame
        self.fields = fields
    }
}

/// One field on a filled page, already moved to its row.
public struct FormFillField: Sendable, Equatable {
    /// The template field's id; rows of a repeated field share it (`row` tells them apart).
    public let id: String
    /// The row on this page (0-based) of a repeated field; nil otherwise.
    public let row: Int?
    public let kind: FormFieldKind
    /// Where the field is drawn, in mm, rows already offset.
    public let box: FormRect
    public let size: Double
    public let minSize: Double
    public let align: FormTextAlign
    /// The digit cells (digits fields), drawn even when the row is empty.
    public let cells: Int?
    public let content: FormFillContent

    public init(
        id: String, row: Int?, kind: FormFieldKind, box: FormRect, size: Double, minSize: Double,
        align: FormTextAlign, cells: Int? = nil, content: FormFillContent
    ) {
        self.id = id
        self.row = row
        self.kind = kind
        self.box = box
        self.size = size
        self.minSize = minSize
        self.align = align
        self.cells = cells
        self.content = content
    }
}

/// What a field shows.
public enum FormFillContent: Sendable, Equatable {
    /// No answer: the box stays empty (the resident or clerk writes by hand).
    case empty
    /// Text; `\n` separates lines that must stay separate (an address's 方書).
    case text(String)
    /// Digits, one per cell, already right-aligned: `cells` has one entry per cell, nil for an empty cell.
    case digits([Character?])
    case checkbox(checked: Bool)
    /// The resident signs here.
    case signature
}
