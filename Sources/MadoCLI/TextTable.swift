// SPDX-License-Identifier: Apache-2.0
// Left-aligned text columns sized by terminal width, for the tables madoctl prints.

/// A table with a header row; columns are as wide as their widest cell in terminal columns.
public struct TextTable: Sendable {
    public let headers: [String]
    public private(set) var rows: [[String]] = []

    public init(headers: [String]) {
        self.headers = headers
    }

    /// Adds a row; missing trailing cells print empty.
    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines joined by newlines (ending in one). Columns are separated by two spaces and
    /// the last column is not padded, so no line ends in spaces.
    public func rendered() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in
            all.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        }
        var text = ""
        for row in all {
            let cells = headers.indices.map { column in column < row.count ? row[column] : "" }
            var line = ""
            for (column, cell) in cells.enumerated() {
                let isLast = column == cells.count - 1
                line += isLast ? cell : DisplayWidth.pad(cell, to: widths[column]) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
