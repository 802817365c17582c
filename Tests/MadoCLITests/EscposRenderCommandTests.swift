// SPDX-License-Identifier: Apache-2.0
// `madoctl escpos render`: a capture becomes a PNG a person can look at, without madod.
import Foundation
import MadoCore
import MadoRender
import MadoTestThreads
import Testing

@Suite(.ownThread) struct EscposRenderCommandTests {
    static let ticket = TicketContent(
        header: ["みどり市役所", "𠮷田出張所"], number: "A-023", serviceName: "引越し・住所変更", issuedAt: "12月3日 9:41",
        peopleAhead: 5, estimatedWaitMinutes: 10...20, statusURL: "https://mado.example.jp/t/7Q2M4X9K3VH8RZ5N",
        footer: ["番号が呼ばれるまでお待ちください"])

    /// A scratch directory removed after `body`.
    static func withDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("escpos-render-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    static func writeCapture(_ bytes: [UInt8], in directory: String) throws -> String {
        let path = directory + "/capture.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aTicketCaptureBecomesThePNGOfThePrintedTicket() throws {
        try Self.withDirectory { directory in
            let bytes = try TicketRenderer(layout: TicketLayout()).bytes(for: Self.ticket)
            let capture = try Self.writeCapture(bytes, in: directory)
            let output = directory + "/ticket.png"
            // A socket nobody listens on: the command must not need madod.
            let run = MadoctlRun(["--socket", directory + "/none.sock", "escpos", "render", capture, output])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.isEmpty)
            let page = try ESCPOSPage(pngFile: output)
            let expected = TicketGolden.page(fromCapturedBytes: bytes, paperWidth: 576)
            #expect(page.width == 576 && page.dots == expected.dots)
            let millimetres = (Double(page.height) * 25.4 / 203 * 10).rounded() / 10
            #expect(
                run.stdout.hasPrefix(
                    "Rendered \(capture) (\(bytes.count) bytes) to \(output): 576×\(page.height) dots, "
                        + "\(millimetres) mm of paper\n"))
            #expect(run.stdout.contains(", 1 cut, 1 raster image, 1 QR code\n"), "\(run.stdout)")
            #expect(!run.stdout.contains("not understood") && !run.stdout.contains("warning"))
        }
    }

    @Test func narrowPaperIsChosenWithWidth() throws {
        try Self.withDirectory { directory in
            let bytes = try TicketRenderer(layout: TicketLayout(paperWidth: 384)).bytes(for: Self.ticket)
            let capture = try Self.writeCapture(bytes, in: directory)
            let run = MadoctlRun(["escpos", "render", "--width", "384", capture, directory + "/narrow.png"])
            #expect(run.status == 0)
            #expect(try ESCPOSPage(pngFile: directory + "/narrow.png").width == 384)
        }
    }

    @Test func commandsTheDecoderDoesNotKnowAreListedWithTheirOffset() throws {
        try Self.withDirectory { directory in
            // ESC @, "AB", LF, then GS 0x99 (no such command) and a capture cut off inside GS v 0.
            let bytes: [UInt8] = [0x1B, 0x40, 0x41, 0x42, 0x0A, 0x1D, 0x99, 0x1D, 0x76, 0x30, 0x00, 0x01]
            let capture = try Self.writeCapture(bytes, in: directory)
            let run = MadoctlRun(["escpos", "render", capture, directory + "/odd.png"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("not understood (drawn as nothing):\n    at byte 5: unknown"), "\(run.stdout)")
            #expect(run.stdout.contains("warning: the capture ends inside a command"))
            #expect(run.stdout.contains("warning: the paper is never cut"))
        }
    }

    @Test func aMissingOrEmptyCaptureIsBadInput() throws {
        let missing = MadoctlRun(["escpos", "render", "/nonexistent/capture.bin", "/tmp/never.png"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "Error: cannot read /nonexistent/capture.bin: No such file or directory\n")
        try Self.withDirectory { directory in
            let capture = try Self.writeCapture([], in: directory)
            let empty = MadoctlRun(["escpos", "render", capture, directory + "/empty.png"])
            #expect(empty.status == 65)
            #expect(empty.stderr == "Error: \(capture) is empty: the capture holds no printer bytes\n")
            #expect(!FileManager.default.fileExists(atPath: directory + "/empty.png"))
        }
    }

    @Test func anUnwritablePNGSaysWhere() throws {
        try Self.withDirectory { directory in
            let capture = try Self.writeCapture([0x1B, 0x40, 0x41, 0x0A], in: directory)
            let run = MadoctlRun(["escpos", "render", capture, "/nonexistent/out.png"])
            #expect(run.status == 73)
            #expect(run.stderr == "Error: cannot write /nonexistent/out.png: No such file or directory\n")
        }
    }

    @Test(arguments: [
        (["escpos", "render", "capture.bin"], "Missing expected argument '<png>'"),
        (
            ["escpos", "render", "--width", "500", "a.bin", "b.png"],
            "The value '500' is invalid for '--width <dots>': expected 576 (80 mm) or 384 (58 mm)"
        ),
        (["escpos", "render", "a.bin", "b.png", "c"], "Unexpected argument 'c'"),
    ])
    func misuseExits64WithTheUsage(arguments: [String], message: String) {
        let run = MadoctlRun(arguments)
        #expect(run.status == 64)
        #expect(
            run.stderr == "Error: \(message)\nUsage: madoctl escpos render [--width <dots>] <capture> <png>\n"
                + "  See 'madoctl escpos render --help' for more information.\n")
    }
}
