// SPDX-License-Identifier: Apache-2.0
// Turns bubble measurements into decisions: a sheet-adaptive estimate of how dark this sheet's empty and
// filled bubbles are, then per-bubble bands (marked / light / smudge / empty) and per-question logic that
// flags rather than guesses whenever the reading is close.

/// The darkness levels one sheet is decided with.
struct DecisionLevels: Sendable, Equatable {
    var empty: Double
    var filled: Double
    var clear: Double
    var light: Double
    var smudge: Double
    /// Marks between `clear` and this are read but flag their question (too close to the clear level).
    var review: Double
}

struct MarkDecider {
    let options: OMROptions

    /// Splits the sheet's bubble darknesses into an empty and a filled group (the split with the largest
    /// between-group variance); a sheet with no clear filled group falls back to the default filled level.
    func levels(for darknesses: [Double], fieldCount: Int) -> DecisionLevels {
        let sorted = darknesses.filter(\.isFinite).sorted()
        var empty = 0.05, filled = options.defaultFilledDarkness
        // This sheet's own typical mark, before the clamps below (a hard pencil's marks are all lighter).
        var typicalMark: Double?
        if !sorted.isEmpty {
            var bestSplit = sorted.count, bestScore = -1.0
            let total = sorted.reduce(0, +)
            var lowSum = 0.0
            for k in 1..<max(1, sorted.count) {
                lowSum += sorted[k - 1]
                let n0 = Double(k), n1 = Double(sorted.count - k)
                let m0 = lowSum / n0, m1 = (total - lowSum) / n1
                let score = n0 * n1 * (m1 - m0) * (m1 - m0)
                if score > bestScore {
                    bestScore = score
                    bestSplit = k
                }
            }
            let low = Array(sorted[..<bestSplit]), high = Array(sorted[bestSplit...])
            let lowMedian = Self.median(low.isEmpty ? sorted : low)
            // A filled level is only learnt from marks in at least half of the fields: a few light marks on
            // an otherwise blank sheet stay light marks, while a student who answers with a hard pencil
            // throughout is read.
            if high.count >= max(3, fieldCount / 2), Self.median(high) - lowMedian >= 0.2 {
                empty = lowMedian
                filled = Self.median(high)
                typicalMark = filled
            } else {
                empty = Self.median(sorted)
            }
        }
        // A sheet where nearly every bubble is marked has no empty group to learn from; printed labels
        // alone never get this dark.
        empty = min(max(empty, 0), 0.15)
        // Marks are never learnt as "filled" below this: a sheet of only faint marks is flagged, not read.
        filled = min(max(filled, empty + 0.25, options.minimumFilledDarkness), 0.95)
        let range = filled - empty
        let clear = max(empty + options.clearMarkFraction * range, options.minimumClearDarkness)
        let smudge = empty + options.residueDarkness
        let light = min(max(empty + options.lightMarkFraction * range, smudge), clear)
        // The review band sits just above the clear level, but never reaches this sheet's typical mark:
        // on a hard-pencil sheet every mark is near the clear level and none of them is doubtful.
        let margin = options.reviewMarginFraction * range
        let review = min(clear + margin, (typicalMark ?? filled) - margin)
        return DecisionLevels(empty: empty, filled: filled, clear: clear, light: light, smudge: smudge, review: review)
    }

    func decide(_ m: PatchMeasurement, levels: DecisionLevels) -> BubbleDecision {
        guard m.valid else { return .unreadable }
        if m.darkness >= levels.clear { return .marked }
        if m.darkness >= levels.light { return .lightMark }
        if m.darkness >= levels.smudge { return .smudge }
        if m.outsideRatio >= options.outsideMarkRatio { return .markBeside }
        return .empty
    }

    /// How sure one bubble's decision is: 0.5…1 for a clear mark (below `marginalConfidence` when it is
    /// within the review margin), 0…1 for an empty bubble by its distance below the light-mark level, and
    /// 0.25 for anything flagged.
    func confidence(of darkness: Double, _ decision: BubbleDecision, levels: DecisionLevels) -> Double {
        switch decision {
        case .marked:
            let span = max(levels.filled - levels.clear, 0.05)
            return 0.5 + 0.5 * min(1, max(0, (darkness - levels.clear) / span))
        case .empty:
            let span = max(levels.light - levels.empty, 0.05)
            return min(1, max(0, (levels.light - darkness) / span))
        case .lightMark, .smudge, .markBeside, .unreadable:
            return 0.25
        }
    }

    /// The confidence of a mark exactly at the review level: marks below it flag their question.
    func marginalConfidence(levels: DecisionLevels) -> Double {
        confidence(of: levels.review, .marked, levels: levels)
    }

    /// One field's answer from its bubbles' decisions. A mark read as clear but only just (confidence
    /// below `marginal`) is kept as the answer and flags the question as ambiguous.
    func answer(
        labels: [String], decisions: [BubbleDecision], confidences: [Double], multipleAllowed: Bool,
        marginal: Double = 0
    ) -> (chosen: [String], flags: Set<ReadingFlag>, confidence: Double) {
        let chosen = zip(labels, decisions).filter { $0.1 == .marked }.map(\.0)
        let barelyMarked = zip(decisions, confidences).contains { $0 == .marked && $1 < marginal }
        let unclear = barelyMarked || decisions.contains { $0 != .marked && $0 != .empty }
        var flags: Set<ReadingFlag> = []
        if unclear { flags.insert(.ambiguous) }
        if chosen.isEmpty && !unclear { flags.insert(.blank) }
        if chosen.count > 1 && !multipleAllowed { flags.insert(.multiple) }
        var confidence = confidences.min() ?? 0
        // Never a confident answer when something on the question is unclear.
        if unclear { confidence = min(confidence, 0.25) }
        return (unclear && chosen.isEmpty ? [] : chosen, flags, confidence)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
