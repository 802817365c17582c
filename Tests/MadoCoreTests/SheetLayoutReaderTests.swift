// SPDX-License-Identifier: Apache-2.0
// The sheet layout JSON: what the writer writes is read back unchanged, and mistakes are reported by path.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct SheetLayoutReaderTests {
    private func problems(_ text: String) -> [String] {
        switch SheetLayoutReader.read(text: text) {
        case .success: return []
        case .failure(let error): return error.problems.map(\.description)
        }
    }

    private let minimal = """
        {"units": "mm", "width": 210, "height": 297, "page": 1, "layoutVersion": 1,
         "alignment": {"kind": "marks", "marks": [
           {"centre": [12, 12], "size": 7, "shape": "square", "searchArea": [0, 0, 40, 40]},
           {"centre": [198, 12], "size": 7, "shape": "square", "searchArea": [170, 0, 40, 40]},
           {"centre": [198, 285], "size": 7, "shape": "square", "searchArea": [170, 257, 40, 40]}]},
         "fields": [{"id": "q1", "kind": "choice", "question": "1", "multiple": false,
           "bubbles": [{"label": "ア", "centre": [40, 125], "size": [5, 3.6], "shape": "ellipse"}]}],
         "writtenBoxes": []}
        """

    @Test func theWrittenLayoutReadsBackUnchanged() throws {
        let layout = OMRFixtures.layout()
        let text = SheetLayoutWriter.text(layout)
        #expect(try SheetLayoutReader.read(text: text).get() == layout)
        // Whole numbers are written without ".0", halves exactly.
        #expect(text.contains("\"size\":[5,3.6]"))
        #expect(text.contains("\"examId\":\"2026-2-sci-midterm\""))
        var foreign = layout
        foreign.units = .pixels
        foreign.alignment = .pageEdges
        foreign.orientationMark = nil
        #expect(try SheetLayoutReader.read(text: SheetLayoutWriter.text(foreign)).get() == foreign)
    }

    @Test func aHandWrittenMinimalLayoutReads() throws {
        let layout = try SheetLayoutReader.read(text: minimal).get()
        #expect(layout.alignmentMarks.count == 3)
        #expect(layout.fields[0].bubbles[0].height == 3.6)
        #expect(layout.fields[0].kind == .choice(questionID: "1", multiple: false))
    }

    @Test func mistakesAreReportedByPathAllAtOnce() {
        let text = minimal.replacingOccurrences(of: "\"units\": \"mm\"", with: "\"units\": \"inch\", \"colour\": 1")
            .replacingOccurrences(of: "\"size\": [5, 3.6]", with: "\"size\": [5, -1]")
            .replacingOccurrences(of: "\"kind\": \"choice\"", with: "\"kind\": \"ranking\"")
        let found = problems(text)
        #expect(found.contains("units: must be one of mm, px, found \"inch\""))
        #expect(found.contains("colour: unknown key"))
        #expect(found.contains("fields[0].bubbles[0].size: width and height must be positive"))
        #expect(found.contains("fields[0].kind: must be \"choice\" or \"digit\", found \"ranking\""))
    }

    @Test func aLayoutNeedsThreeMarksAndUniqueIdsAndLabels() {
        let twoMarks = minimal.replacingOccurrences(
            of:
                ",\n   {\"centre\": [198, 285], \"size\": 7, \"shape\": \"square\", \"searchArea\": [170, 257, 40, 40]}",
            with: "")
        #expect(problems(twoMarks).contains { $0.hasPrefix("alignment.marks: needs at least 3 alignment marks") })
        var layout = OMRFixtures.layout()
        layout.fields[5].id = layout.fields[4].id
        layout.fields[6].bubbles[1].label = layout.fields[6].bubbles[0].label
        let found = problems(SheetLayoutWriter.text(layout))
        #expect(found.contains("fields[5].id: \"q1\" is used by an earlier field"))
        #expect(found.contains("fields[6].bubbles[1].label: \"ア\" appears twice in this field"))
    }

    @Test func aMarkOutsideItsSearchAreaAndNonJSONAreRefused() {
        let outside = minimal.replacingOccurrences(of: "[0, 0, 40, 40]", with: "[100, 100, 40, 40]")
        #expect(problems(outside).contains("alignment.marks[0].searchArea: does not contain the mark's centre"))
        #expect(problems("{\"units\": ").first?.hasPrefix("invalid JSON at line 1") == true)
        #expect(problems("[]") == ["expected an object, found an array"])
    }
}
