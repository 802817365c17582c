// SPDX-License-Identifier: Apache-2.0
// Exit statuses scripts rely on, and the messages a technician reads, for every kind of failure.
import Foundation
import Glibc
import MadoTestThreads
import Testing

@testable import MadoCLI

@Suite(.ownThread) struct CLIErrorTests {
    @Test(arguments: [
        (CLIError.usage("x", command: nil), 64),
        (.daemonNotRunning(socketPath: "/run/mado/admin.sock"), 69),
        (.daemonUnavailable("timed out"), 69),
        (.permissionDenied(socketPath: "/run/mado/admin.sock", group: "mado-admin"), 77),
        (.api(status: 400, code: "bad_request", message: "m", field: nil), 65),
        (.api(status: 409, code: "conflict", message: "m", field: nil), 65),
        (.api(status: 422, code: "invalid", message: "m", field: nil), 65),
        (.api(status: 403, code: "forbidden", message: "m", field: nil), 77),
        (.api(status: 404, code: "not_found", message: "m", field: nil), 1),
        (.api(status: 500, code: "internal", message: "m", field: nil), 1),
        (.invalidResponse("x"), 1),
        (.badInputFile("x"), 65),
        (.cannotWrite("x"), 73),
    ])
    func exitCodes(error: CLIError, code: Int) {
        #expect(Int(error.exitCode) == code)
    }

    @Test func apiErrorNamesTheField() {
        let error = CLIError.api(status: 422, code: "invalid", message: "unknown service 'jumin'", field: "service")
        #expect(Madoctl.describe(error) == "Error: unknown service 'jumin' (field: service)\n")
    }

    @Test func serverErrorSaysItIsABug() {
        let error = CLIError.api(status: 500, code: "internal", message: "database is locked", field: nil)
        #expect(
            Madoctl.describe(error)
                == "Error: database is locked\n  madod failed with HTTP 500 (internal); this is a bug: see 'journalctl -u madod'.\n"
        )
    }

    @Test func aPrinterOutOfPaperIsUnavailableNotABug() {
        let message = "the ticket printer kiosk-1 cannot print (paper end — load a new roll); no ticket was issued"
        let error = CLIError.api(status: 503, code: "printer_unavailable", message: message, field: nil)
        #expect(Madoctl.describe(error) == "Error: \(message)\n")
        #expect(error.exitCode == ExitCode.unavailable)
    }

    /// connect(2) errno → what the technician is told.
    @Test func connectFailuresAreClassified() {
        let path = "/run/mado/admin.sock"
        #expect(
            AdminClient.connectError(errno: ENOENT, socketPath: path, detail: "") == .daemonNotRunning(socketPath: path)
        )
        #expect(
            AdminClient.connectError(errno: ECONNREFUSED, socketPath: path, detail: "")
                == .daemonNotRunning(socketPath: path))
        #expect(AdminClient.connectError(errno: EACCES, socketPath: path, detail: "").exitCode == 77)
    }

    /// The permission message names the group that owns the socket, read from the file itself.
    @Test func permissionDeniedNamesTheSocketGroup() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("admin.sock")
        TestHTTPServer.makeDeadSocket(at: path)
        guard let daemonGroup = getgrnam("daemon") else { return }  // every Debian system has it
        #expect(chown(path, uid_t.max, daemonGroup.pointee.gr_gid) == 0)
        let error = AdminClient.connectError(errno: EACCES, socketPath: path, detail: "")
        #expect(error == .permissionDenied(socketPath: path, group: "daemon"))
        #expect(
            error.message
                == "madoctl: permission denied on \(path): only root and a member of the 'daemon' group "
                + "(sudo usermod -aG daemon $USER, then log in again) may use madod's admin socket")
    }
}
