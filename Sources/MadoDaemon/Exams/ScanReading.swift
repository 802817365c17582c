// SPDX-License-Identifier: Apache-2.0
// One scanned file read page by page: decode, say which sheet page it is (the QR code), read the marks,
// and answer JSON with a reading or a clear error per page. A bad page never hides the good ones.
import Foundation
import MadoCore
import MadoImaging
import MadoServer

enum ScanReading {
    /// The layout a page is read against, and what its QR code said (nil for sheets without one).
    struct Target {
        let layout: SheetLayout
        let qr: SheetQRPayload?
    }

    /// Why one page could not be read, in words for the technician or teacher.
    struct PageFailure: Error {
        let code: String
        let message: String
    }

    /// Reads every page of `data`; `target` picks the layout for a decoded page.
    static func read(
        _ data: Data, name: String?, target: (GrayImage) throws(PageFailure) -> Target
    ) throws(APIError) -> JSONValue {
        let pages: [Result<GrayImage, ImageDecodeError>]
        do {
            pages = try ScannedImageDecoder.decodePages(data, fileName: name)
        } catch {
            throw APIError(status: 422, code: "unreadable_image", message: error.description, field: "body")
        }
        var answers: [JSONValue] = []
        for (index, page) in pages.enumerated() {
            let number = index + 1
            switch page {
            case .failure(let error):
                answers.append(failure(number, PageFailure(code: "unreadable_image", message: error.description)))
            case .success(let image):
                do throws(PageFailure) {
                    let chosen = try target(image)
                    let reading: SheetReading
                    do {
                        reading = try OMRReader(layout: chosen.layout).read(image)
                    } catch {
                        throw PageFailure(code: "unreadable_sheet", message: error.description)
                    }
                    answers.append(json(number, reading, target: chosen))
                } catch {
                    answers.append(failure(number, error))
                }
            }
        }
        var members: [(String, JSONValue)] = []
        if let name { members.append(("name", .string(name))) }
        members.append(("pages", .array(answers)))
        return .object(JSONObject(members))
    }

    /// Which page of `exam` the image is, from its QR code; a one-page exam does without.
    static func identify(_ image: GrayImage, exam: ExamDefinition, layouts: [SheetLayout]) throws(PageFailure) -> Target
    {
        let payloads = sheetCodes(in: image, layout: layouts[0])
        guard let qr = payloads.first else {
            if layouts.count == 1 { return Target(layout: layouts[0], qr: nil) }
            throw PageFailure(
                code: "no_sheet_code",
                message: "the sheet's QR code could not be read, so it is unknown which of the exam's "
                    + "\(layouts.count) pages this is; rescan it, or check the print is not faint or cut off")
        }
        guard qr.examID == exam.id else {
            throw PageFailure(
                code: "other_exam", message: "this page is a sheet of the exam \"\(qr.examID)\", not \"\(exam.id)\"")
        }
        guard let layout = layouts.first(where: { $0.page == qr.page }) else {
            throw PageFailure(
                code: "unknown_page", message: "the QR code names page \(qr.page), but the exam has \(layouts.count)")
        }
        guard layout.layoutVersion == qr.layoutVersion else {
            throw PageFailure(
                code: "layout_changed",
                message: "this sheet was printed with layout version \(qr.layoutVersion), but the exam now lays "
                    + "out as version \(layout.layoutVersion) (its questions changed after printing); "
                    + "restore the definition the sheets were printed from")
        }
        return Target(layout: layout, qr: qr)
    }

    /// The sheet codes on a page. Every page of our sheets has the same marks and QR box, so the first page's
    /// layout finds where the code is and only that box is scanned (a whole 200-dpi page takes zbar far
    /// longer than reading every bubble); the whole page is scanned only when that fails.
    private static func sheetCodes(in image: GrayImage, layout: SheetLayout) -> [SheetQRPayload] {
        if let box = layout.qrCode, let transform = try? OMRReader(layout: layout).locate(image) {
            let margin = box.width * 0.25
            let corners = [
                Point(x: box.x - margin, y: box.y - margin), Point(x: box.maxX + margin, y: box.y - margin),
                Point(x: box.x - margin, y: box.maxY + margin), Point(x: box.maxX + margin, y: box.maxY + margin),
            ].map(transform.apply)
            let xs = corners.map(\.x), ys = corners.map(\.y)
            let region = Rect(
                x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
            let found = QRCodeScanner.scan(image, region: region).compactMap { SheetQRPayload(parsing: $0.text) }
            if !found.isEmpty { return found }
        }
        return QRCodeScanner.scan(image).compactMap { SheetQRPayload(parsing: $0.text) }
    }

    private static func failure(_ number: Int, _ failure: PageFailure) -> JSONValue {
        .object(
            JSONObject([
                ("page", .number(String(number))),
                (
                    "error",
                    .object(JSONObject([("code", .string(failure.code)), ("message", .string(failure.message))]))
                ),
            ]))
    }

    private static func json(_ number: Int, _ reading: SheetReading, target: Target) -> JSONValue {
        var flags: [String] = []
        var needsReview = reading.needsReview
        let printed = target.qr?.studentNumber
        if let printed, let read = reading.studentNumber, printed != read {
            flags.append("student-number-mismatch")
            needsReview = true
        }
        if target.qr == nil && target.layout.qrCode != nil { flags.append("no-sheet-code") }
        if !reading.missingMarks.isEmpty { flags.append("alignment-mark-missing") }
        var members: [(String, JSONValue)] = [
            ("page", .number(String(number))),
            ("sheetPage", .number(String(target.layout.page))),
        ]
        if let exam = target.layout.examID { members.append(("exam", .string(exam))) }
        members += [
            ("rotation", .number(String(reading.rotation))),
            ("skewDegrees", decimal(reading.skewDegrees, digits: 2)),
            ("residual", decimal(reading.residual, digits: 3)),
            ("marksFound", .number(String(reading.marksFound))),
        ]
        if let dpi = reading.dotsPerInch(units: target.layout.units) {
            members.append(("dpi", decimal(dpi, digits: 0)))
        }
        members.append(("studentNumber", reading.studentNumber.map(JSONValue.string) ?? .null))
        if let printed { members.append(("printedStudentNumber", .string(printed))) }
        members += [
            ("needsReview", .bool(needsReview)),
            ("flags", .array(flags.map(JSONValue.string))),
            ("questions", .array(reading.questions.map(question))),
            ("digits", .array(reading.digits.map(digit))),
        ]
        return .object(JSONObject(members))
    }

    private static func question(_ q: QuestionReading) -> JSONValue {
        .object(
            JSONObject([
                ("id", .string(q.questionID)), ("chosen", .array(q.chosen.map(JSONValue.string))),
                ("confidence", decimal(q.confidence, digits: 3)), ("flags", flagList(q.flags)),
            ]))
    }

    private static func digit(_ d: DigitReading) -> JSONValue {
        .object(
            JSONObject([
                ("position", .number(String(d.position))), ("digit", d.digit.map(JSONValue.string) ?? .null),
                ("confidence", decimal(d.confidence, digits: 3)), ("flags", flagList(d.flags)),
            ]))
    }

    private static func flagList(_ flags: Set<ReadingFlag>) -> JSONValue {
        .array(ReadingFlag.allCases.filter(flags.contains).map { .string($0.rawValue) })
    }

    private static func decimal(_ value: Double, digits: Int) -> JSONValue {
        guard value.isFinite else { return .null }
        return .number(String(format: "%.\(digits)f", value))
    }
}
