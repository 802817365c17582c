// SPDX-License-Identifier: Apache-2.0
// Speech clips: cache keys, the cache, open_jtalk's invocation (through a stand-in script), failures and
// time limits; and real Japanese speech where open_jtalk and an HTS voice are installed.
import Foundation
import MadoCore
import MadoDevices
import MadoTestSupport
import MadoTestThreads
import Testing

@Suite(.ownThread) struct OpenJTalkSpeechTests {
    static let sentence = "受付番号 エー 23 番の方、3番窓口へお越しください"

    /// A scratch directory with a stand-in `open_jtalk` that records its arguments and its input, counts its
    /// runs, and writes the chime as its "speech" (or misbehaves as `body` says).
    struct StandIn {
        let directory: String
        let executable: String
        var cache: String { directory + "/cache" }
        var runs: Int { ((try? String(contentsOfFile: directory + "/runs", encoding: .utf8)) ?? "").count }
        var arguments: [String] {
            ((try? String(contentsOfFile: directory + "/args", encoding: .utf8)) ?? "").split(separator: "\n").map(
                String.init)
        }
        var input: String { (try? String(contentsOfFile: directory + "/input", encoding: .utf8)) ?? "" }

        init(body: String = #"cp "$here/clip.wav" "$out""#) throws {
            directory = NSTemporaryDirectory() + "/mado-speech-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: directory + "/voice", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: directory + "/voice.htsvoice", contents: Data("fake".utf8))
            _ = FileManager.default.createFile(atPath: directory + "/clip.wav", contents: ChimeSynthesizer().wav())
            executable = directory + "/open_jtalk"
            let script = """
                #!/bin/sh
                here=\(directory)
                printf x >> "$here/runs"
                printf '%s\\n' "$@" > "$here/args"
                for last; do :; done
                cp "$last" "$here/input"
                out=
                while [ $# -gt 0 ]; do [ "$1" = -ow ] && out=$2; shift; done
                \(body)

                """
            try ExecutableScript.install(script, at: executable)
        }

        var voice: OpenJTalkSpeech.Voice {
            OpenJTalkSpeech.Voice(path: directory + "/voice.htsvoice", dictionary: directory + "/voice")
        }

        func speech(timeout: Duration = .seconds(10), cacheLimit: Int = 2_000) -> OpenJTalkSpeech {
            OpenJTalkSpeech(cacheDirectory: cache, executable: executable, timeout: timeout, cacheLimit: cacheLimit)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func keysAreSHA256OfVoiceAndText() {
        // Expected values from an independent SHA-256 (python hashlib) of voice + 0xFF + text.
        let key = SpeechCacheKey(text: Self.sentence, voice: "/usr/share/hts-voice/m001.htsvoice")
        #expect(key.hex == "c05d67233e01c798adc1bf30067cec17")
        #expect(SpeechCacheKey(text: "", voice: "").hex == "a8100ae6aa1940d0b663bb31cd466142")
        // 201 bytes: the message spans several 64-byte blocks.
        #expect(
            SpeechCacheKey(text: String(repeating: "a", count: 200), voice: "v").hex
                == "122cb6b75ad6c08135c4fbd8407f73b0")
        #expect(SpeechCacheKey(text: Self.sentence, voice: "/other.htsvoice") != key)
        #expect(SpeechCacheKey(text: Self.sentence + "。", voice: "/usr/share/hts-voice/m001.htsvoice") != key)
    }

    @Test(arguments: [
        "../../../etc/passwd", "C05D67233E01C798ADC1BF30067CEC17", "c05d67233e01c798adc1bf30067cec1",
        "c05d67233e01c798adc1bf30067cec17.wav", "c05d67233e01c798adc1bf30067cec1/", "",
    ])
    func onlyWellFormedKeysAreAccepted(text: String) {
        #expect(SpeechCacheKey(validating: text) == nil)
    }

    @Test func aValidKeyRoundTrips() {
        #expect(
            SpeechCacheKey(validating: "c05d67233e01c798adc1bf30067cec17")?.hex == "c05d67233e01c798adc1bf30067cec17")
    }

    @Test func aSentenceIsSynthesisedOnceThenServedFromTheCache() async throws {
        let standIn = try StandIn()
        defer { standIn.remove() }
        let speech = standIn.speech()
        let first = try await speech.clip(for: Self.sentence, voice: standIn.voice)
        #expect(first.key == SpeechCacheKey(text: Self.sentence, voice: standIn.voice.path))
        #expect(first.path == standIn.cache + "/" + first.key.hex + ".wav")
        #expect(first.durationMs == 1_200)
        let arguments = standIn.arguments
        #expect(arguments.prefix(5) == ["-x", standIn.voice.dictionary, "-m", standIn.voice.path, "-ow"])
        #expect(arguments.count == 7 && arguments[5].hasPrefix(standIn.cache + "/") && arguments[6].hasSuffix(".txt"))
        #expect(standIn.input == Self.sentence + "\n")
        let again = try await speech.clip(for: Self.sentence, voice: standIn.voice)
        #expect(again == first && standIn.runs == 1)
        // No scratch files are left beside the clip.
        #expect(try FileManager.default.contentsOfDirectory(atPath: standIn.cache) == [first.key.hex + ".wav"])
        _ = try await speech.clip(for: "受付番号 ビー 5 番の方、1番窓口へお越しください", voice: standIn.voice)
        #expect(standIn.runs == 2)
    }

    @Test func aMissingVoiceIsReportedWithoutRunningAnything() async throws {
        let standIn = try StandIn()
        defer { standIn.remove() }
        let voice = OpenJTalkSpeech.Voice(
            path: standIn.directory + "/none.htsvoice", dictionary: standIn.voice.dictionary)
        #expect(!standIn.speech().isAvailable(voice) && standIn.speech().isAvailable(standIn.voice))
        let error = await #expect(throws: DeviceError.self) {
            try await standIn.speech().clip(for: Self.sentence, voice: voice)
        }
        #expect(error?.message.contains("none.htsvoice") == true)
        #expect(standIn.runs == 0)
    }

    @Test func aFailingOpenJTalkSaysWhyWithoutTheSentence() async throws {
        let standIn = try StandIn(body: #"echo "Error: Dictionary or HTS voice cannot be loaded." >&2; exit 1"#)
        defer { standIn.remove() }
        let error = await #expect(throws: DeviceError.self) {
            try await standIn.speech().clip(for: Self.sentence, voice: standIn.voice)
        }
        let message = error?.message ?? ""
        #expect(message.contains("exit 1") && message.contains("Dictionary or HTS voice cannot be loaded"))
        #expect(!message.contains("受付番号") && !message.contains("エー"))
        #expect(standIn.speech().cachedClip(SpeechCacheKey(text: Self.sentence, voice: standIn.voice.path)) == nil)
    }

    @Test func garbageOutputIsNotCached() async throws {
        let standIn = try StandIn(body: #"echo "not a wav" > "$out""#)
        defer { standIn.remove() }
        await #expect(throws: DeviceError.self) {
            try await standIn.speech().clip(for: Self.sentence, voice: standIn.voice)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: standIn.cache).isEmpty)
    }

    @Test func aHungOpenJTalkIsStoppedAtTheTimeLimit() async throws {
        let standIn = try StandIn(body: "sleep 300")
        defer { standIn.remove() }
        let started = ContinuousClock.now
        let error = await #expect(throws: DeviceError.self) {
            try await standIn.speech(timeout: .milliseconds(500)).clip(for: Self.sentence, voice: standIn.voice)
        }
        #expect(error?.message.contains("did not finish") == true)
        // Far below the stand-in's 300 s, with room for a full parallel test run that keeps this
        // task waiting for a pool thread after the kill.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func pruningKeepsTheNewestClips() throws {
        let standIn = try StandIn()
        defer { standIn.remove() }
        try FileManager.default.createDirectory(atPath: standIn.cache, withIntermediateDirectories: true)
        var names: [String] = []
        for index in 0..<5 {
            let key = SpeechCacheKey(text: "clip \(index)", voice: "v")
            let path = standIn.cache + "/" + key.hex + ".wav"
            _ = FileManager.default.createFile(atPath: path, contents: ChimeSynthesizer().wav())
            let age = Date().addingTimeInterval(Double(-100 + index))
            try FileManager.default.setAttributes([.modificationDate: age], ofItemAtPath: path)
            names.append(key.hex + ".wav")
        }
        _ = FileManager.default.createFile(atPath: standIn.cache + "/README", contents: Data())
        standIn.speech(cacheLimit: 3).prune()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: standIn.cache))
        #expect(left == Set(names.suffix(3) + ["README"]))
    }

    // Real speech. Debian main has open_jtalk and its dictionary but no HTS voice package, so on CI and
    // on a machine without a voice this is skipped (the reason is printed); set MADO_TEST_HTS_VOICE to a
    // .htsvoice file, or install one under /usr/share/hts-voice, to run it.
    static let realVoice: String? = {
        if let path = ProcessInfo.processInfo.environment["MADO_TEST_HTS_VOICE"] { return path }
        let root = "/usr/share/hts-voice"
        let found = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }
            .first { $0.hasSuffix(".htsvoice") }
        return found.map { root + "/" + $0 }
    }()
    static let realSpeechAvailable: Bool = {
        guard let voice = realVoice else {
            print(
                "OpenJTalkSpeechTests: real speech skipped: no HTS voice (none in Debian main; set MADO_TEST_HTS_VOICE)"
            )
            return false
        }
        let available = OpenJTalkSpeech(cacheDirectory: "/tmp").isAvailable(
            .init(path: voice, dictionary: "/var/lib/mecab/dic/open-jtalk/naist-jdic"))
        if !available { print("OpenJTalkSpeechTests: real speech skipped: open_jtalk or naist-jdic is not installed") }
        return available
    }()

    @Test(.enabled(if: realSpeechAvailable, "needs open_jtalk, naist-jdic and an HTS voice"))
    func realJapaneseSpeechIsAFewSecondsLong() async throws {
        let directory = NSTemporaryDirectory() + "/mado-speech-real-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let speech = OpenJTalkSpeech(cacheDirectory: directory)
        let voice = OpenJTalkSpeech.Voice(path: Self.realVoice!, dictionary: "/var/lib/mecab/dic/open-jtalk/naist-jdic")
        let clip = try await speech.clip(for: Self.sentence, voice: voice)
        #expect((1_500...10_000).contains(clip.durationMs))
        let wav = try #require(WAVAudio(parsing: try Data(contentsOf: URL(fileURLWithPath: clip.path))))
        #expect(wav.bitsPerSample == 16 && wav.channels == 1)
    }
}
