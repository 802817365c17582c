// SPDX-License-Identifier: Apache-2.0
// Log lines: label, priority prefix, filtering, and one line per event.
import Glibc
import MadoSystem
import MadoTestThreads
import Testing

@Suite(.ownThread) struct LoggerTests {
    @Test func linesCarryTheLabelAndPriority() {
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "madod", handler: memory)
        logger.error("cannot open printer")
        logger.notice("listening on /run/mado/admin.sock")
        #expect(memory.entries.map(\.priority) == [.error, .notice])
        #expect(memory.lines == ["madod: cannot open printer", "madod: listening on /run/mado/admin.sock"])
    }

    @Test func minimumPriorityFiltersLessImportantLines() {
        let memory = InMemoryLogHandler()
        var logger = Logger(label: "madod", handler: memory, minimumPriority: .warning)
        var built = false
        logger.debug(
            {
                built = true; return "expensive"
            }())
        logger.info("info")
        logger.warning("warning")
        logger.error("error")
        #expect(memory.lines == ["madod: warning", "madod: error"])
        #expect(!built, "a filtered-out message must not be built")

        logger.minimumPriority = .debug
        logger.debug("now visible")
        #expect(memory.lines.last == "madod: now visible")
    }

    @Test func embeddedLineBreaksStayOnOneLine() {
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "cups", handler: memory)
        logger.warning("printer said:\nline two\r\nline three\rend\u{1B}[31m")
        #expect(memory.lines == ["cups: printer said:\\nline two\\nline three\\nend?[31m"])
    }

    @Test func standardErrorHandlerWritesSyslogPrefixedLines() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let logger = Logger(
            label: "madod", handler: StandardErrorLogHandler(writingTo: ends[1]), minimumPriority: .debug)
        logger.info("listening on /run/mado/admin.sock")
        logger.error("two\nlines")
        logger.debug("detail")
        close(ends[1])
        var output = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
            if count <= 0 { break }
            output += buffer[..<count]
        }
        #expect(
            String(decoding: output, as: UTF8.self)
                == "<6>madod: listening on /run/mado/admin.sock\n<3>madod: two\\nlines\n<7>madod: detail\n")
    }

    @Test func priorityNamesFromConfiguration() {
        #expect(LogPriority(name: "error") == .error)
        #expect(LogPriority(name: "Warning") == .warning)
        #expect(LogPriority(name: "notice") == .notice)
        #expect(LogPriority(name: "info") == .info)
        #expect(LogPriority(name: "debug") == .debug)
        #expect(LogPriority(name: "verbose") == nil)
        #expect(LogPriority.error < LogPriority.info)
        #expect(LogPriority.allCases.map(\.rawValue) == Array(0...7))
    }
}
