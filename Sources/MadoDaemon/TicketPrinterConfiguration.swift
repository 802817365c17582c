// SPDX-License-Identifier: Apache-2.0
// One entry of the config's "ticketPrinters": where a kiosk's thermal printer is and how its tickets look.
public import MadoCore
public import MadoDevices

/// A kiosk's ticket printer as configured.
///
/// A ticket issued with the bearer token named by `kiosk` prints here; on the admin socket a request
/// names the printer (`"printer": "kiosk-1"`), or the only printer is used when there is just one.
public struct TicketPrinterConfiguration: Sendable, Equatable {
    public var id: String
    public var address: TicketPrinterAddress
    /// The id of the kiosk's token in `tokens`, if a LAN kiosk prints here.
    public var kiosk: String?
    /// 576 dots (80 mm paper) or 384 (58 mm).
    public var paperWidth: Int
    public var renderPath: TicketRenderPath
    /// Lines above the number (the office's name, the floor); lines below the QR code.
    public var header: [String]
    public var footer: [String]
    public var statusTimeoutSeconds: Double
    public var completionTimeoutSeconds: Double

    public static let defaultFooter = ["番号をお呼びするまでお待ちください"]

    /// The driver's settings for this printer.
    public var settings: TicketPrinterSettings {
        TicketPrinterSettings(
            statusTimeout: .milliseconds(Int(statusTimeoutSeconds * 1000)),
            completionTimeout: .milliseconds(Int(completionTimeoutSeconds * 1000)), paperWidthDots: paperWidth)
    }

    static func read(_ r: JSONObjectReader, siteName: String) -> TicketPrinterConfiguration? {
        let id = r.requiredString("id")
        let uri = r.requiredString("uri")
        var address: TicketPrinterAddress?
        if let uri {
            do {
                address = try TicketPrinterAddress(parsing: uri)
            } catch {
                r.problem("uri", error.message)
            }
        }
        let paper = r.choice("paper", ["80mm", "58mm"], default: "80mm")
        let path = r.choice("renderPath", TicketRenderPath.allCases.map(\.rawValue), default: "nativeKanji")
        let header = r.stringArray("header") ?? [siteName]
        let footer = r.stringArray("footer") ?? defaultFooter
        let statusTimeout = seconds(r, "statusTimeoutSeconds", default: 1, in: 0.1...30)
        let completionTimeout = seconds(r, "completionTimeoutSeconds", default: 5, in: 0.5...60)
        guard let id, let address else { return nil }
        return TicketPrinterConfiguration(
            id: id, address: address, kiosk: r.string("kiosk"),
            paperWidth: paper == "58mm" ? ESCPOSPage.width58mm : ESCPOSPage.width80mm,
            renderPath: TicketRenderPath(rawValue: path) ?? .nativeKanji, header: header, footer: footer,
            statusTimeoutSeconds: statusTimeout, completionTimeoutSeconds: completionTimeout)
    }

    private static func seconds(
        _ r: JSONObjectReader, _ key: String, default value: Double, in range: ClosedRange<Double>
    ) -> Double {
        guard let given = r.double(key) else { return value }
        guard range.contains(given) else {
            r.problem(key, "must be between \(range.lowerBound) and \(range.upperBound) seconds, found \(given)")
            return value
        }
        return given
    }
}
