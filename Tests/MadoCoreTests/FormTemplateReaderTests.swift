// SPDX-License-Identifier: Apache-2.0
// Reading form templates: a correct one is understood, every mistake is named by its JSON path.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct FormTemplateReaderTests {
    /// The problems of a template, as `path: message` lines; empty when it reads.
    func problems(_ json: String, expectedID: String? = nil) -> [String] {
        do {
            _ = try FormTemplateReader.read(Data(json.utf8), file: "t.json", expectedID: expectedID)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// A template whose one page holds `frame` and `fields` (JSON array bodies).
    func template(fields: String, frame: String = "", extra: String = "", rows: String = "") -> String {
        """
        {"id": "t", "title": "テスト届"\(extra), "pages": [{"frame": [\(frame)], "fields": [\(fields)]\(rows)}]}
        """
    }

    @Test func readsEveryPartOfATemplate() throws {
        let json = template(
            fields: """
                {"id": "name", "source": "members[].name", "kind": "text", "box": [52, 41, 80, 10], "size": 12, "minSize": 7},
                {"id": "mn", "source": "members[].myNumber", "kind": "digits", "cells": 12, "box": [20, 60, 120, 6]},
                {"id": "male", "source": "members[].sex", "kind": "checkbox", "equals": "男", "box": [150, 60, 4, 4]},
                {"id": "date", "source": "notificationDate", "kind": "date-wareki", "box": [140, 20, 50, 8], "align": "right"},
                {"id": "sign", "kind": "signature", "box": [120, 250, 70, 15]}
                """,
            frame: """
                {"line": [20, 30, 190, 30], "width": 0.3, "dash": true},
                {"box": [20, 40, 30, 12], "width": 0.3, "shade": 0.9},
                {"text": "住民異動届", "at": [105, 20], "size": 18, "align": "center", "weight": "bold"},
                {"note": "※ 確認のうえ署名してください。", "box": [20, 270, 170, 15], "size": 8}
                """,
            extra: #", "repeat": {"list": "members", "perPage": 4}"#, rows: #", "rows": {"pitch": 14}"#)
        let form = try FormTemplateReader.read(Data(json.utf8), file: "t.json", expectedID: "t")
        #expect(form.id == "t" && form.title == "テスト届")
        #expect(form.repetition == FormRepetition(list: "members", perPage: 4))
        let page = try #require(form.pages.first)
        #expect(page.rows == FormRows(pitch: 14))
        #expect(page.frame.count == 4)
        #expect(
            page.frame[0]
                == .line(from: FormPoint(x: 20, y: 30), to: FormPoint(x: 190, y: 30), width: 0.3, dashed: true))
        #expect(page.frame[2] == .text("住民異動届", at: FormPoint(x: 105, y: 20), size: 18, align: .center, weight: .bold))
        #expect(page.fields.map(\.kind) == [.text, .digits, .checkbox, .dateWareki, .signature])
        #expect(page.fields[0].isRepeated && !page.fields[3].isRepeated)
        #expect(page.fields[0].minSize == 7 && page.fields[1].cells == 12 && page.fields[2].equals == "男")
        #expect(page.fields[3].align == .right && page.fields[3].minSize == 6)
    }

    @Test(arguments: [
        // A box that reaches past the right edge of A4.
        (
            #"{"id": "a", "source": "notifier.name", "kind": "text", "box": [150, 10, 70, 10]}"#,
            "pages[0].fields[0].box: [150, 10, 70, 10] reaches outside the A4 page (210 × 297 mm)"
        ),
        (
            #"{"id": "a", "source": "notifier.name", "kind": "txt", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].kind: unknown kind \"txt\""
        ),
        (
            #"{"id": "a", "source": "members[0].myNumber", "kind": "digits", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].cells: is required for a digits field"
        ),
        (
            #"{"id": "a", "source": "notifier.name", "kind": "text", "cells": 3, "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].cells: only digits fields have cells"
        ),
        (
            #"{"id": "a", "source": "notifer.name", "kind": "text", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].source: unknown answer \"notifer\""
        ),
        (
            #"{"id": "a", "source": "members[].name", "kind": "text", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].source: \"[]\" needs a \"repeat\" on the form"
        ),
        (
            #"{"id": "a", "source": "notifier..name", "kind": "text", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].source: expected a dotted path"
        ),
        (
            #"{"id": "a", "kind": "text", "box": [10, 10, 70, 10]}"#,
            "pages[0].fields[0].source: is required for a text field"
        ),
        (
            #"{"id": "a", "source": "notifier.name", "kind": "text", "box": [10, 10, 70, 10], "size": 9, "minSize": 10}"#,
            "pages[0].fields[0].minSize: must not exceed size (9 pt), found 10"
        ),
        (
            #"{"id": "a", "source": "notifier.name", "kind": "text", "box": [10, 10, 70, 10], "colour": "red"}"#,
            "pages[0].fields[0].colour: unknown key"
        ),
        (
            #"{"id": "a", "source": "notifier.name", "kind": "text", "box": [10, 10, 70]}"#,
            "pages[0].fields[0].box: expected 4 numbers, found 3"
        ),
    ])
    func namesEachFieldMistakeByPath(field: String, expected: String) {
        let found = problems(template(fields: field))
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func findsDuplicateFieldIDsAcrossPages() {
        let json = """
            {"id": "t", "title": "t", "pages": [
              {"fields": [{"id": "name", "source": "notifier.name", "kind": "text", "box": [10, 10, 50, 8]}]},
              {"fields": [{"id": "name", "source": "householder.name", "kind": "text", "box": [10, 10, 50, 8]}]}]}
            """
        #expect(
            problems(json) == [#"pages[1].fields[0].id: duplicate field id "name" (first at pages[0].fields[0].id)"#])
    }

    @Test func refusesRowsThatRunOffThePage() {
        let json = template(
            fields: #"{"id": "n", "source": "members[].name", "kind": "text", "box": [10, 210, 50, 10]}"#,
            extra: #", "repeat": {"list": "members", "perPage": 5}"#, rows: #", "rows": {"pitch": 20}"#)
        #expect(
            problems(json).contains {
                $0.hasPrefix("pages[0].fields[0].box: row 5 of 5 (pitch 20 mm) ends at y = 300 mm")
            })
    }

    @Test func namesFrameMistakes() {
        let found = problems(
            template(
                fields: "",
                frame:
                    #"{"line": [10, 10, 300, 10]}, {"box": [10, 10, 20, 5], "shade": 2}, {"circle": [1, 2]}, {"text": "氏名", "at": [10, 10], "align": "middle"}"#
            ))
        #expect(found.contains { $0.hasPrefix("pages[0].frame[0].line: point (300, 10) lies outside the A4 page") })
        #expect(
            found.contains {
                $0.hasPrefix("pages[0].frame[1].shade: must be a grey level between 0 (black) and 1 (white)")
            })
        #expect(found.contains { $0.hasPrefix("pages[0].frame[2]: expected a frame item") })
        #expect(found.contains { $0.hasPrefix("pages[0].frame[3].align: must be one of left, center, right") })
    }

    @Test func checksTheFormAsAWhole() {
        #expect(
            problems(template(fields: ""), expectedID: "resident-move") == [
                #"id: must match the file name "resident-move.json", found "t""#
            ])
        #expect(problems(#"{"id": "t", "title": "t"}"#) == ["pages: is required"])
        #expect(
            problems(
                #"{"id": "t", "title": "t", "pages": [{"fields": []}], "repeat": {"list": "members", "perPage": 4}}"#
            )
            .contains { $0.hasPrefix("repeat: no field repeats over \"members\"") })
        // A syntax error is one problem, at the document.
        #expect(problems("{\"id\": ").count == 1)
    }

    @Test func catalogReadsADirectoryAndNamesTheBrokenFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"id": "a", "title": "A", "pages": [{"fields": []}]}"#.utf8).write(
            to: dir.appendingPathComponent("a.json"))
        let catalog = try FormTemplateCatalog.load(directory: dir)
        #expect(catalog.ids == ["a"] && catalog["a"]?.title == "A")

        try Data(#"{"id": "c", "title": "B", "pages": [{"fields": []}]}"#.utf8).write(
            to: dir.appendingPathComponent("b.json"))
        #expect {
            try FormTemplateCatalog.load(directory: dir)
        } throws: { error in
            (error as? FormTemplateError)?.problems.map(\.description) == [
                #"b.json: id: must match the file name "b.json", found "c""#
            ]
        }
    }
}
