// SPDX-License-Identifier: Apache-2.0
// Lays an exam out on A4 answer-sheet pages: marks, QR, header, student-number grid, choice rows in
// columns and written-answer boxes, breaking pages when one is full. Pure: the same exam gives the same pages.

/// Plans our own answer sheets (docs/omr.md, "Our sheet design"). All lengths are millimetres from the
/// page's top-left corner. The layouts say where the reader looks; the pages' other parts (frames,
/// question numbers, instructions) say where the renderer draws what only people read.
public enum SheetLayoutPlanner {
    /// Why an exam cannot be laid out (only for definitions built in code: the reader already refuses these).
    public struct PlanningError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    // MARK: The sheet design

    public static let pageWidth = 210.0
    public static let pageHeight = 297.0
    /// Solid squares, 7 mm, their centres 12 mm from the edges: far enough in for printers that cannot
    /// print the outer 5 mm, near enough to the corners to pin the whole page.
    public static let markSize = 7.0
    public static let markCentres = [
        Point(x: 12, y: 12), Point(x: 198, y: 12), Point(x: 198, y: 285), Point(x: 12, y: 285),
    ]
    /// Nothing is printed within this distance of a mark, so its edges stand out against white paper.
    public static let markClearZone = 4.0
    /// Each mark is searched in a 40 × 40 mm square around its centre (clipped to the page): room for a
    /// sheet fed a centimetre off, rotated 5° or scaled 5 %.
    public static let markSearchSide = 40.0
    /// A 4 mm square right of the top-left mark: with it the marks are no longer symmetric, so the reader
    /// knows a scan's rotation (0, 90, 180, 270°) without the QR code.
    public static let orientationMark = Rect(x: 22, y: 10, width: 4, height: 4)
    public static let qrCode = Rect(x: 166, y: 20, width: 22, height: 22)
    /// The area between the marks' clear zones where everything else goes.
    public static let contentLeft = 20.0
    public static let contentRight = 190.0
    public static let contentTop = 20.0
    public static let contentBottom = 277.0
    public static var contentWidth: Double { contentRight - contentLeft }

    /// Bubbles as on Japanese mark sheets: ellipses a pencil fills in two or three strokes.
    public static let bubbleWidth = 5.0
    public static let bubbleHeight = 3.6
    /// Rows 7 mm apart, options 7.5 mm (7 mm when ten options must fit in half the page): a filled
    /// bubble's smudge does not reach its neighbours.
    public static let rowPitch = 7.0
    public static let optionPitch = 7.5
    public static let narrowOptionPitch = 7.0
    /// Left of each row, the cell holding the question number.
    public static let questionNumberWidth = 12.0
    /// The strip on top of each answer column ("問", "解答欄").
    public static let columnHeaderHeight = 6.0
    public static let columnGap = 4.0
    /// The student-number grid: a caption, a row of cells to write the digits in, and one column of 0–9
    /// bubbles per digit, rows 5.5 mm apart (ten rows must fit beside the name box).
    public static let digitPitch = 7.0
    public static let digitRowPitch = 5.5
    static let studentBlockTop = 46.0
    static let studentCaptionHeight = 5.0
    static let writeInHeight = 8.0
    static let studentBlockPadding = 2.0
    static let nameBoxTop = 40.0
    static let nameBoxHeight = 13.0
    static let instructionsHeight = 36.0
    static let blockGap = 4.0
    static let writtenGap = 4.0

    /// Increases whenever this file places anything differently, so that the layout version changes too.
    static let designRevision = 1

    /// A page's layout plus what the renderer draws for people.
    public struct Page: Sendable, Equatable {
        public var layout: SheetLayout
        public var pageCount: Int
        /// Title, subject and class on the top left.
        public var titleArea: Rect
        /// The marking instructions with good and bad examples (first page only).
        public var instructions: Rect?
        public var studentNumber: StudentNumberBlock
        public var columns: [AnswerColumn]
        /// Where each choice row's question number is printed.
        public var questionNumbers: [QuestionNumberCell]
    }

    /// The framed student-number grid: caption, write-in cells above each digit column, then the bubbles
    /// (which are in the layout's digit fields).
    public struct StudentNumberBlock: Sendable, Equatable {
        public var frame: Rect
        public var caption: Rect
        public var writeInCells: [Rect]
    }

    /// A framed column of choice rows.
    public struct AnswerColumn: Sendable, Equatable {
        public var frame: Rect
        /// The header strip's height at the frame's top.
        public var headerHeight: Double
        /// Width of the question-number cell at the frame's left.
        public var numberWidth: Double
        public var rowCount: Int
        public var rowPitch: Double
    }

    public struct QuestionNumberCell: Sendable, Equatable {
        public var questionID: String
        public var rect: Rect
        public var multiple: Bool
    }

    // MARK: Planning

    /// One layout per page, in page order.
    public static func layout(for exam: ExamDefinition) throws(PlanningError) -> [SheetLayout] {
        try plan(for: exam).map(\.layout)
    }

    /// The pages with the parts the renderer draws.
    public static func plan(for exam: ExamDefinition) throws(PlanningError) -> [Page] {
        try check(exam)
        var pages: [Page] = []
        var choices = exam.choiceQuestions[...]
        var written = exam.writtenQuestions[...]
        let pitch = optionPitch(for: exam)
        let widestRow =
            exam.choiceQuestions.map { rowWidth(options: $0.choice!.options.count, pitch: pitch) }.max() ?? 0
        let twoColumns = widestRow <= (contentWidth - columnGap) / 2

        repeat {
            var page = emptyPage(exam: exam, number: pages.count + 1)
            let regions = columnRegions(page: page, twoColumns: twoColumns)
            let placed = placeChoices(&choices, in: regions, pitch: pitch, page: &page)
            var shelfTop = max(regions.map(\.top).max()!, placed.bottom) + (placed.bottom > 0 ? writtenGap + 1 : 0)
            shelfTop = round(shelfTop)
            placeWritten(&written, from: shelfTop, page: &page)
            pages.append(page)
            if pages.count > 100 { throw PlanningError("the exam needs more than 100 answer-sheet pages") }
        } while !choices.isEmpty || !written.isEmpty

        let version = layoutVersion(pages.map(\.layout))
        for i in pages.indices {
            pages[i].pageCount = pages.count
            pages[i].layout.layoutVersion = version
        }
        return pages
    }

    private static func check(_ exam: ExamDefinition) throws(PlanningError) {
        guard ExamDefinitionReader.isValidExamID(exam.id) else {
            throw PlanningError(
                "the exam id must be 1 to \(ExamDefinitionReader.maximumIDLength) ASCII letters, digits, '.', '_' or '-' to go in the sheets' QR code"
            )
        }
        guard (1...10).contains(exam.studentNumberDigits) else {
            throw PlanningError("the student number must have 1 to 10 digits, not \(exam.studentNumberDigits)")
        }
        for question in exam.questions {
            if let choice = question.choice, !(2...10).contains(choice.options.count) {
                throw PlanningError("question \(question.id) has \(choice.options.count) options; 2 to 10 fit in a row")
            }
            if let box = question.written,
                !WrittenQuestion.widthRange.contains(box.width) || !WrittenQuestion.heightRange.contains(box.height)
            {
                throw PlanningError(
                    "the box of question \(question.id) (\(box.width) × \(box.height) mm) does not fit an A4 sheet: width \(WrittenQuestion.widthRange), height \(WrittenQuestion.heightRange) mm"
                )
            }
        }
    }

    static func optionPitch(for exam: ExamDefinition) -> Double {
        let most = exam.choiceQuestions.map { $0.choice!.options.count }.max() ?? 0
        let half = (contentWidth - columnGap) / 2
        return rowWidth(options: most, pitch: optionPitch) <= half ? optionPitch : narrowOptionPitch
    }

    static func rowWidth(options: Int, pitch: Double) -> Double {
        questionNumberWidth + Double(options) * pitch + 1
    }

    /// The fixed parts of a page: marks, orientation mark, QR code, name box, student-number grid.
    private static func emptyPage(exam: ExamDefinition, number: Int) -> Page {
        let marks = markCentres.map { centre in
            let half = markSearchSide / 2
            let x = max(0, centre.x - half)
            let y = max(0, centre.y - half)
            let area = Rect(
                x: x, y: y, width: min(pageWidth, centre.x + half) - x, height: min(pageHeight, centre.y + half) - y)
            return AlignmentMark(centre: centre, size: markSize, shape: .square, searchArea: area)
        }
        let nameBox = Rect(x: contentLeft, y: nameBoxTop, width: halfColumnWidth, height: nameBoxHeight)
        let (block, digitFields) = studentNumberBlock(digits: exam.studentNumberDigits)
        let layout = SheetLayout(
            units: .millimetres, width: pageWidth, height: pageHeight, examID: exam.id, page: number,
            layoutVersion: 0, alignment: .marks(marks), orientationMark: orientationMark, qrCode: qrCode,
            fields: digitFields, writtenBoxes: [], nameBox: nameBox)
        let instructions =
            number == 1
            ? Rect(x: contentLeft, y: nameBox.maxY + blockGap, width: halfColumnWidth, height: instructionsHeight)
            : nil
        return Page(
            layout: layout, pageCount: 1,
            titleArea: Rect(x: contentLeft, y: contentTop, width: qrCode.x - 4 - contentLeft, height: 17),
            instructions: instructions, studentNumber: block, columns: [], questionNumbers: [])
    }

    static var halfColumnWidth: Double { (contentWidth - columnGap) / 2 }

    private static func studentNumberBlock(digits: Int) -> (StudentNumberBlock, [Field]) {
        let width = Double(digits) * digitPitch + 2 * studentBlockPadding
        let left = contentRight - max(width, 24)
        let frameWidth = contentRight - left
        let columnsLeft = left + (frameWidth - Double(digits) * digitPitch) / 2
        let writeInTop = studentBlockTop + studentCaptionHeight
        let gridTop = writeInTop + writeInHeight + 1
        var cells: [Rect] = []
        var fields: [Field] = []
        for position in 0..<digits {
            let x = columnsLeft + Double(position) * digitPitch
            cells.append(Rect(x: x, y: writeInTop, width: digitPitch, height: writeInHeight))
            let bubbles = (0...9).map { digit in
                Bubble(
                    label: String(digit),
                    centre: Point(x: x + digitPitch / 2, y: gridTop + (Double(digit) + 0.5) * digitRowPitch),
                    width: bubbleWidth, height: bubbleHeight, shape: .ellipse)
            }
            fields.append(Field(id: "student-number-\(position)", kind: .digit(position: position), bubbles: bubbles))
        }
        let frame = Rect(
            x: left, y: studentBlockTop, width: frameWidth, height: gridTop + 10 * digitRowPitch + 1 - studentBlockTop)
        let caption = Rect(x: left, y: studentBlockTop, width: frameWidth, height: studentCaptionHeight)
        return (StudentNumberBlock(frame: frame, caption: caption, writeInCells: cells), fields)
    }

    /// Where answer columns may go on a page: beside the name box (and instructions) on the left, below
    /// the student-number grid on the right; one full-width column below both when rows are too wide.
    private static func columnRegions(page: Page, twoColumns: Bool) -> [(x: Double, top: Double, width: Double)] {
        let leftTop = (page.instructions ?? page.layout.nameBox!).maxY + blockGap
        let rightTop = page.studentNumber.frame.maxY + blockGap
        guard twoColumns else { return [(contentLeft, max(leftTop, rightTop), contentWidth)] }
        return [
            (contentLeft, leftTop, halfColumnWidth),
            (contentLeft + halfColumnWidth + columnGap, rightTop, halfColumnWidth),
        ]
    }

    private static func capacity(top: Double) -> Int {
        max(0, Int(((contentBottom - top - columnHeaderHeight - 1) / rowPitch).rounded(.down)))
    }

    /// Places as many choice rows as fit. When the rest fits on this page the rows are shared between
    /// the columns so that they end as high as possible, leaving room for written boxes below.
    private static func placeChoices(
        _ choices: inout ArraySlice<ExamQuestion>, in regions: [(x: Double, top: Double, width: Double)],
        pitch: Double, page: inout Page
    ) -> (bottom: Double, count: Int) {
        guard !choices.isEmpty else { return (0, 0) }
        let capacities = regions.map { capacity(top: $0.top) }
        var counts = capacities
        if choices.count <= capacities.reduce(0, +) {
            counts = balancedCounts(total: choices.count, regions: regions, capacities: capacities)
        }
        var bottom = 0.0
        var placed = 0
        for (region, count) in zip(regions, counts) {
            let rows = Array(choices.prefix(count))
            guard !rows.isEmpty else { continue }
            choices.removeFirst(rows.count)
            placed += rows.count
            let frame = Rect(
                x: region.x, y: region.top, width: region.width,
                height: columnHeaderHeight + Double(rows.count) * rowPitch + 1)
            page.columns.append(
                AnswerColumn(
                    frame: frame, headerHeight: columnHeaderHeight, numberWidth: questionNumberWidth,
                    rowCount: rows.count, rowPitch: rowPitch))
            bottom = max(bottom, frame.maxY)
            for (i, question) in rows.enumerated() {
                let choice = question.choice!
                let rowTop = region.top + columnHeaderHeight + 0.5 + Double(i) * rowPitch
                let centreY = round(rowTop + rowPitch / 2)
                page.questionNumbers.append(
                    QuestionNumberCell(
                        questionID: question.id,
                        rect: Rect(x: region.x, y: rowTop, width: questionNumberWidth, height: rowPitch),
                        multiple: choice.multiple))
                let bubbles = choice.options.enumerated().map { j, label in
                    Bubble(
                        label: label,
                        centre: Point(x: round(region.x + questionNumberWidth + (Double(j) + 0.5) * pitch), y: centreY),
                        width: bubbleWidth, height: bubbleHeight, shape: .ellipse)
                }
                page.layout.fields.append(
                    Field(
                        id: "q\(question.id)", kind: .choice(questionID: question.id, multiple: choice.multiple),
                        bubbles: bubbles))
            }
        }
        return (bottom, placed)
    }

    /// Row counts per region for `total` rows, ending the lowest column as high as possible (the earlier
    /// column takes more on a tie, as a person reads down the left column first).
    private static func balancedCounts(
        total: Int, regions: [(x: Double, top: Double, width: Double)], capacities: [Int]
    ) -> [Int] {
        guard regions.count == 2 else { return [total] }
        func bottom(_ region: Int, _ rows: Int) -> Double {
            rows == 0 ? 0 : regions[region].top + columnHeaderHeight + Double(rows) * rowPitch
        }
        var best = [min(total, capacities[0]), total - min(total, capacities[0])]
        var bestBottom = Double.infinity
        for left in stride(from: min(total, capacities[0]), through: 0, by: -1) {
            let right = total - left
            guard right <= capacities[1] else { break }
            let lowest = max(bottom(0, left), bottom(1, right))
            if lowest < bestBottom - 1e-9 {
                bestBottom = lowest
                best = [left, right]
            }
        }
        return best
    }

    /// Places written boxes left to right in shelves from `top` down, as many as fit on this page.
    private static func placeWritten(_ written: inout ArraySlice<ExamQuestion>, from top: Double, page: inout Page) {
        var shelfTop = top
        var shelfHeight = 0.0
        var x = contentLeft
        while let question = written.first, let box = question.written {
            if x + box.width > contentRight + 1e-9 {
                shelfTop += shelfHeight + writtenGap
                shelfHeight = 0
                x = contentLeft
            }
            guard shelfTop + box.height <= contentBottom + 1e-9 else { return }
            page.layout.writtenBoxes.append(
                WrittenBox(
                    questionID: question.id,
                    rect: Rect(x: round(x), y: round(shelfTop), width: box.width, height: box.height)))
            written.removeFirst()
            x += box.width + writtenGap
            shelfHeight = max(shelfHeight, box.height)
        }
    }

    /// Positions to 0.01 mm: printers cannot do better, and the layout JSON stays readable.
    private static func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    // MARK: Layout version

    /// A number that changes when anything the reader uses moves: a hash of every page's geometry (and of
    /// this design's revision), 0…999 999 so it stays short in the QR code. Editing a correct answer or the
    /// title keeps it, so sheets already printed stay readable; adding a question changes it, so old sheets
    /// are not read against the new layout.
    static func layoutVersion(_ layouts: [SheetLayout]) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        mix("design \(designRevision)")
        for var layout in layouts {
            layout.examID = nil
            layout.layoutVersion = 0
            mix(SheetLayoutWriter.text(layout))
        }
        return Int(hash % 1_000_000)
    }
}
