// SPDX-License-Identifier: Apache-2.0
// Reads the marks of one scanned answer-sheet page: checks the image, registers it against the layout,
// measures every bubble against its own paper, and decides per question with flags instead of guesses.

/// The mark reader for one layout. Reading is pure and allocation-light; one reader may serve many threads.
public struct OMRReader: Sendable {
    public let layout: SheetLayout
    public let options: OMROptions

    public init(layout: SheetLayout, options: OMROptions = OMROptions()) {
        self.layout = layout
        self.options = options
    }

    public func read(_ image: GrayImage) throws(OMRError) -> SheetReading {
        readBubbles(image, registration: try register(image))
    }

    /// Where the layout lies on the image (layout units → pixels), found without reading any bubble:
    /// enough to look at one printed box, such as the QR code's.
    public func locate(_ image: GrayImage) throws(OMRError) -> PlaneTransform {
        try register(image).transform
    }

    private func register(_ image: GrayImage) throws(OMRError) -> Registration {
        try check(image)
        switch layout.alignment {
        case .marks(let marks):
            guard marks.count >= 3 else {
                throw .unusableLayout("it has \(marks.count) alignment marks; at least 3 are needed")
            }
            return try SheetRegistrar.register(image, layout: layout, marks: marks, options: options)
        case .pageEdges:
            return try PageEdgeRegistrar.register(image, layout: layout)
        }
    }

    /// Refuses images that cannot be a scanned sheet, before touching their pixels.
    private func check(_ image: GrayImage) throws(OMRError) {
        let (count, overflow) = image.width.multipliedReportingOverflow(by: image.height)
        if overflow || count > options.maximumPixels {
            throw .imageTooLarge(width: image.width, height: image.height, limit: options.maximumPixels)
        }
        if min(image.width, image.height) < options.minimumSide {
            throw .imageTooSmall(width: image.width, height: image.height)
        }
        if image.pixels.count != count {
            throw .malformedImage(width: image.width, height: image.height, byteCount: image.pixels.count)
        }
        guard layout.width > 0, layout.height > 0, layout.width.isFinite, layout.height.isFinite else {
            throw .unusableLayout("its page size is \(layout.width) × \(layout.height)")
        }
    }

    private func readBubbles(_ image: GrayImage, registration: Registration) -> SheetReading {
        let sampler = PatchSampler()
        var measurements: [[PatchMeasurement]] = []
        measurements.reserveCapacity(layout.fields.count)
        image.pixels.withUnsafeBufferPointer { pixels in
            for field in layout.fields {
                measurements.append(
                    field.bubbles.map { bubble in
                        sampler.measure(
                            pixels, width: image.width, height: image.height, centre: bubble.centre,
                            size: (bubble.width, bubble.height), elliptical: bubble.shape == .ellipse,
                            transform: registration.transform)
                    })
            }
        }
        let decider = MarkDecider(options: options)
        let levels = decider.levels(
            for: measurements.flatMap { $0.filter(\.valid).map(\.darkness) }, fieldCount: layout.fields.count)

        var bubbles: [BubbleMeasurement] = []
        var questions: [QuestionReading] = []
        var digits: [DigitReading] = []
        for (field, fieldMeasurements) in zip(layout.fields, measurements) {
            var decisions = fieldMeasurements.map { decider.decide($0, levels: levels) }
            // Ink around an empty bubble next to a clear mark is that mark's overfill, not a missed bubble.
            if decisions.contains(.marked) {
                decisions = decisions.map { $0 == .markBeside ? .empty : $0 }
            }
            let confidences = zip(fieldMeasurements, decisions).map {
                decider.confidence(of: $0.darkness, $1, levels: levels)
            }
            for (bubble, (m, decision)) in zip(field.bubbles, zip(fieldMeasurements, decisions)) {
                bubbles.append(
                    BubbleMeasurement(
                        fieldID: field.id, label: bubble.label, darkness: m.darkness, fillRatio: m.fillRatio,
                        outsideRatio: m.outsideRatio, paperLevel: m.paperLevel, imageCentre: m.imageCentre,
                        decision: decision))
            }
            let labels = field.bubbles.map(\.label)
            let marginal = decider.marginalConfidence(levels: levels)
            switch field.kind {
            case .choice(let questionID, let multiple):
                let answer = decider.answer(
                    labels: labels, decisions: decisions, confidences: confidences, multipleAllowed: multiple,
                    marginal: marginal)
                questions.append(
                    QuestionReading(
                        fieldID: field.id, questionID: questionID, multipleAllowed: multiple, chosen: answer.chosen,
                        confidence: answer.confidence, flags: answer.flags))
            case .digit(let position):
                let answer = decider.answer(
                    labels: labels, decisions: decisions, confidences: confidences, multipleAllowed: false,
                    marginal: marginal)
                digits.append(
                    DigitReading(
                        fieldID: field.id, position: position,
                        digit: answer.flags.isEmpty && answer.chosen.count == 1 ? answer.chosen[0] : nil,
                        chosen: answer.chosen, confidence: answer.confidence, flags: answer.flags))
            }
        }
        digits.sort { $0.position < $1.position }
        let markSize =
            layout.alignmentMarks.isEmpty
            ? 0
            : layout.alignmentMarks.map(\.size).reduce(0, +)
                / Double(layout.alignmentMarks.count)
        let residualNeedsReview = markSize > 0 && registration.residual > options.reviewResidualInMarkSizes * markSize
        // A fit through three marks (or one that fits poorly) cannot be cross-checked: on a sheet with some
        // perspective it can put every bubble a row off and still look exact. Each answer is kept, but none
        // is confident: every question and digit goes to the teacher.
        if !registration.missingMarks.isEmpty || residualNeedsReview {
            for i in questions.indices {
                questions[i].flags.insert(.ambiguous)
                questions[i].confidence = min(questions[i].confidence, 0.25)
            }
            for i in digits.indices {
                digits[i].flags.insert(.ambiguous)
                digits[i].confidence = min(digits[i].confidence, 0.25)
                digits[i].digit = nil
            }
        }
        let studentFlags = digits.reduce(into: Set<ReadingFlag>()) { $0.formUnion($1.flags) }
        let studentNumber: String? =
            digits.isEmpty || digits.contains { $0.digit == nil } ? nil : digits.compactMap(\.digit).joined()
        let needsReview =
            residualNeedsReview || !registration.missingMarks.isEmpty || !studentFlags.isEmpty
            || questions.contains { !$0.flags.isEmpty }
        return SheetReading(
            rotation: registration.rotation, skewDegrees: registration.skewDegrees, scale: registration.scale,
            residual: registration.residual, marksFound: registration.marksFound,
            missingMarks: registration.missingMarks, studentNumber: studentNumber, studentNumberFlags: studentFlags,
            questions: questions, digits: digits, bubbles: bubbles, emptyDarkness: levels.empty,
            filledDarkness: levels.filled, clearThreshold: levels.clear, needsReview: needsReview,
            transform: registration.transform)
    }
}
