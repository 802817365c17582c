// SPDX-License-Identifier: Apache-2.0
// A municipal paper form as data: printed furniture and the fields the filler writes into, in mm on A4.

/// One form template, read from `config/forms/<id>.json` by `FormTemplateReader`.
///
/// Coordinates are millimetres from the page's top-left corner; every page is A4 portrait.
public struct FormTemplate: Sendable, Equatable {
    /// A4 portrait in millimetres.
    public static let pageWidth = 210.0
    public static let pageHeight = 297.0

    /// The file name without `.json`, e.g. `resident-move`.
    public let id: String
    /// The form's printed name, e.g. 住民異動届.
    public let title: String
    /// When set, fields whose source has `[]` walk this list, `perPage` entries per copy of the pages.
    public let repetition: FormRepetition?
    public let pages: [FormPage]

    public init(id: String, title: String, repetition: FormRepetition? = nil, pages: [FormPage]) {
        self.id = id
        self.title = title
        self.repetition = repetition
        self.pages = pages
    }
}

/// `"repeat": {"list": "members", "perPage": 4}`: more entries than rows → another copy of the pages.
public struct FormRepetition: Sendable, Equatable {
    /// A list source such as `members` or `subjects`.
    public let list: String
    public let perPage: Int

    public init(list: String, perPage: Int) {
        self.list = list
        self.perPage = perPage
    }
}

/// One A4 page of a template.
public struct FormPage: Sendable, Equatable {
    /// Printed furniture, drawn before the fields.
    public let frame: [FormFrameItem]
    public let fields: [FormField]
    /// How far apart repeated rows are; required when a field's source has `[]`.
    public let rows: FormRows?

    public init(frame: [FormFrameItem], fields: [FormField], rows: FormRows? = nil) {
        self.frame = frame
        self.fields = fields
        self.rows = rows
    }
}

/// `"rows": {"pitch": 14}`: row n of a repeated field is drawn `n × pitch` mm below row 0.
public struct FormRows: Sendable, Equatable {
    public let pitch: Double

    public init(pitch: Double) { self.pitch = pitch }
}

/// A rectangle in millimetres: top-left corner, width and height.
public struct FormRect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The same rectangle `dy` mm lower (a repeated row).
    public func offset(dy: Double) -> FormRect { FormRect(x: x, y: y + dy, width: width, height: height) }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// A point in millimetres from the page's top-left.
public struct FormPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public enum FormTextAlign: String, Sendable, Equatable, CaseIterable {
    case left, center, right
}

public enum FormFontWeight: String, Sendable, Equatable, CaseIterable {
    case regular, bold
}

/// Printed furniture: what the blank paper form shows.
public enum FormFrameItem: Sendable, Equatable {
    /// `{"line": [x1, y1, x2, y2], "width": 0.3, "dash": false}`
    case line(from: FormPoint, to: FormPoint, width: Double, dashed: Bool)
    /// `{"box": [x, y, w, h], "width": 0.5, "shade": 0.9}`; `width` 0 draws no border, `shade` is the
    /// grey level of the fill (1 = white, none = unfilled).
    case box(FormRect, width: Double, shade: Double?)
    /// `{"text": "氏名", "at": [x, y], "size": 9, "align": "left", "weight": "regular"}`; `at` is the
    /// baseline's left, centre or right end by `align`. A `\n` starts another line below.
    case text(String, at: FormPoint, size: Double, align: FormTextAlign, weight: FormFontWeight)
    /// `{"note": "※ …", "box": [x, y, w, h], "size": 8}`: text wrapped inside the box.
    case note(String, box: FormRect, size: Double)
}

/// What a field's value means and so how it is printed.
public enum FormFieldKind: String, Sendable, Equatable, CaseIterable {
    case text
    /// Hiragana or katakana, printed as full-width katakana.
    case kana
    /// 令和元年5月1日
    case dateWareki = "date-wareki"
    /// 2026年12月3日
    case date
    /// 〒123-4567 (the frame should not print its own 〒).
    case postal
    /// 都道府県 市区町村 町域 番地, 方書 on its own line.
    case address
    /// One digit per cell (`cells` required), right-aligned (右詰め) when shorter. The renderer draws the
    /// cells itself (the box divided evenly into `cells`), so the frame need not.
    case digits
    /// ✓ when the value equals `equals`, or when a boolean is true. The renderer draws the square (the
    /// field's box); the frame prints the label beside it.
    case checkbox
    /// The 続柄 wording.
    case relationship
    /// 満年齢 at the notification date, the number only (the frame prints 歳).
    case age
    case phone
    /// Left blank for the resident's signature; the renderer draws the box with a light 「署名」 label.
    case signature
}

/// One place on the page where the filler writes a value.
public struct FormField: Sendable, Equatable {
    /// Unique within the form; errors name the field as `<form>.<field>`.
    public let id: String
    /// A dotted path into the answers (`notifier.name`, `members[].birthDate`, `members[0].name`,
    /// `city.mayor`); nil only for signatures.
    public let source: String?
    public let kind: FormFieldKind
    public let box: FormRect
    /// The preferred font size in points.
    public let size: Double
    /// The smallest size the text may shrink to before it wraps.
    public let minSize: Double
    /// The number of digit cells (digits only), laid out evenly across the box.
    public let cells: Int?
    /// The value that checks a checkbox.
    public let equals: String?
    public let align: FormTextAlign

    public init(
        id: String, source: String?, kind: FormFieldKind, box: FormRect, size: Double = 10, minSize: Double = 6,
        cells: Int? = nil, equals: String? = nil, align: FormTextAlign = .left
    ) {
        self.id = id
        self.source = source
        self.kind = kind
        self.box = box
        self.size = size
        self.minSize = minSize
        self.cells = cells
        self.equals = equals
        self.align = align
    }

    /// True when the source walks the form's repeat list (`members[].name`): drawn once per row.
    public var isRepeated: Bool { source?.contains("[]") ?? false }
}
