// SPDX-License-Identifier: Apache-2.0
// `madoctl kpi export`: the daily operating figures (tickets, waiting and stay times) as CSV or JSON,
// for the city's open-data dashboard.
internal import Foundation

/// Exports daily KPIs for a date range to a file or stdout.
public struct KPIExportCommand: Command {
    public static let name = "kpi export"
    public static let abstract = "Export daily queue figures (tickets, waiting and stay times) as CSV or JSON."
    static let fromOption = OptionSpec.value("--from", "date", required: true, help: "First day, YYYY-MM-DD.")
    static let toOption = OptionSpec.value("--to", "date", required: true, help: "Last day (included), YYYY-MM-DD.")
    static let formatOption = OptionSpec.value("--format", "format", help: "csv (default) or json.")
    static let outOption = OptionSpec.value("--out", "file", help: "Write to this file instead of stdout.")
    public static let signature = CommandSignature(options: [fromOption, toOption, formatOption, outOption])

    public let from: String
    public let to: String
    public let format: String
    public let outputPath: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        from = try arguments.required(Self.fromOption)
        to = try arguments.required(Self.toOption)
        format = arguments.value(Self.formatOption) ?? "csv"
        outputPath = arguments.value(Self.outOption)
    }

    public func validate() throws(CLIError) {
        try Validate.date(from, for: Self.fromOption.synopsis, command: Self.name)
        try Validate.date(to, for: Self.toOption.synopsis, command: Self.name)
        // Both are zero-padded YYYY-MM-DD, so text order is date order.
        if to < from {
            throw Self.usageError("'--to <date>' (\(to)) is before '--from <date>' (\(from))")
        }
        guard ["csv", "json"].contains(format) else {
            throw Self.usageError("The value '\(format)' is invalid for '--format <format>': expected csv or json")
        }
        if let outputPath, outputPath.isEmpty {
            throw Self.usageError("The value '' is invalid for '--out <file>': expected a file name")
        }
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let response = try context.client.get("/v1/kpi/daily?from=\(from)&to=\(to)&format=\(format)")
        guard let outputPath else { return context.output.write(response.body) }
        do {
            try response.body.write(to: URL(fileURLWithPath: outputPath), options: .atomic)
        } catch {
            throw .cannotWrite("cannot write the KPI export to \(outputPath): \(error.localizedDescription)")
        }
        context.output.write("Wrote \(response.body.count) bytes of \(format.uppercased()) to \(outputPath)\n")
    }
}
