// SPDX-License-Identifier: Apache-2.0
// The "forms" section: the city the forms are addressed to, where the life-event rules and form
// templates live, the counter printers (CUPS queues) and how long printed forms are kept.
import MadoCore
import MadoDevices

/// A counter's A4 printer: a CUPS queue, reached through the local or a named CUPS server.
public struct CounterPrinterConfiguration: Sendable, Equatable {
    public var id: String
    /// The CUPS queue (destination) name, as `lpstat -p` lists it.
    public var queue: String
    /// The CUPS server (`host:port` or a socket path); nil uses CUPS_SERVER or client.conf.
    public var server: String?
    /// Two-sided printing; forms are signed page by page, so one-sided is the default.
    public var duplex: Bool = false
}

public struct FormsConfiguration: Sendable, Equatable {
    /// 「〇〇市」 and the addressee of the forms (「〇〇市長」).
    public var cityName: String
    public var mayor: String
    /// config/life-events.json: the interview per life event and the rules that pick procedures.
    public var lifeEventsPath: String
    /// config/forms: one JSON template per form.
    public var templatesDirectory: String
    public var printers: [CounterPrinterConfiguration] = []
    /// How long a printed bundle's PDFs stay in the spool after their jobs finish (0: deleted at once).
    public var retentionSeconds: Int = 0

    static func read(_ r: JSONObjectReader, directory: String) -> FormsConfiguration {
        var cityName = "", mayor = ""
        _ = r.requiredObject("city") { city in
            cityName = city.requiredString("name") ?? ""
            mayor = city.string("mayor") ?? "\(cityName)長"
        }
        var forms = FormsConfiguration(
            cityName: cityName, mayor: mayor,
            lifeEventsPath: ConfigurationLoader.resolve(
                r.string("lifeEvents", default: "life-events.json"), against: directory),
            templatesDirectory: ConfigurationLoader.resolve(r.string("templates", default: "forms"), against: directory)
        )
        forms.retentionSeconds = r.int("retentionSeconds", default: 0, in: 0...2_592_000)
        forms.printers = r.array("printers") { $0.object { readPrinter($0, directory: directory) } ?? nil } ?? []
        var ids = Set<String>()
        var queues = Set<String>()
        for (i, printer) in forms.printers.enumerated() {
            if !ids.insert(printer.id).inserted {
                r.problem("printers[\(i)].id", "another counter printer already has the id \"\(printer.id)\"")
            }
            // Print jobs are followed by queue name, so two printers may not share one (even on two servers).
            if !queues.insert(printer.queue).inserted {
                r.problem("printers[\(i)].queue", "another counter printer already uses the queue \"\(printer.queue)\"")
            }
        }
        return forms
    }

    private static func readPrinter(_ r: JSONObjectReader, directory: String) -> CounterPrinterConfiguration? {
        let id = r.requiredString("id")
        let queue = r.requiredString("queue")
        if let id, !isIdentifier(id) { r.problem("id", "use letters, digits, '-' and '_' only") }
        if let queue, queue.isEmpty || queue.contains(where: { $0 == "/" || $0 == "#" || $0.isWhitespace }) {
            r.problem("queue", "a CUPS queue name has no spaces, '/' or '#'")
        }
        var printer = CounterPrinterConfiguration(id: id ?? "", queue: queue ?? "")
        // A socket path may be relative to the config file, like every other path in it.
        printer.server = r.string("server").map {
            $0.hasPrefix("./") || $0.hasPrefix("../") ? ConfigurationLoader.resolve($0, against: directory) : $0
        }
        if let server = printer.server {
            do {
                _ = try CUPSServerAddress(parsing: server)
            } catch {
                r.problem("server", "\(error)")
            }
        }
        printer.duplex = r.bool("duplex", default: false)
        return id == nil || queue == nil ? nil : printer
    }

    private static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }
}
