// SPDX-License-Identifier: Apache-2.0
// The shipped form templates (config/forms/*.json): all load, all fit the printable page, none collide.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct FormCatalogTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let formsDirectory = repository.appendingPathComponent("config/forms")

    /// The form ids of the forms spec (/work/notes/forms-spec.md): the planner names these in its
    /// procedures, so a missing file is a procedure that prints nothing.
    static let specIDs: Set<String> = [
        "resident-move", "nhi-enrollment", "nhi-withdrawal", "care-insurance", "child-allowance-claim",
        "child-medical-subsidy", "seal-registration", "funeral-expenses", "certificate-request", "national-pension",
        "late-elderly-medical",
    ]

    /// A printer cannot reach the last few millimetres of the sheet: every field keeps this far from the edges.
    static let printableMargin = 5.0

    /// Every answer path a template may read: the answers vocabulary of the forms spec, the sources the
    /// filler adds (`city.*`, `today`, `procedure.reason`, `event.name`, `subjects[]`), nothing else.
    static let vocabulary: Set<String> = {
        let person = [
            "name", "kana", "birthDate", "sex", "relationship", "myNumber", "insurance", "careCertified", "pension",
        ]
        let address = ["postalCode", "prefecture", "municipality", "town", "banchi", "katagaki"]
        var paths: Set<String> = [
            "notificationDate", "moveDate", "plannedMoveDate",
            "notifier.name", "notifier.kana", "notifier.role", "notifier.phone",
            "householder.name", "householder.kana", "previousHouseholder.name", "previousHouseholder.kana",
            "deathDate", "deathPlace", "funeral.hostName", "funeral.date",
            "sealRegistration", "certificateCopies",
            "bank.name", "bank.branch", "bank.type", "bank.number", "bank.holderKana",
            "city.name", "city.mayor", "today", "procedure.reason", "event.name",
        ]
        for root in ["address", "previousAddress", "nextAddress"] {
            paths.insert(root)
            for key in address { paths.insert("\(root).\(key)") }
        }
        for root in ["members[]", "household[]", "subjects[]", "deceased", "child"] {
            for key in person { paths.insert("\(root).\(key)") }
        }
        return paths
    }()

    static func templateFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: formsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static func templates() throws -> [FormTemplate] {
        try templateFiles().map { url in
            try FormTemplateReader.read(Data(contentsOf: url), file: url.lastPathComponent)
        }
    }

    /// Each field as printed: a repeated field once per row, `pitch` mm apart.
    static func placedFields(_ template: FormTemplate, _ page: FormPage) -> [(name: String, box: FormRect)] {
        page.fields.flatMap { field -> [(name: String, box: FormRect)] in
            guard field.isRepeated, let repetition = template.repetition else { return [(field.id, field.box)] }
            let pitch = page.rows?.pitch ?? 0
            return (0..<repetition.perPage).map { row in
                ("\(field.id) row \(row + 1)", field.box.offset(dy: Double(row) * pitch))
            }
        }
    }

    @Test func theCatalogLoadsEveryFileWithoutProblems() async throws {
        let catalog = try FormTemplateCatalog.load(directory: Self.formsDirectory)
        #expect(catalog.ids.count == (try Self.templateFiles()).count)
    }

    @Test func everyFormOfTheSpecExists() async throws {
        let catalog = try FormTemplateCatalog.load(directory: Self.formsDirectory)
        let missing = Self.specIDs.subtracting(catalog.ids)
        #expect(missing.isEmpty, "forms named by the spec but missing from config/forms: \(missing.sorted())")
    }

    @Test func eachFileIsNamedAfterItsID() async throws {
        for url in try Self.templateFiles() {
            let template = try FormTemplateReader.read(Data(contentsOf: url), file: url.lastPathComponent)
            #expect(template.id + ".json" == url.lastPathComponent)
            #expect(!template.title.isEmpty, "\(template.id) has no title")
        }
    }

    @Test func everyFieldLiesInsideThePrintableArea() async throws {
        let m = Self.printableMargin
        for template in try Self.templates() {
            for (p, page) in template.pages.enumerated() {
                for (name, box) in Self.placedFields(template, page) {
                    let inside =
                        box.x >= m && box.y >= m && box.maxX <= FormTemplate.pageWidth - m
                        && box.maxY <= FormTemplate.pageHeight - m
                    #expect(
                        inside,
                        "\(template.id) page \(p + 1) field \(name) [\(box.x), \(box.y), \(box.width), \(box.height)] is closer than \(m) mm to the edge"
                    )
                }
            }
        }
    }

    @Test func noTwoFieldsOverlap() async throws {
        for template in try Self.templates() {
            for (p, page) in template.pages.enumerated() {
                let placed = Self.placedFields(template, page)
                for i in placed.indices {
                    for j in placed.indices where j > i {
                        let a = placed[i].box
                        let b = placed[j].box
                        let overlaps = a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
                        #expect(
                            !overlaps, "\(template.id) page \(p + 1): \(placed[i].name) overlaps \(placed[j].name)")
                    }
                }
            }
        }
    }

    @Test func everySourceIsInTheAnswersVocabulary() async throws {
        for template in try Self.templates() {
            for page in template.pages {
                for field in page.fields {
                    guard let source = field.source else {
                        #expect(field.kind == .signature, "\(template.id).\(field.id) has no source")
                        continue
                    }
                    let known = Self.vocabulary.contains(source)
                    #expect(
                        known,
                        "\(template.id).\(field.id) reads \(source), which the answers vocabulary does not have")
                }
            }
        }
    }

    @Test func everyFormIsAddressedToTheMayorAndDated() async throws {
        for template in try Self.templates() {
            let fields = template.pages.flatMap(\.fields)
            #expect(fields.contains { $0.source == "city.mayor" }, "\(template.id) is not addressed to the mayor")
            #expect(
                fields.contains { $0.source == "notificationDate" && $0.kind == .dateWareki },
                "\(template.id) has no 届出日 in 和暦")
        }
    }

    @Test func formsTheResidentSignsHaveASignatureBox() async throws {
        let signed: Set<String> = [
            "resident-move", "child-allowance-claim", "child-medical-subsidy", "seal-registration",
            "funeral-expenses",
        ]
        for template in try Self.templates() where signed.contains(template.id) {
            #expect(
                template.pages.flatMap(\.fields).contains { $0.kind == .signature },
                "\(template.id) has no signature box")
        }
    }

    @Test func myNumberIsTwelveCellsAndBankAccountsSevenWherePrinted() async throws {
        for template in try Self.templates() {
            for field in template.pages.flatMap(\.fields) {
                if field.source?.hasSuffix(".myNumber") == true {
                    #expect(field.kind == .digits && field.cells == 12, "\(template.id).\(field.id)")
                }
                if field.source == "bank.number" {
                    #expect(field.kind == .digits && field.cells == 7, "\(template.id).\(field.id)")
                }
            }
        }
        let payments = ["child-allowance-claim", "funeral-expenses", "child-medical-subsidy"]
        let templates = try Self.templates()
        for id in payments {
            let fields = templates.first { $0.id == id }?.pages.flatMap(\.fields) ?? []
            #expect(fields.contains { $0.source == "bank.number" }, "\(id) pays money but has no bank account")
        }
    }
}
