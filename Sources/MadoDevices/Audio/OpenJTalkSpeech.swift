// SPDX-License-Identifier: Apache-2.0
// Japanese speech for announcements: open_jtalk writes a WAV per sentence into a cache directory.
import Dispatch
import Foundation
import Glibc
public import MadoCore
import Synchronization

/// Synthesises announcement sentences with `open_jtalk` (Debian: open-jtalk, open-jtalk-mecab-naist-jdic,
/// plus an HTS voice the site installs) and keeps each result as `<key>.wav` in `cacheDirectory`.
///
/// The key (`SpeechCacheKey`) hashes the voice and the spoken text, so each number-and-counter sentence is
/// synthesised once and then served from the file. open_jtalk takes a noticeable fraction of a second and
/// blocks, so it runs on this object's own serial queue, one synthesis at a time (a 2-core city-hall
/// server also answers kiosks), with a time limit. Files appear atomically (written under a temporary
/// name, checked to be a WAV, then renamed), so the audio route never serves half a file.
///
/// Error messages name the program, the voice file and the cache key, never the sentence.
public final class OpenJTalkSpeech: Sendable {
    /// The voice and the dictionary open_jtalk is given.
    public struct Voice: Sendable, Equatable {
        /// An .htsvoice file.
        public var path: String
        /// The mecab dictionary directory (naist-jdic).
        public var dictionary: String

        public init(path: String, dictionary: String) {
            self.path = path
            self.dictionary = dictionary
        }
    }

    /// A synthesised sentence in the cache.
    public struct Clip: Sendable, Equatable {
        public var key: SpeechCacheKey
        public var path: String
        public var durationMs: Int
    }

    public let cacheDirectory: String
    public let executable: String
    public let timeout: Duration
    /// The cache keeps at most this many clips; the least recently written go first.
    public let cacheLimit: Int
    private let queue = DispatchQueue(label: "mado.speech")
    private let synthesised = Atomic<Int>(0)

    public init(
        cacheDirectory: String, executable: String = "/usr/bin/open_jtalk", timeout: Duration = .seconds(20),
        cacheLimit: Int = 2_000
    ) {
        self.cacheDirectory = cacheDirectory
        self.executable = executable
        self.timeout = timeout
        self.cacheLimit = cacheLimit
    }

    /// Whether speech can be made with `voice`: the program, the voice file and the dictionary exist.
    public func isAvailable(_ voice: Voice) -> Bool {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        return files.isExecutableFile(atPath: executable) && files.fileExists(atPath: voice.path)
            && files.fileExists(atPath: voice.dictionary, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Where the clip of `key` lives (whether or not it has been made).
    public func path(of key: SpeechCacheKey) -> String { cacheDirectory + "/" + key.hex + ".wav" }

    /// The clip of `key` if it is in the cache and is a readable WAV file.
    public func cachedClip(_ key: SpeechCacheKey) -> Clip? {
        let path = path(of: key)
        guard let data = FileManager.default.contents(atPath: path), let wav = WAVAudio(parsing: data) else {
            return nil
        }
        return Clip(key: key, path: path, durationMs: wav.durationMs)
    }

    /// The clip for `text` spoken with `voice`, from the cache or made now. Runs on the speech queue.
    public func clip(for text: String, voice: Voice) async throws(DeviceError) -> Clip {
        let result: Result<Clip, DeviceError> = await withCheckedContinuation { continuation in
            queue.async { @Sendable in
                continuation.resume(
                    returning: Result { () throws(DeviceError) in try self.clipNow(for: text, voice: voice) })
            }
        }
        return try result.get()
    }

    /// The blocking form of `clip(for:voice:)`; only for callers already off the cooperative pool.
    public func clipNow(for text: String, voice: Voice) throws(DeviceError) -> Clip {
        let key = SpeechCacheKey(text: text, voice: voice.path)
        if let cached = cachedClip(key) { return cached }
        guard isAvailable(voice) else {
            throw DeviceError(
                "cannot synthesise speech: \(executable), the voice \(voice.path) or the dictionary \(voice.dictionary) is missing"
            )
        }
        try prepareDirectory()
        let scratch = cacheDirectory + "/.\(key.hex)-\(UInt32.random(in: 0...UInt32.max))"
        let input = scratch + ".txt"
        let output = scratch + ".wav"
        defer {
            unlink(input)
            unlink(output)
        }
        guard FileManager.default.createFile(atPath: input, contents: Data((text + "\n").utf8)) else {
            throw DeviceError("cannot write the speech input for clip \(key) in \(cacheDirectory)")
        }
        let outcome = try HelperProcess.run(
            executable: executable,
            arguments: ["-x", voice.dictionary, "-m", voice.path, "-ow", output, input], timeout: timeout)
        guard outcome.status == 0 else {
            let detail = outcome.firstErrorLine.isEmpty ? "" : ": \(outcome.firstErrorLine)"
            throw DeviceError(
                "\(executable) failed (exit \(outcome.status)) on clip \(key) with the voice \(voice.path)\(detail)")
        }
        guard let data = FileManager.default.contents(atPath: output), let wav = WAVAudio(parsing: data),
            wav.dataCount > 0
        else {
            throw DeviceError("\(executable) wrote no usable WAV file for clip \(key) with the voice \(voice.path)")
        }
        let final = path(of: key)
        guard rename(output, final) == 0 else {
            throw DeviceError("cannot store clip \(key) in \(cacheDirectory): \(String(cString: strerror(errno)))")
        }
        if synthesised.add(1, ordering: .relaxed).newValue % 100 == 0 { prune() }
        return Clip(key: key, path: final, durationMs: wav.durationMs)
    }

    /// Removes the oldest clips beyond `cacheLimit` (and leftovers of interrupted syntheses).
    public func prune() {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: cacheDirectory) else { return }
        var clips: [(path: String, modified: Date)] = []
        for name in names {
            let path = cacheDirectory + "/" + name
            if name.hasPrefix(".") {
                // A scratch file of a synthesis that madod did not finish (it runs one at a time, on this queue).
                if let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                    modified < Date().addingTimeInterval(-3_600)
                {
                    unlink(path)
                }
                continue
            }
            guard name.hasSuffix(".wav"), SpeechCacheKey(validating: String(name.dropLast(4))) != nil else { continue }
            let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? .distantPast
            clips.append((path, modified))
        }
        guard clips.count > cacheLimit else { return }
        for clip in clips.sorted(by: { $0.modified < $1.modified }).prefix(clips.count - cacheLimit) {
            unlink(clip.path)
        }
    }

    private func prepareDirectory() throws(DeviceError) {
        do {
            try FileManager.default.createDirectory(
                atPath: cacheDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw DeviceError("cannot create the speech cache \(cacheDirectory): \(error.localizedDescription)")
        }
    }
}
