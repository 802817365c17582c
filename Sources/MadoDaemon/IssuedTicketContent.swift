// SPDX-License-Identifier: Apache-2.0
// What a kiosk's printer prints for a ticket just issued: the kiosk's answer, in the site's local time.
import Foundation
import MadoCore

enum IssuedTicketContent {
    /// The ticket content from the issue answer (`QueueJSON.ticket` with its status URL). Nil when
    /// the answer lacks the number (it always has one; a refusal never reaches here).
    static func make(
        from answer: JSONValue, printer: TicketPrinterConfiguration, timeZone: TimeZone, processID: ESCPOSProcessID
    ) -> TicketContent? {
        guard case .object(let ticket) = answer, case .string(let number)? = ticket["number"] else { return nil }
        func text(_ key: String) -> String? {
            if case .string(let value)? = ticket[key] { return value }
            return nil
        }
        func integer(_ value: JSONValue?) -> Int? {
            if case .number(let digits)? = value { return Int(digits) }
            return nil
        }
        var estimate: ClosedRange<Int>?
        if case .object(let range)? = ticket["estimate"], let low = integer(range["minMinutes"]),
            let high = integer(range["maxMinutes"]), low <= high
        {
            estimate = low...high
        }
        let issuedAt = text("issuedAt").flatMap(EventTimestamp.parse).map { localTime($0, in: timeZone) } ?? ""
        return TicketContent(
            header: printer.header, number: number, serviceName: text("serviceName") ?? "", issuedAt: issuedAt,
            peopleAhead: integer(ticket["peopleAhead"]) ?? 0, estimatedWaitMinutes: estimate,
            statusURL: text("statusURL"), footer: printer.footer, processID: processID)
    }

    /// "12月3日 9:41": month, day and minute in the site's zone, by arithmetic on the zone offset
    /// rather than a date formatter (which would load ICU into madod for one line of a ticket).
    static func localTime(_ date: Date, in zone: TimeZone) -> String {
        let seconds = Int64((date.timeIntervalSince1970).rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (_, month, day) = EventTimestamp.civil(fromDays: days)
        let minute = secondOfDay / 60 % 60
        return "\(month)月\(day)日 \(secondOfDay / 3600):\(minute < 10 ? "0" : "")\(minute)"
    }
}
