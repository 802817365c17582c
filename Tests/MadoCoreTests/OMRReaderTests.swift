// SPDX-License-Identifier: Apache-2.0
// The mark reader on drawn sheets: exact answers at 150–600 dpi, in every orientation, skewed and scaled;
// flags (never a confident guess) for light marks, erasures, double marks, marks beside a bubble and blanks.
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct OMRReaderTests {
    let reader = OMRReader(layout: OMRFixtures.layout())

    private func answers(_ reading: SheetReading) -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: reading.questions.map { ($0.questionID, $0.chosen) })
    }

    private func question(_ id: String, _ reading: SheetReading) -> QuestionReading {
        reading.questions.first { $0.questionID == id }!
    }

    /// The typical student read back exactly: answers, student number, flags only on the blank question.
    private func expectTypical(_ reading: SheetReading, rotation: Int = 0) {
        #expect(reading.rotation == rotation)
        #expect(answers(reading) == OMRFixtures.typicalAnswers)
        #expect(reading.studentNumber == "2071")
        #expect(reading.studentNumberFlags.isEmpty)
        for q in reading.questions where q.questionID != "8" {
            #expect(q.flags.isEmpty, "question \(q.questionID): \(q.flags)")
            #expect(q.confidence > 0.7, "question \(q.questionID): confidence \(q.confidence)")
        }
        #expect(question("8", reading).flags == [.blank])
        #expect(reading.marksFound == 4 && reading.missingMarks.isEmpty)
    }

    @Test(arguments: [150.0, 200, 300, 600])
    func aTypicalSheetReadsExactlyAtEveryResolution(dpi: Double) async throws {
        let reading = try reader.read(OMRFixtures.scan(marks: OMRFixtures.typicalMarks, dpi: dpi))
        expectTypical(reading)
        #expect(abs(reading.scale - dpi / 25.4) < 0.01 * dpi / 25.4)
        #expect(reading.residual < 0.2)
        #expect(abs(reading.skewDegrees) < 0.1)
        #expect(reading.dotsPerInch(units: .millimetres).map { abs($0 - dpi) < 2 } == true)
    }

    @Test(arguments: [1, 2, 3])
    func aSheetTurnedInTheFeederIsTurnedBack(quarterTurns: Int) async throws {
        let upright = OMRFixtures.scan(marks: OMRFixtures.typicalMarks)
        let turned = GrayCanvas.rotated(upright, counterclockwiseQuarterTurns: quarterTurns)
        let reading = try reader.read(turned)
        expectTypical(reading, rotation: 90 * quarterTurns)
    }

    @Test(arguments: [(-5.0, 1.0), (5.0, 1.0), (2.5, 0.95), (-3.0, 1.05), (0.0, 0.95), (0.0, 1.05)])
    func skewAndScaleComeFromTheMarks(skew: Double, scale: Double) async throws {
        // A scan area 8 mm larger than the page on every side (white lid), so a skewed page is not cut off.
        let image = OMRFixtures.scan(marks: OMRFixtures.typicalMarks, skewDegrees: skew, scale: scale, margin: 8)
        let reading = try reader.read(image)
        expectTypical(reading)
        #expect(abs(reading.skewDegrees - skew) < 0.1)
        #expect(abs(reading.scale - scale * 200 / 25.4) < 0.02 * 200 / 25.4)
    }

    @Test func aSkewedUpsideDownSheetIsReadToo() async throws {
        let image = OMRFixtures.scan(
            marks: OMRFixtures.typicalMarks, counterclockwiseQuarterTurns: 2, skewDegrees: 3, margin: 5)
        let reading = try reader.read(image)
        expectTypical(reading, rotation: 180)
        #expect(abs(reading.skewDegrees - 3) < 0.1)
    }

    @Test func aLightMarkIsFlaggedNotRead() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["q1"] = ["イ": .light]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        let q1 = question("1", reading)
        #expect(q1.flags == [.ambiguous])
        #expect(q1.chosen.isEmpty)
        #expect(q1.confidence < 0.5)
        #expect(reading.needsReview)
        #expect(reading.bubbles.first { $0.fieldID == "q1" && $0.label == "イ" }?.decision == .lightMark)
        // The rest of the sheet is untouched by one light mark.
        #expect(question("2", reading).flags.isEmpty && question("2", reading).chosen == ["ア"])
    }

    @Test func erasureResidueNextToADarkMarkIsFlagged() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["q3"] = ["ア": .erasure, "エ": .filled()]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        let q3 = question("3", reading)
        #expect(q3.flags == [.ambiguous])
        #expect(q3.chosen == ["エ"])
        #expect(q3.confidence < 0.5)
        #expect(reading.bubbles.first { $0.fieldID == "q3" && $0.label == "ア" }?.decision == .smudge)
    }

    @Test func twoClearMarksOnASingleAnswerQuestionAreMultiple() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["q4"] = ["ア": .filled(), "ウ": .filled(grey: 60)]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        let q4 = question("4", reading)
        #expect(q4.flags == [.multiple])
        #expect(q4.chosen == ["ア", "ウ"])
        #expect(reading.needsReview)
    }

    @Test func aMultipleAnswerQuestionTakesEveryClearMark() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["q6"] = ["ア": .filled(), "イ": .filled(), "エ": .filled()]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        let q6 = question("6", reading)
        #expect(q6.chosen == ["ア", "イ", "エ"])
        #expect(q6.flags.isEmpty)
    }

    @Test func aMarkBesideTheBubbleOrAStrokeThroughItIsFlagged() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["q8"] = ["ウ": .beside]
        marks["q7"] = ["イ": .stroke]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        #expect(question("8", reading).flags == [.ambiguous])
        #expect(question("8", reading).chosen.isEmpty)
        #expect(question("7", reading).flags == [.ambiguous])
        #expect(question("7", reading).chosen.isEmpty)
    }

    @Test func aBlankSheetReadsAllBlankWithoutInventingMarks() async throws {
        let reading = try reader.read(OMRFixtures.scan(marks: [:]))
        #expect(reading.questions.allSatisfy { $0.flags == [.blank] && $0.chosen.isEmpty })
        #expect(reading.studentNumber == nil)
        #expect(reading.studentNumberFlags == [.blank])
        #expect(reading.bubbles.allSatisfy { $0.decision == .empty })
    }

    @Test func aStudentWithAHardPencilIsReadButALoneFaintMarkIsNot() async throws {
        // Every mark at grey 160 (about a third as dark as HB): this sheet's own filled level is learnt.
        let hard = OMRFixtures.typicalMarks.mapValues { $0.mapValues { _ in PencilMark.filled(grey: 160) } }
        let reading = try reader.read(OMRFixtures.scan(marks: hard))
        #expect(answers(reading) == OMRFixtures.typicalAnswers)
        #expect(reading.studentNumber == "2071")
        // One faint mark on an otherwise blank sheet has nothing to be compared with: flagged.
        let lone = try reader.read(OMRFixtures.scan(marks: ["q2": ["ウ": .filled(grey: 160)]]))
        #expect(question("2", lone).flags == [.ambiguous])
        #expect(question("2", lone).chosen.isEmpty)
    }

    @Test func aDoubleMarkedDigitLeavesTheStudentNumberUnread() async throws {
        var marks = OMRFixtures.typicalMarks
        marks["sn2"] = ["7": .filled(), "1": .filled()]
        let reading = try reader.read(OMRFixtures.scan(marks: marks))
        #expect(reading.studentNumber == nil)
        #expect(reading.studentNumberFlags == [.multiple])
        #expect(reading.digits[2].chosen == ["1", "7"])
        #expect(reading.digits[2].digit == nil)
        #expect(reading.digits[0].digit == "2")
    }

    @Test func unevenLightingGreyPaperAndNoiseDoNotChangeTheReading() async throws {
        var canvas = GrayCanvas.page(width: 210, height: 297, dotsPerUnit: 200 / 25.4, background: 232)
        canvas = OMRFixtures.draw(marks: OMRFixtures.typicalMarks, canvas: canvas)
        // Darker towards the bottom right, as under a lifted lid: 100 % to 62 %.
        canvas.applyLighting { x, y in 1 - 0.38 * (x * 0.4 + y * 0.6) }
        canvas.addNoise(amplitude: 14, seed: 42)
        expectTypical(try reader.read(canvas.image))
    }

    @Test func aFoldedCornerIsReadFromThreeMarksAndSaysSo() async throws {
        var canvas = GrayCanvas.page(width: 210, height: 297, dotsPerUnit: 200 / 25.4, background: 250)
        canvas = OMRFixtures.draw(marks: OMRFixtures.typicalMarks, canvas: canvas)
        // The bottom-right corner folded over: the back of the paper (white) hides the mark.
        canvas.fill(bounds: Rect(x: 170, y: 265, width: 40, height: 32), grey: 246) { p in p.x + p.y > 455 }
        let reading = try reader.read(canvas.image)
        #expect(answers(reading) == OMRFixtures.typicalAnswers)
        #expect(reading.marksFound == 3)
        #expect(reading.missingMarks == [2])
        #expect(reading.needsReview)
    }

    @Test func aStrayMarkAndDirtNearAnAlignmentMarkAreNotTakenForIt() async throws {
        var canvas = GrayCanvas.page(width: 210, height: 297, dotsPerUnit: 200 / 25.4)
        canvas = OMRFixtures.draw(marks: OMRFixtures.typicalMarks, canvas: canvas)
        // A smaller pencil blot below the top-left mark, a big one near the bottom-left, specks everywhere.
        canvas.fillRect(Rect(x: 9, y: 24, width: 5, height: 5), grey: 60)
        canvas.fillEllipse(centre: Point(x: 24, y: 275), width: 9, height: 8, grey: 40)
        var random = SplitMix64(seed: 3)
        for _ in 0..<300 {
            canvas.fillRect(Rect(x: random.unit() * 210, y: random.unit() * 297, width: 0.3, height: 0.3), grey: 30)
        }
        let reading = try reader.read(canvas.image)
        expectTypical(reading)
        #expect(reading.residual < 0.2)
    }
}

@Suite(.ownThread) struct OMRReaderBadInputTests {
    let reader = OMRReader(layout: OMRFixtures.layout())

    private func error(_ image: GrayImage) -> OMRError? {
        do {
            _ = try reader.read(image)
            return nil
        } catch {
            return error
        }
    }

    @Test func tinyHugeAndMalformedImagesAreRefusedBeforeAnyWork() {
        #expect(error(GrayImage(width: 1, height: 1)) == .imageTooSmall(width: 1, height: 1))
        #expect(error(GrayImage(width: 0, height: 0)) == .imageTooSmall(width: 0, height: 0))
        // 20,000 × 20,000 claimed; refused on the size alone, so nothing that large is ever allocated.
        var huge = GrayImage(width: 1, height: 1)
        huge.width = 20_000
        huge.height = 20_000
        #expect(error(huge) == .imageTooLarge(width: 20_000, height: 20_000, limit: 150_000_000))
        var overflow = GrayImage(width: 1, height: 1)
        overflow.width = Int.max / 2
        overflow.height = 3
        #expect(error(overflow) == .imageTooLarge(width: Int.max / 2, height: 3, limit: 150_000_000))
        var short = GrayImage(width: 200, height: 300)
        short.pixels.removeLast()
        #expect(error(short) == .malformedImage(width: 200, height: 300, byteCount: 59_999))
    }

    @Test func whiteBlackAndNoisePagesHaveNoMarks() {
        #expect(
            error(GrayImage(width: 1654, height: 2339, fill: 255)) == .alignmentMarksNotFound(found: 0, expected: 4))
        #expect(error(GrayImage(width: 1654, height: 2339, fill: 0)) == .alignmentMarksNotFound(found: 0, expected: 4))
        var noise = GrayCanvas(width: 1654, height: 2339, fill: 128)
        noise.addNoise(amplitude: 127, seed: 9)
        #expect(error(noise.image) == .alignmentMarksNotFound(found: 0, expected: 4))
    }

    @Test func aPictureOfSomethingElseIsRefused() {
        // Blocks and blobs of all sizes, some square: none of it is an answer sheet.
        var canvas = GrayCanvas(width: 1654, height: 2339, fill: 200)
        var random = SplitMix64(seed: 11)
        for _ in 0..<400 {
            let size = 5 + random.unit() * 200
            let grey = UInt8(random.next() % 256)
            if random.next() % 2 == 0 {
                canvas.fillRect(
                    Rect(
                        x: random.unit() * 1654, y: random.unit() * 2339, width: size,
                        height: size * (0.5 + random.unit())), grey: grey)
            } else {
                canvas.fillEllipse(
                    centre: Point(x: random.unit() * 1654, y: random.unit() * 2339), width: size, height: size,
                    grey: grey)
            }
        }
        #expect(error(canvas.image) != nil)
    }

    @Test func aSheetOfAnotherDesignIsRefused() {
        // Our marks but no orientation mark where this layout has one: not this sheet.
        var layout = OMRFixtures.layout()
        layout.orientationMark = nil
        let image = OMRFixtures.scan(marks: OMRFixtures.typicalMarks, layout: layout)
        #expect(error(image) == .orientationNotDetermined)
    }

    @Test func errorMessagesTellTheTechnicianWhatToDo() {
        #expect(OMRError.imageTooSmall(width: 1, height: 1).description.contains("scan at 150 dpi or more"))
        #expect(OMRError.fitResidualTooLarge(2.345).description.contains("residual 2.35 layout units"))
        #expect(
            OMRError.alignmentMarksNotFound(found: 2, expected: 4).description
                .contains("found 2 of the 4 alignment marks"))
    }
}

@Suite(.ownThread) struct OMRPageEdgeTests {
    /// A foreign sheet: the same bubbles but no marks; registered by its paper edges.
    let reader = OMRReader(layout: OMRFixtures.layout(alignment: .pageEdges))

    @Test func aSheetWithoutMarksIsRegisteredByItsEdgesOnADarkBackground() async throws {
        let image = OMRFixtures.scan(
            marks: OMRFixtures.typicalMarks, skewDegrees: 2, margin: 10, background: 40, paper: 245)
        let reading = try reader.read(image)
        #expect(reading.rotation == 0)
        #expect(
            Dictionary(uniqueKeysWithValues: reading.questions.map { ($0.questionID, $0.chosen) })
                == OMRFixtures.typicalAnswers)
        #expect(reading.studentNumber == "2071")
        #expect(abs(reading.skewDegrees - 2) < 0.2)
        #expect(reading.marksFound == 0)
    }

    @Test func upsideDownIsToldByTheOrientationMarkEvenWithoutAlignmentMarks() async throws {
        let image = OMRFixtures.scan(
            marks: OMRFixtures.typicalMarks, counterclockwiseQuarterTurns: 2, margin: 6, background: 30, paper: 245)
        let reading = try reader.read(image)
        #expect(reading.rotation == 180)
        #expect(reading.studentNumber == "2071")
    }

    @Test func withoutABackgroundTheImageFrameIsThePage() async throws {
        let reading = try reader.read(OMRFixtures.scan(marks: OMRFixtures.typicalMarks))
        #expect(reading.studentNumber == "2071")
        #expect(
            Dictionary(uniqueKeysWithValues: reading.questions.map { ($0.questionID, $0.chosen) })
                == OMRFixtures.typicalAnswers)
    }

    @Test func aPageOfTheWrongShapeIsNotThisLayout() {
        var canvas = GrayCanvas(width: 1600, height: 1000, fill: 250)
        canvas.fillRect(Rect(x: 100, y: 100, width: 50, height: 50), grey: 20)
        #expect(throws: OMRError.self) { try reader.read(canvas.image) }
    }
}

@Suite(.ownThread) struct OMRScannerBackgroundTests {
    @Test func aSkewedPageOnADarkFeederBackgroundIsReadByItsMarks() async throws {
        let image = OMRFixtures.scan(
            marks: OMRFixtures.typicalMarks, counterclockwiseQuarterTurns: 1, skewDegrees: -4, margin: 7,
            background: 35, paper: 248)
        let reading = try OMRReader(layout: OMRFixtures.layout()).read(image)
        #expect(reading.rotation == 90)
        #expect(reading.studentNumber == "2071")
        #expect(abs(reading.skewDegrees + 4) < 0.1)
    }
}
