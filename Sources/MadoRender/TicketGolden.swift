// SPDX-License-Identifier: Apache-2.0
// Golden-picture checks for tickets: captured bytes drawn as the printer would, compared with a PNG.
public import Foundation
public import MadoCore

/// For tests that check what a ticket printer received: render the captured bytes to a page, and compare
/// the page with a checked-in PNG allowing no dot of difference.
///
/// Set `MADO_UPDATE_GOLDENS=1` to write the goldens instead of comparing (then review the pictures and
/// commit them). On a mismatch the actual picture is written to a temp file the message names.
public enum TicketGolden {
    /// The environment variable that turns comparisons into updates.
    public static let updateVariable = "MADO_UPDATE_GOLDENS"

    /// Decodes `bytes` (everything a printer received) and draws them as the printer would lay them out,
    /// with the ticket font for text printed from the printer's fonts.
    public static func page(
        fromCapturedBytes bytes: [UInt8], paperWidth: Int, textDecoder: CP932Encoder = CP932Encoder()
    ) -> ESCPOSPage {
        ESCPOSCaptureRendering(bytes: bytes, paperWidth: paperWidth, textDecoder: textDecoder).page
    }

    /// Compares `page` with the PNG at `goldenPath`. Returns nil when every dot matches (or when the golden
    /// was just written because `MADO_UPDATE_GOLDENS=1`), else a message saying how they differ and where
    /// the actual picture was written for a look.
    public static func mismatch(
        of page: ESCPOSPage, againstGoldenAt goldenPath: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let name = URL(fileURLWithPath: goldenPath).lastPathComponent
        if environment[updateVariable] == "1" {
            do {
                try FileManager.default.createDirectory(
                    atPath: URL(fileURLWithPath: goldenPath).deletingLastPathComponent().path,
                    withIntermediateDirectories: true)
                try page.writePNG(to: goldenPath)
                return nil
            } catch {
                return "cannot update the golden \(goldenPath): \(error)"
            }
        }
        let golden: ESCPOSPage
        do {
            golden = try ESCPOSPage(pngFile: goldenPath)
        } catch {
            return "\(error.message); run with \(updateVariable)=1 to create it" + keepActual(page, name: name)
        }
        guard golden.width == page.width else {
            return "\(name): the page is \(page.width) dots wide, the golden \(golden.width)"
                + keepActual(page, name: name)
        }
        guard let differing = page.differingDotCount(from: golden), differing > 0 else { return nil }
        let row = page.firstDifferingRow(from: golden) ?? 0
        return "\(name): \(differing) dots differ (page \(page.width)×\(page.height), golden "
            + "\(golden.width)×\(golden.height)), first in row \(row)" + keepActual(page, name: name)
    }

    /// Writes the actual picture into the temp directory and says where.
    private static func keepActual(_ page: ESCPOSPage, name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("actual-" + name).path
        do {
            try page.writePNG(to: path)
            return "; actual picture: \(path)"
        } catch {
            return "; the actual picture could not be written either: \(error)"
        }
    }
}
