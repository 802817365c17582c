// SPDX-License-Identifier: Apache-2.0
// What a queue ticket says, before it is laid out for a printer.

/// The facts printed on one numbered ticket. Strings are shown as given (after CP932 normalisation); times
/// are formatted by the caller, which knows the site's time zone and calendar.
public struct TicketContent: Equatable, Sendable {
    /// Site header lines, e.g. ["○○区役所", "市民課"].
    public var header: [String]
    /// The printed number, e.g. "A-023". Printed as large as the paper allows.
    public var number: String
    /// The service chosen at the kiosk, e.g. "転入・転出・転居".
    public var serviceName: String
    /// The issue time as it should read, e.g. "12月3日 9:41".
    public var issuedAt: String
    /// Tickets of this service ahead of this one.
    public var peopleAhead: Int
    /// The reference wait in minutes (参考値), optimistic to pessimistic; nil when there is no estimate.
    public var estimatedWaitMinutes: ClosedRange<Int>?
    /// The status page for this ticket (an unguessable token, never the ticket number alone).
    public var statusURL: String?
    /// Footer lines, e.g. ["番号が呼ばれるまでお待ちください"].
    public var footer: [String]
    /// Echoed by the printer once the ticket has printed (GS ( H); nil for models without it.
    public var processID: ESCPOSProcessID?

    public init(
        header: [String], number: String, serviceName: String, issuedAt: String, peopleAhead: Int,
        estimatedWaitMinutes: ClosedRange<Int>? = nil, statusURL: String? = nil, footer: [String] = [],
        processID: ESCPOSProcessID? = nil
    ) {
        self.header = header
        self.number = number
        self.serviceName = serviceName
        self.issuedAt = issuedAt
        self.peopleAhead = peopleAhead
        self.estimatedWaitMinutes = estimatedWaitMinutes
        self.statusURL = statusURL
        self.footer = footer
        self.processID = processID
    }
}

/// The fixed wording around the ticket's facts. Placeholders: {n} people, {min} {max} minutes, {time}.
public struct TicketLabels: Equatable, Sendable {
    public var issuedAt: String
    public var peopleAhead: String
    public var estimateRange: String
    /// Used when the optimistic and pessimistic estimates are equal.
    public var estimateSingle: String
    /// A line above the QR code; empty for none.
    public var qrCaption: String

    public init(
        issuedAt: String = "発券 {time}", peopleAhead: String = "お待ちの人数 {n}人",
        estimateRange: String = "待ち時間の目安 {min}～{max}分（参考値）",
        estimateSingle: String = "待ち時間の目安 約{min}分（参考値）", qrCaption: String = "呼び出し状況はこちら"
    ) {
        self.issuedAt = issuedAt
        self.peopleAhead = peopleAhead
        self.estimateRange = estimateRange
        self.estimateSingle = estimateSingle
        self.qrCaption = qrCaption
    }
}
