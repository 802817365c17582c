// SPDX-License-Identifier: Apache-2.0
// The commands madoctl knows, in the order `madoctl --help` lists them, and lookup by the words typed.

/// Every madoctl command.
public enum CommandRegistry {
    public static let all: [any Command.Type] = [
        StatusCommand.self,
        QueueCommand.self,
        TicketIssueCommand.self,
        CallCommand.self,
        TicketActionCommand<RecallAction>.self,
        TicketActionCommand<StartAction>.self,
        TicketActionCommand<ServeAction>.self,
        TicketActionCommand<NoShowAction>.self,
        TicketActionCommand<ParkAction>.self,
        TicketActionCommand<PendingAction>.self,
        TicketActionCommand<CancelAction>.self,
        TransferCommand.self,
        KPIExportCommand.self,
        EventsCommand.self,
        EscposRenderCommand.self,
        FormsEventsCommand.self,
        FormsPlanCommand.self,
        FormsRenderCommand.self,
        FormsPrintCommand.self,
        PrintJobsCommand.self,
        ExamAddCommand.self,
        ExamSheetsCommand.self,
        ExamLayoutCommand.self,
        ExamReadCommand.self,
        LayoutAddCommand.self,
    ]

    /// The result of reading the first words of a command line.
    enum Match {
        /// A command, and how many words its name took.
        case command(any Command.Type, wordCount: Int)
        /// The first word of a two-word command (`ticket`, `kpi`) with no valid second word.
        case group(String, next: String?)
        case unknown
    }

    static func match(_ words: ArraySlice<String>) -> Match {
        guard let first = words.first else { return .unknown }
        if let command = all.first(where: { $0.name == first }) { return .command(command, wordCount: 1) }
        let members = groupMembers(first)
        guard !members.isEmpty else { return .unknown }
        let second = words.dropFirst().first
        if let second, let command = members.first(where: { $0.name == "\(first) \(second)" }) {
            return .command(command, wordCount: 2)
        }
        return .group(first, next: second)
    }

    /// The commands whose names start with `group` and a space.
    static func groupMembers(_ group: String) -> [any Command.Type] {
        all.filter { $0.name.hasPrefix(group + " ") }
    }
}
