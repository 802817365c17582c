// SPDX-License-Identifier: Apache-2.0
// kill -9 while kiosks issue tickets: every acknowledged ticket survives with its number, no number
// is issued twice, and the queue after a restart is exactly a replay of the stored log.
import Foundation
import MadoCore
import MadoStore
import MadoTestSupport
import MadoTestThreads
import Testing

/// What the client threads saw, shared between them.
final class AcknowledgedTickets: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while holding `lock`.
    private let lock = NSLock()
    private var tickets: [(id: String, number: String)] = []
    private var stopped = false

    func record(id: String, number: String) {
        lock.lock()
        tickets.append((id, number))
        lock.unlock()
    }

    var all: [(id: String, number: String)] {
        lock.lock()
        defer { lock.unlock() }
        return tickets
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    func setStopped(_ value: Bool) {
        lock.lock()
        stopped = value
        lock.unlock()
    }
}

@Suite(.serialized, .ownThread) struct QueueCrashTests {
    static let clients = 4
    static let rounds = 6

    @Test func acknowledgedTicketsSurviveKill9WithTheirNumbersAndNoNumberIsReused() throws {
        let daemon = try DaemonHarness(extraConfig: QueueTestDaemon.extraConfig())
        defer { daemon.cleanUp() }
        var random = SplitMix64(seed: 0x6D61_646F_2D71_7565)  // "mado-que"
        let acknowledged = AcknowledgedTickets()
        var lastSeen: [String: String] = [:]  // id → number, as GET /v1/tickets showed before each kill

        for round in 0..<Self.rounds {
            try daemon.start()
            // Everything acknowledged before the previous kill is still there, unchanged.
            let listed = try Self.ticketNumbers(daemon)
            for (id, number) in lastSeen { #expect(listed[id] == number, "round \(round): \(id) kept \(number)") }

            acknowledged.setStopped(false)
            let socket = daemon.socketPath
            let threads = (0..<Self.clients).map { client in
                Thread { @Sendable in
                    Self.issueUntilStopped(socket: socket, client: client, into: acknowledged)
                }
            }
            for thread in threads { thread.start() }
            let runFor = Double.random(in: 0.15...0.6, using: &random)
            Thread.sleep(forTimeInterval: runFor)
            // A snapshot just before the kill: acknowledged tickets issued after it are checked below.
            if let snapshot = try? Self.ticketNumbers(daemon) { lastSeen.merge(snapshot) { _, new in new } }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.05, using: &random))
            daemon.signal(SIGKILL)
            #expect(daemon.waitForExit(timeout: 5) != nil)
            acknowledged.setStopped(true)
            while threads.contains(where: { $0.isExecuting }) { usleep(5000) }
            // Threads may still be finishing their last request against the dead socket.
            Thread.sleep(forTimeInterval: 0.05)
        }

        try daemon.start()
        let afterRestart = try Self.ticketList(daemon)
        let byID = Dictionary(afterRestart.map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
        let acks = acknowledged.all
        #expect(acks.count > 20, "the clients got tickets acknowledged (\(acks.count))")
        for ack in acks { #expect(byID[ack.id] == ack.number, "acknowledged \(ack.number) (\(ack.id)) survived") }
        #expect(Set(acks.map(\.number)).count == acks.count, "no number was acknowledged twice")
        #expect(Set(afterRestart.map(\.number)).count == afterRestart.count, "no number was issued twice")
        for (id, number) in lastSeen { #expect(byID[id] == number) }

        // The projection the daemon rebuilt is a replay of the log it stored.
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        let database = try Database.open(
            path: daemon.directory + "/state/mado.db", migrations: MadoSchema.migrations)
        defer { try? database.close() }
        let events = try database.readSync { connection in
            try QueueEventLog.events(connection, seq: 1...QueueEventLog.lastSeq(connection))
        }
        let replayed = QueueState.replay(events)
        #expect(replayed.ticketsInIssueOrder.map(\.id) == afterRestart.map(\.id))
        #expect(replayed.ticketsInIssueOrder.map(\.number) == afterRestart.map(\.number))
        #expect(replayed.ticketsInIssueOrder.map(\.state.rawValue) == afterRestart.map(\.state))
        var issuedNumbers = Set<String>()
        for case .issued(_, let day, _, _, let number, _, _, _) in events {
            #expect(issuedNumbers.insert("\(day) \(number)").inserted, "\(number) stored once on \(day)")
        }
    }

    /// Issues tickets (and every fourth request calls one) over the admin socket until stopped.
    static func issueUntilStopped(socket: String, client: Int, into acknowledged: AcknowledgedTickets) {
        var n = 0
        while !acknowledged.isStopped {
            n += 1
            let service = (client + n) % 2 == 0 ? "moving" : "certificates"
            do {
                if n % 4 == 0 {
                    _ = try RawHTTP.request(
                        socket: socket, method: "POST", path: "/v1/counters/\(client % 3 + 1)/call", body: Data())
                    continue
                }
                let response = try RawHTTP.request(
                    socket: socket, method: "POST", path: "/v1/tickets",
                    body: Data(#"{"service":"\#(service)"}"#.utf8))
                guard response.status == 201,
                    let ticket = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                    let id = ticket["id"] as? String, let number = ticket["number"] as? String
                else { continue }
                acknowledged.record(id: id, number: number)
            } catch {
                usleep(2000)  // the daemon is gone or restarting
            }
        }
    }

    struct ListedTicket {
        let id: String
        let number: String
        let state: String
    }

    static func ticketList(_ daemon: DaemonHarness) throws -> [ListedTicket] {
        let response = try daemon.request("GET", "/v1/tickets")
        let list = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
        return list.compactMap { t in
            guard let id = t["id"] as? String, let number = t["number"] as? String, let state = t["state"] as? String
            else { return nil }
            return ListedTicket(id: id, number: number, state: state)
        }
    }

    static func ticketNumbers(_ daemon: DaemonHarness) throws -> [String: String] {
        Dictionary(try ticketList(daemon).map { ($0.id, $0.number) }, uniquingKeysWith: { a, _ in a })
    }
}
