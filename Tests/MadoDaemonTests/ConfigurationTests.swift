// SPDX-License-Identifier: Apache-2.0
// What a technician sees from `madod --check`: one line per problem, naming the JSON path and the reason.
import Foundation
import MadoDaemon
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ConfigurationTests {
    func problems(_ text: String, path: String = "/etc/mado/madod.json") -> [String] {
        switch ConfigurationLoader.parse(Data(text.utf8), path: path) {
        case .success: return []
        case .failure(let failure): return failure.lines
        }
    }

    @Test func anUnknownKeyIsAnError() {
        #expect(
            problems(#"{"store": {"path": "/x.db", "pth": 1}, "colour": "red"}"#) == [
                "store.pth: unknown key", "colour: unknown key",
            ])
    }

    @Test func wrongTypesNameThePathAndBothTypes() {
        #expect(
            problems(#"{"admin": {"group": 5}, "lan": {"enabled": "yes", "port": "8080"}}"#) == [
                "admin.group: expected a string, found a number",
                "lan.enabled: expected true or false, found a string",
                "lan.port: expected a whole number, found a string",
            ])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let lines = problems(
            """
            {"tokens": [{"id": "kiosk-1", "token": "short", "roles": ["kiosk", "janitor"]}, {"token": "abcdefghijklmnopq"}],
             "lan": {"port": 70000, "publicBaseURL": "ftp://x"}, "site": {"timeZone": "Mars/Olympus"}, "log": {"level": "loud"}}
            """)
        // In reading order: site, store, admin, lan, tokens, log.
        #expect(
            lines == [
                "site.timeZone: unknown time zone \"Mars/Olympus\"; use an IANA name such as Asia/Tokyo",
                "lan.port: must be between 0 and 65535, found 70000",
                "lan.publicBaseURL: expected an http:// or https:// URL such as http://192.0.2.10:8080",
                "tokens[0].token: must be at least 16 characters long",
                "tokens[0].roles[1]: unknown role \"janitor\"; expected one of counter, display, kiosk, teacher",
                "tokens[1].id: is required",
                "tokens[1].roles: is required",
                "log.level: must be one of error, warning, notice, info, debug, found \"loud\"",
            ])
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(
            problems("{\n  \"store\": {\"path\": \"/x.db\",}\n}") == [
                "invalid JSON at line 2, column 29: expected a quoted key, found '}'"
            ])
    }

    @Test func aMissingFileSaysSo() {
        switch ConfigurationLoader.load(path: "/nonexistent/madod.json") {
        case .success: Issue.record("a missing file loaded")
        case .failure(let failure):
            #expect(failure.lines == ["cannot read /nonexistent/madod.json: no such file"])
        }
    }

    @Test func relativePathsAreTakenFromTheConfigFilesDirectory() throws {
        let result = ConfigurationLoader.parse(
            Data(#"{"store": {"path": "../state/mado.db"}, "admin": {"socket": "run/admin.sock"}}"#.utf8),
            path: "/srv/mado/etc/madod.json")
        let config = try result.get()
        #expect(config.store.path == "/srv/mado/state/mado.db")
        #expect(config.admin.socket == "/srv/mado/etc/run/admin.sock")
    }

    @Test func anEmptyObjectGivesTheDocumentedDefaults() throws {
        let config = try ConfigurationLoader.parse(Data("{}".utf8), path: "/etc/mado/madod.json").get()
        #expect(config.store.path == "/var/lib/mado/mado.db")
        #expect(config.admin.socket == "/run/mado/admin.sock")
        #expect(config.admin.group == "mado-admin")
        #expect(config.lan.enabled == false)
    }

    @Test func anExplicitNullGroupMeansRootOnly() throws {
        let config = try ConfigurationLoader.parse(Data(#"{"admin": {"group": null}}"#.utf8), path: "/x.json").get()
        #expect(config.admin.group == nil)
    }

    @Test(arguments: ["madod.json", "demo.json"])
    func theShippedConfigsAreValid(name: String) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.appendingPathComponent("config/\(name)").path
        switch ConfigurationLoader.load(path: path) {
        case .success(let config):
            // The demo's forms section points into this repository: its rules and templates must load too.
            // (madod.json points at the installed copies under /usr/share/mado.)
            if name == "demo.json", let forms = config.forms, case .failure(let failure) = FormsCatalogs.load(forms) {
                Issue.record("\(name): \(failure.problems)")
            }
        case .failure(let failure): Issue.record("\(name): \(failure.lines)")
        }
    }
}
