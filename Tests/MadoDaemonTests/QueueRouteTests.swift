// SPDX-License-Identifier: Apache-2.0
// The queue's routes through the real madod binary: what a kiosk, a counter PC, madoctl, a phone
// with the ticket's QR code and the city's dashboard see.
import Foundation
import MadoCore
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.serialized, .ownThread) struct QueueRouteTests {
    @Test func aTicketGoesFromIssueToCallToStartToServed() throws {
        let daemon = try QueueTestDaemon.start()
        defer { daemon.cleanUp() }

        let issued = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving","priority":false}"#)
        #expect(issued.status == 201)
        let ticket = try #require(issued.object)
        #expect(ticket["number"] as? String == "A-001")
        #expect(ticket["serviceName"] as? String == "引越し")
        #expect(ticket["state"] as? String == "waiting")
        #expect(ticket["priority"] as? Bool == false)
        #expect(ticket["peopleAhead"] as? Int == 0)
        let estimate = try #require(ticket["estimate"] as? [String: Any])
        #expect((estimate["minMinutes"] as? Int ?? -1) <= (estimate["maxMinutes"] as? Int ?? -2))
        let statusURL = try #require(ticket["statusURL"] as? String)
        #expect(statusURL.hasPrefix("/t/") && statusURL.count == 3 + 22, "a relative URL with a 128-bit token")
        let id = try #require(ticket["id"] as? String)

        let second = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving"}"#)
        #expect(second.object?["number"] as? String == "A-002")
        #expect(second.object?["peopleAhead"] as? Int == 1)

        let called = try daemon.request("POST", "/v1/counters/1/call", body: "{}")
        #expect(called.status == 200)
        #expect(called.object?["number"] as? String == "A-001")
        #expect(called.object?["state"] as? String == "called")
        #expect(called.object?["counterName"] as? String == "1番窓口")

        let started = try daemon.request("POST", "/v1/tickets/A-001/start")
        #expect(started.object?["state"] as? String == "serving")
        let served = try daemon.request("POST", "/v1/tickets/\(id)/served")
        #expect(served.status == 200)
        #expect(served.object?["state"] as? String == "served")

        let waiting = try daemon.request("GET", "/v1/tickets?state=waiting")
        #expect(waiting.array?.compactMap { $0["number"] as? String } == ["A-002"])
        let all = try daemon.request("GET", "/v1/tickets")
        #expect(all.array?.compactMap { $0["state"] as? String } == ["served", "waiting"])
        #expect(!all.text.contains(String(statusURL.dropFirst(3))), "lists never carry the status token")

        let counters = try daemon.request("GET", "/v1/counters")
        let first = try #require(counters.array?.first)
        #expect(first["id"] as? String == "1")
        #expect(first["open"] as? Bool == true, "calling opens the counter")
        #expect(first["current"] is NSNull, "the served ticket left the counter")
        #expect(first["services"] as? [String] == ["moving"])

        // A call by number, then the empty queue answers null.
        let byNumber = try daemon.request("POST", "/v1/counters/2/call", body: #"{"number":"a2"}"#)
        #expect(byNumber.object?["number"] as? String == "A-002")
        let empty = try daemon.request("POST", "/v1/counters/3/call")
        #expect(empty.status == 200)
        #expect(empty.text == "null")
    }

    @Test func refusalsAnswerWithStatusMessageAndField() throws {
        let daemon = try QueueTestDaemon.start()
        defer { daemon.cleanUp() }
        _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving"}"#)

        let notCalled = try daemon.request("POST", "/v1/tickets/A-001/start")
        #expect(notCalled.status == 409)
        #expect(notCalled.error?["code"] as? String == "invalid_transition")
        #expect(notCalled.error?["message"] as? String == "ticket A-001 is waiting; it cannot be started")

        let unknownTicket = try daemon.request("POST", "/v1/tickets/A-999/served")
        #expect(unknownTicket.status == 404)
        #expect(unknownTicket.error?["field"] as? String == "ticket")

        let unknownService = try daemon.request("POST", "/v1/tickets", body: #"{"service":"tax"}"#)
        #expect(unknownService.status == 404)
        #expect(unknownService.error?["field"] as? String == "service")

        let badBody = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving","colour":"red"}"#)
        #expect(badBody.status == 400)
        #expect(badBody.error?["field"] as? String == "colour")

        let badCategory = try daemon.request(
            "POST", "/v1/tickets", body: #"{"service":"moving","priority":true,"category":"vip"}"#)
        #expect(badCategory.status == 400)
        #expect(badCategory.error?["field"] as? String == "category")

        let badState = try daemon.request("GET", "/v1/tickets?state=asleep")
        #expect(badState.status == 400)
        #expect(badState.error?["field"] as? String == "state")

        let transferMissing = try daemon.request("POST", "/v1/tickets/A-001/transfer", body: "{}")
        #expect(transferMissing.status == 400)
        #expect(transferMissing.error?["field"] as? String == "service")

        let badDate = try daemon.request("GET", "/v1/kpi/daily?from=2026-02-30&to=2026-03-01")
        #expect(badDate.status == 400)
        #expect(badDate.error?["field"] as? String == "from")
        let backwards = try daemon.request("GET", "/v1/kpi/daily?from=2026-03-02&to=2026-03-01")
        #expect(backwards.error?["field"] as? String == "to")
    }

    @Test func aPriorityTicketIsCalledFirstAndRecallsEndInANoShow() throws {
        let daemon = try QueueTestDaemon.start()
        defer { daemon.cleanUp() }
        _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving"}"#)
        let priority = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving","priority":true}"#)
        #expect(priority.object?["priority"] as? Bool == true)
        #expect(priority.object?["category"] as? String == "elderly", "the first configured category")
        #expect(priority.object?["peopleAhead"] as? Int == 0)

        let called = try daemon.request("POST", "/v1/counters/1/call")
        #expect(called.object?["number"] as? String == "A-002")
        #expect(try daemon.request("POST", "/v1/tickets/A-002/recall").object?["callCount"] as? Int == 2)
        #expect(try daemon.request("POST", "/v1/tickets/A-002/recall").object?["callCount"] as? Int == 3)
        let third = try daemon.request("POST", "/v1/tickets/A-002/recall")
        #expect(third.object?["state"] as? String == "noShow", "noShowAfterRecalls is 2")
        let back = try daemon.request("POST", "/v1/tickets/A-002/return")
        #expect(back.object?["state"] as? String == "waiting")

        let transferred = try daemon.request(
            "POST", "/v1/tickets/A-001/transfer", body: #"{"service":"certificates"}"#)
        #expect(transferred.object?["service"] as? String == "certificates")
        #expect(transferred.object?["number"] as? String == "A-001", "a transfer keeps the number")
        let closed = try daemon.request("POST", "/v1/counters/3/close")
        #expect(closed.object?["open"] as? Bool == false)
    }

    @Test func theLANNeedsTheRightTokenAndTheStatusPageNeedsNone() throws {
        let daemon = try QueueTestDaemon.start(lan: true)
        defer { daemon.cleanUp() }
        let status = try #require(try daemon.request("GET", "/v1/status").object)
        let listeners = try #require(status["listeners"] as? [[String: Any]])
        let base = try #require(listeners.first { $0["kind"] as? String == "lan" }?["address"] as? String)

        let anonymous = try curl("POST", base + "/v1/tickets", body: #"{"service":"moving"}"#)
        #expect(anonymous.0 == 401)
        let issued = try curl(
            "POST", base + "/v1/tickets", token: QueueTestDaemon.kioskToken, body: #"{"service":"moving"}"#)
        #expect(issued.0 == 201)
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(issued.1.utf8)) as? [String: Any])
        let statusURL = try #require(ticket["statusURL"] as? String)
        #expect(statusURL.hasPrefix("http://mado.test:8080/t/"))

        let kioskCalls = try curl("POST", base + "/v1/counters/1/call", token: QueueTestDaemon.kioskToken)
        #expect(kioskCalls.0 == 403)
        #expect(kioskCalls.1.contains("\\\"counter\\\"") || kioskCalls.1.contains("counter"))
        let counterCalls = try curl("POST", base + "/v1/counters/1/call", token: QueueTestDaemon.counterToken)
        #expect(counterCalls.0 == 200)
        #expect(counterCalls.1.contains("\"A-001\""))

        // The resident's phone: no token needed, and nothing more than the status.
        let path = String(statusURL.dropFirst("http://mado.test:8080".count))
        let page = try curl("GET", base + "/v1" + path)
        #expect(page.0 == 200)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(page.1.utf8)) as? [String: Any])
        #expect(shown["number"] as? String == "A-001")
        #expect(shown["state"] as? String == "called")
        #expect(shown["counterName"] as? String == "1番窓口")
        #expect(shown["id"] == nil)
        let unknown = try curl("GET", base + "/t/AAAAAAAAAAAAAAAAAAAAAA")
        #expect(unknown.0 == 404)
        #expect(unknown.1 == "not found\n")

        // Open data is open; the admin-only routes stay hidden.
        #expect(try curl("GET", base + "/v1/opendata/datapackage.json").0 == 200)
        #expect(try curl("GET", base + "/v1/kpi/daily").0 == 200)
    }

    @Test func eventsCarryTheTicketButNeverItsToken() throws {
        let daemon = try QueueTestDaemon.start()
        defer { daemon.cleanUp() }
        let connection = try RawHTTPConnection(path: daemon.socketPath)
        connection.send(Data("GET /v1/events HTTP/1.1\r\nHost: mado\r\n\r\n".utf8))
        _ = connection.read { String(decoding: $0, as: UTF8.self).contains(": connected") }
        let issued = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)
        let token = try #require((issued.object?["statusURL"] as? String)?.dropFirst(3))
        _ = try daemon.request("POST", "/v1/counters/3/call")
        let received = String(
            decoding: connection.read { String(decoding: $0, as: UTF8.self).contains("event: ticket.called") },
            as: UTF8.self)
        #expect(received.contains("event: ticket.issued\ndata: {\"id\":"))
        #expect(received.contains("\"number\":\"B-001\""))
        #expect(received.contains("event: counter.opened") || received.contains("event: ticket.called"))
        #expect(!received.contains(String(token)))
    }

    @Test func kpiCSVForTodayCountsWhatHappenedAndTheDataPackageDescribesIt() throws {
        let daemon = try QueueTestDaemon.start()
        defer { daemon.cleanUp() }
        for _ in 0..<3 { _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"moving"}"#) }
        _ = try daemon.request("POST", "/v1/tickets", body: #"{"service":"certificates"}"#)
        _ = try daemon.request("POST", "/v1/counters/1/call")
        _ = try daemon.request("POST", "/v1/tickets/A-001/served")
        _ = try daemon.request("POST", "/v1/counters/1/call")
        _ = try daemon.request("POST", "/v1/tickets/A-002/noshow")
        _ = try daemon.request("POST", "/v1/tickets/A-003/cancel")

        let csv = try daemon.request("GET", "/v1/kpi/daily")
        #expect(csv.status == 200)
        #expect(csv.headers["content-type"]?.hasPrefix("text/csv") == true)
        let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 3, "a header and one row per service")
        let header = lines[0].components(separatedBy: ",")
        func row(_ service: String) -> [String: String] {
            guard let line = lines.first(where: { $0.components(separatedBy: ",")[1] == service }) else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ",")))
        }
        let moving = row("moving")
        #expect(moving["service_name"] == "引越し")
        #expect(moving["issued"] == "3")
        #expect(moving["served"] == "1")
        #expect(moving["no_show"] == "1")
        #expect(moving["cancelled"] == "1")
        #expect(row("certificates")["issued"] == "1")

        let json = try daemon.request("GET", "/v1/kpi/daily?format=json")
        let rows = try #require(json.array)
        #expect(rows.first { $0["service"] as? String == "moving" }?["served"] as? Int == 1)
        #expect(try daemon.request("GET", "/v1/kpi/hourly").text.hasPrefix("date,hour,service,"))

        let package = try daemon.request("GET", "/v1/opendata/datapackage.json")
        let descriptor = try #require(package.object)
        #expect(descriptor["profile"] as? String == "tabular-data-package")
        let resources = try #require(descriptor["resources"] as? [[String: Any]])
        #expect(resources.count == 3)
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let file = try daemon.request("GET", "/v1/opendata/\(path)")
            #expect(file.status == 200)
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            let names = fields.compactMap { $0["name"] as? String }
            let fileHeader = file.text.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
            #expect(names == fileHeader, "\(path): the schema documents every column, in order")
            for field in fields {
                #expect((field["description"] as? String)?.contains(" / ") == true, "Japanese / English")
            }
        }
        #expect(try daemon.request("GET", "/v1/opendata/tickets.csv").status == 404)
        #expect(!package.text.contains("token"))
    }
}
