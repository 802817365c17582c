// SPDX-License-Identifier: Apache-2.0
// The review band: a mark only just past the clear level is read and flagged for the teacher, while a
// sheet marked throughout with a hard pencil reads without flags.
import MadoTestThreads
import Testing

@testable import MadoCore

@Suite(.ownThread) struct OMRMarkDeciderTests {
    let decider = MarkDecider(options: OMROptions())

    /// 40 empty bubbles at `empty` and 20 marks at `mark`: a sheet answered with one pencil.
    func levels(empty: Double, mark: Double) -> DecisionLevels {
        decider.levels(for: Array(repeating: empty, count: 40) + Array(repeating: mark, count: 20), fieldCount: 20)
    }

    func read(_ darkness: Double, among others: [Double] = [0.05, 0.05, 0.05], levels: DecisionLevels) -> (
        chosen: [String], flags: Set<ReadingFlag>, confidence: Double
    ) {
        let all = [darkness] + others
        let decisions = all.map { decider.decide(Self.patch($0), levels: levels) }
        let confidences = zip(all, decisions).map { decider.confidence(of: $0, $1, levels: levels) }
        return decider.answer(
            labels: ["ア", "イ", "ウ", "エ"], decisions: decisions, confidences: confidences, multipleAllowed: false,
            marginal: decider.marginalConfidence(levels: levels))
    }

    static func patch(_ darkness: Double) -> PatchMeasurement {
        PatchMeasurement(
            darkness: darkness, fillRatio: darkness, outsideRatio: 0, paperLevel: 240, imageCentre: Point(x: 0, y: 0),
            valid: true)
    }

    @Test func aHalfFilledBubbleJustPastTheClearLevelIsReadButFlagged() {
        let levels = levels(empty: 0.05, mark: 0.8)
        let barely = read(levels.clear + 0.02, levels: levels)
        #expect(barely.chosen == ["ア"])
        #expect(barely.flags == [.ambiguous])
        #expect(barely.confidence <= 0.25)
        let firm = read(0.78, levels: levels)
        #expect(firm.chosen == ["ア"])
        #expect(firm.flags.isEmpty)
        #expect(firm.confidence > 0.9)
    }

    @Test func aHardPencilSheetIsNotFlaggedForBeingLight() {
        let levels = levels(empty: 0.05, mark: 0.37)
        let answer = read(0.37, levels: levels)
        #expect(answer.chosen == ["ア"])
        #expect(answer.flags.isEmpty)
    }
}
