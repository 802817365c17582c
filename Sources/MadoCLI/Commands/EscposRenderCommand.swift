// SPDX-License-Identifier: Apache-2.0
// `madoctl escpos render`: draws a captured ESC/POS byte stream as the PNG a person can look at.
internal import MadoCore
internal import MadoRender

/// Renders a capture file to a PNG, locally: it reads and writes files only and never contacts madod, so
/// it works on a technician's laptop with just the capture.
public struct EscposRenderCommand: Command {
    public static let name = "escpos render"
    public static let abstract = "Draw a captured ESC/POS byte stream as a PNG, as the printer would print it."
    public static let discussion: String? = """
        Runs locally; madod need not be running. Text printed from the printer's fonts is drawn with
        IPAex Gothic in its 12×24 / 24×24 dot cells, raster images and QR codes dot for dot, cuts as
        dashed lines. One PNG pixel is one printer dot (203 dpi).
        """
    static let widthOption = OptionSpec.value(
        "--width", "dots", help: "Paper width in dots: 576 for 80 mm (default) or 384 for 58 mm.")
    static let captureArgument = PositionalSpec("capture", help: "The bytes the printer received.")
    static let outputArgument = PositionalSpec("png", help: "The PNG file to write.")
    public static let signature = CommandSignature(
        options: [widthOption], positionals: [captureArgument, outputArgument])

    public let capturePath: String
    public let outputPath: String
    public let widthText: String?

    public init(parsing arguments: ParsedArguments) throws(CLIError) {
        capturePath = try arguments.positional(0, Self.captureArgument)
        outputPath = try arguments.positional(1, Self.outputArgument)
        widthText = arguments.value(Self.widthOption)
    }

    public func validate() throws(CLIError) {
        if let widthText, paperWidth == nil {
            throw Self.usageError(
                "The value '\(widthText)' is invalid for '--width <dots>': expected 576 (80 mm) or 384 (58 mm)")
        }
        if capturePath.isEmpty || outputPath.isEmpty {
            throw Self.usageError("The capture and the PNG must be file names, not empty")
        }
    }

    /// The paper width, or nil when `--width` is not one of the two thermal paper widths.
    var paperWidth: Int? {
        guard let widthText else { return ESCPOSPage.width80mm }
        let width = Int(widthText)
        return width == ESCPOSPage.width80mm || width == ESCPOSPage.width58mm ? width : nil
    }

    public func run(in context: CommandContext) throws(CLIError) {
        let bytes: [UInt8]
        do {
            bytes = try ESCPOSCaptureRendering.readCapture(atPath: capturePath)
        } catch {
            throw .badInputFile(error.message)
        }
        guard !bytes.isEmpty else {
            throw .badInputFile("\(capturePath) is empty: the capture holds no printer bytes")
        }
        let rendering = ESCPOSCaptureRendering(bytes: bytes, paperWidth: paperWidth ?? ESCPOSPage.width80mm)
        do {
            try rendering.page.writePNG(to: outputPath)
        } catch {
            throw .cannotWrite(error.message)
        }
        context.output.write(Self.summary(of: rendering, capture: capturePath, output: outputPath))
    }

    /// What a technician checks first: how much was printed, whether the paper was cut, and what the
    /// decoder did not understand.
    static func summary(of rendering: ESCPOSCaptureRendering, capture: String, output: String) -> String {
        let page = rendering.page
        let millimetres = (rendering.lengthInMillimetres * 10).rounded() / 10
        var text = "Rendered \(capture) (\(count(rendering.byteCount, "byte"))) to \(output): "
        text += "\(page.width)×\(page.height) dots, \(millimetres) mm of paper\n"
        text += "  \(count(rendering.decoding.entries.count, "command")), \(count(rendering.cutCount, "cut")), "
        text += "\(count(rendering.rasterImageCount, "raster image")), \(count(rendering.qrCodeCount, "QR code"))\n"
        let unknown = rendering.decoding.unknownEntries
        if !unknown.isEmpty {
            text += "  \(count(unknown.count, "command")) not understood (drawn as nothing):\n"
            for entry in unknown.prefix(10) {
                text += "    at byte \(entry.offset): \(entry.command)\n"
            }
            if unknown.count > 10 { text += "    … and \(unknown.count - 10) more\n" }
        }
        if rendering.decoding.isTruncated {
            text += "  warning: the capture ends inside a command; it was cut off before the printer got it all\n"
        }
        if rendering.cutCount == 0 { text += "  warning: the paper is never cut\n" }
        return text
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
