// SPDX-License-Identifier: Apache-2.0
// Parsing of systemd's LISTEN_PID / LISTEN_FDS / LISTEN_FDNAMES.
import MadoSystem
import MadoTestThreads
import Testing

@Suite(.ownThread) struct SocketActivationTests {
    @Test func adoptsDescriptorsFromThreeWithNames() {
        let passed = SocketActivation.descriptors(
            environment: ["LISTEN_PID": "4321", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "admin:http"], pid: 4321)
        #expect(passed.map(\.fd) == [3, 4])
        #expect(passed.map(\.name) == ["admin", "http"])
    }

    @Test func namesAreOptional() {
        let passed = SocketActivation.descriptors(environment: ["LISTEN_PID": "7", "LISTEN_FDS": "1"], pid: 7)
        #expect(passed.map(\.fd) == [3])
        #expect(passed.map(\.name) == [nil])
        // A name list that does not match the count is not trusted.
        let mismatched = SocketActivation.descriptors(
            environment: ["LISTEN_PID": "7", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "admin"], pid: 7)
        #expect(mismatched.map(\.fd) == [3, 4])
        #expect(mismatched.map(\.name) == [nil, nil])
    }

    @Test(arguments: [
        ["LISTEN_PID": "4322", "LISTEN_FDS": "1"],  // meant for another process (inherited environment)
        ["LISTEN_FDS": "1"],  // no pid at all
        ["LISTEN_PID": "4321"],
        ["LISTEN_PID": "4321", "LISTEN_FDS": "0"],
        ["LISTEN_PID": "4321", "LISTEN_FDS": "-1"],
        ["LISTEN_PID": "4321", "LISTEN_FDS": "many"],
        [:],
    ])
    func notActivatedGivesNothing(environment: [String: String]) {
        #expect(SocketActivation.descriptors(environment: environment, pid: 4321).isEmpty)
    }
}
