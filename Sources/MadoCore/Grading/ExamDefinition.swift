// SPDX-License-Identifier: Apache-2.0
// An exam as a teacher defines it: the questions, their options, correct answers, points and 観点.

/// One exam: what is printed on its answer sheets and how they are graded. Read from JSON by
/// `ExamDefinition.read(_:)`, which checks everything listed on the properties below.
public struct ExamDefinition: Sendable, Equatable {
    /// Names the exam in URLs (`/v1/exams/{id}`) and in the sheets' QR codes: 1–40 ASCII letters, digits,
    /// `.`, `_` or `-`.
    public var id: String
    /// Printed at the top of every page ("2学期中間テスト").
    public var title: String
    public var subject: String?
    /// The class the sheets are for ("2年1組"); `class` in JSON.
    public var className: String?
    /// Digits of the student number grid, 1–10.
    public var studentNumberDigits: Int
    /// The 観点 questions are graded under ("知識・技能", "思考・判断・表現"); empty when not used.
    public var perspectives: [String]
    public var questions: [ExamQuestion]

    public init(
        id: String, title: String, subject: String? = nil, className: String? = nil, studentNumberDigits: Int,
        perspectives: [String] = [], questions: [ExamQuestion]
    ) {
        self.id = id
        self.title = title
        self.subject = subject
        self.className = className
        self.studentNumberDigits = studentNumberDigits
        self.perspectives = perspectives
        self.questions = questions
    }

    /// The question with this id.
    public func question(_ id: String) -> ExamQuestion? { questions.first { $0.id == id } }

    /// The highest score a student can get.
    public var maximumPoints: Double { questions.reduce(0) { $0 + $1.points } }

    /// The choice questions in definition order.
    public var choiceQuestions: [ExamQuestion] { questions.filter { $0.choice != nil } }

    /// The written questions in definition order.
    public var writtenQuestions: [ExamQuestion] { questions.filter { $0.written != nil } }
}

/// One question: a choice item read from bubbles, or a written item graded by a teacher from a crop.
public struct ExamQuestion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case choice(ChoiceQuestion)
        case written(WrittenQuestion)
    }

    /// Printed as the question number ("1", "3(2)"); unique within the exam, 1–8 characters, no `|`.
    public var id: String
    public var kind: Kind
    /// Full marks for the question; more than 0.
    public var points: Double
    /// One of the exam's `perspectives`; nil only when the exam declares none.
    public var perspective: String?

    public init(id: String, kind: Kind, points: Double, perspective: String? = nil) {
        self.id = id
        self.kind = kind
        self.points = points
        self.perspective = perspective
    }

    public var choice: ChoiceQuestion? {
        if case .choice(let c) = kind { return c }
        return nil
    }

    public var written: WrittenQuestion? {
        if case .written(let w) = kind { return w }
        return nil
    }
}

/// A question answered by marking bubbles.
public struct ChoiceQuestion: Sendable, Equatable {
    /// How a `multiple` question scores a partly right answer.
    public enum PartialCredit: String, Sendable, CaseIterable {
        /// Full points only when exactly the correct options are marked.
        case allOrNothing = "all-or-nothing"
        /// Points shared among the correct options; each wrongly marked option takes one share away
        /// (never below 0), so marking everything does not pay.
        case perOption = "per-option"
    }

    /// The option labels in printed order, 2–10 of them, each 1–2 characters ("ア", "3", "B").
    public var options: [String]
    /// The correct labels, in option order; exactly one unless `multiple`.
    public var correct: [String]
    /// Whether the student may (and must, to score) mark more than one option.
    public var multiple: Bool
    public var partialCredit: PartialCredit

    public init(
        options: [String], correct: [String], multiple: Bool = false, partialCredit: PartialCredit = .allOrNothing
    ) {
        self.options = options
        self.correct = correct
        self.multiple = multiple
        self.partialCredit = partialCredit
    }
}

/// A question answered by hand in a box, graded by a teacher from the box's crop.
public struct WrittenQuestion: Sendable, Equatable {
    /// The box size in millimetres.
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The box sizes the sheet design can print: at most as wide as the answer area between the marks
    /// (`SheetLayoutPlanner.contentWidth`), and short enough to fit below a page's header and
    /// student-number grid.
    public static let widthRange: ClosedRange<Double> = 20...170
    public static let heightRange: ClosedRange<Double> = 10...150
}

/// The option label sequences a shorthand such as "ア-エ", "1-4" or "A-E" expands from.
public enum OptionShorthand {
    /// The katakana order Japanese tests label choices in (ア イ ウ エ オ カ キ ク ケ コ).
    public static let katakana = ["ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ"]
    public static let latin = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"]
    public static let numbers = (1...10).map(String.init)
    /// 0-based numbers, for numeric answers marked digit by digit.
    public static let digits = (0...9).map(String.init)

    /// The labels "ア-エ", "1-4", "0-9" or "A-E" stands for; nil for any other text (a range that does not start
    /// at the sequence's first label, runs backwards, or gives fewer than 2 options).
    public static func expand(_ text: String) -> [String]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return nil }
        for sequence in [katakana, latin, numbers, digits] {
            guard parts[0] == sequence[0], let end = sequence.firstIndex(of: parts[1]), end >= 1 else { continue }
            return Array(sequence[0...end])
        }
        return nil
    }

    /// The shorthand that expands to exactly these labels, if there is one (the writer prefers it).
    public static func shorthand(for options: [String]) -> String? {
        guard let first = options.first, let last = options.last, options.count >= 2 else { return nil }
        let text = "\(first)-\(last)"
        return expand(text) == options ? text : nil
    }
}
