// SPDX-License-Identifier: Apache-2.0
// The CLI's view of what `POST /v1/exams/{id}/read` answers: one reading (or error) per scanned page.
internal import Foundation
internal import MadoCore

/// The pages read from one scanned file.
struct SheetReadingView {
    struct Question {
        let id: String
        let chosen: [String]
        let confidence: Double
        let flags: [String]
    }

    struct Page {
        let index: Int
        let errorMessage: String?
        let sheetPage: Int?
        let rotation: Int
        let residual: Double?
        let studentNumber: String?
        let needsReview: Bool
        let questions: [Question]
    }

    let pages: [Page]

    static func read(_ r: JSONObjectReader) -> SheetReadingView? {
        let pages = r.array("pages") { element in
            element.lenientObject { p -> Page? in
                guard let index = p.requiredInt("page") else { return nil }
                let questions =
                    p.array("questions") { q in
                        q.lenientObject { o -> Question? in
                            guard let id = o.requiredString("id") else { return nil }
                            return Question(
                                id: id, chosen: o.stringArray("chosen") ?? [], confidence: o.double("confidence") ?? 0,
                                flags: o.stringArray("flags") ?? [])
                        }
                    } ?? []
                let error = p.lenientObject("error") { e in e.string("message") }
                return Page(
                    index: index, errorMessage: error ?? nil, sheetPage: p.int("sheetPage"),
                    rotation: p.int("rotation") ?? 0, residual: p.double("residual"),
                    studentNumber: p.string("studentNumber"), needsReview: p.bool("needsReview") ?? false,
                    questions: questions)
            }
        }
        return pages.map(SheetReadingView.init)
    }

    /// A block per page: the header line, then one line per question with its flags.
    func rendered(file: String) -> String {
        var text = ""
        for page in pages {
            if let message = page.errorMessage {
                text += "\(file) page \(page.index): cannot read: \(message)\n"
                continue
            }
            var header = "\(file) page \(page.index):"
            if let sheetPage = page.sheetPage { header += " sheet page \(sheetPage)" }
            if page.rotation != 0 { header += ", turned \(page.rotation)°" }
            if let residual = page.residual { header += ", fit \(String(format: "%.2f", residual))" }
            header += ", student \(page.studentNumber ?? "(unreadable)")"
            text += header + (page.needsReview ? "  — needs review" : "") + "\n"
            var table = TextTable(headers: ["Q", "ANSWER", "CONFIDENCE", "FLAGS"])
            for question in page.questions {
                table.append([
                    question.id, question.chosen.isEmpty ? "-" : question.chosen.joined(separator: ","),
                    String(format: "%.2f", question.confidence),
                    question.flags.isEmpty ? "" : question.flags.joined(separator: ","),
                ])
            }
            text += table.rendered()
        }
        return text
    }
}
