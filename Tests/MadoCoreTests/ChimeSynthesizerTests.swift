// SPDX-License-Identifier: Apache-2.0
// The generated chime: a WAV file any browser plays, of the stated length, audible and unclipped.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct ChimeSynthesizerTests {
    static let chime = ChimeSynthesizer()

    @Test func theHeaderDescribes16BitMonoPCM() throws {
        let bytes = [UInt8](Self.chime.wav())
        func text(_ at: Int) -> String { String(decoding: bytes[at..<at + 4], as: UTF8.self) }
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        #expect(text(0) == "RIFF" && text(8) == "WAVE" && text(12) == "fmt " && text(36) == "data")
        #expect(u32(4) == bytes.count - 8)
        #expect(u32(16) == 16 && u16(20) == 1 && u16(22) == 1)
        #expect(u32(24) == 22_050 && u32(28) == 44_100 && u16(32) == 2 && u16(34) == 16)
        #expect(u32(40) == bytes.count - 44)
        let parsed = try #require(WAVAudio(parsing: Self.chime.wav()))
        #expect(parsed.sampleRate == 22_050 && parsed.channels == 1 && parsed.bitsPerSample == 16)
        #expect(parsed.dataOffset == 44)
    }

    @Test func theSampleCountMatchesTheDuration() throws {
        #expect(Self.chime.durationMs == 1_200)
        #expect(Self.chime.samples().count == 26_460)
        let parsed = try #require(WAVAudio(parsing: Self.chime.wav()))
        #expect(parsed.dataCount == 26_460 * 2 && parsed.durationMs == 1_200)
        let short = ChimeSynthesizer(sampleRate: 8_000, durationMs: 700)
        #expect(short.samples().count == 5_600 && WAVAudio(parsing: short.wav())?.durationMs == 700)
    }

    @Test func itIsAudibleUnclippedAndEndsInSilence() {
        let samples = Self.chime.samples()
        let loudest = samples.map { abs(Int($0)) }.max() ?? 0
        #expect(loudest == Int((0.7 * 32_767).rounded()))  // the configured peak, far from full scale
        let rms = (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        #expect(rms > 2_000)
        #expect(samples.last == 0)
        #expect(abs(Int(samples[0])) < 500)  // the fade-in: no click at the start
    }

    @Test func bothNotesSound() {
        // The second note (ポン) must be clearly heard after it starts at 450 ms, not masked by the first.
        let samples = Self.chime.samples()
        func level(_ fromMs: Int, _ toMs: Int) -> Double {
            let slice = samples[(fromMs * 22_050 / 1000)..<(toMs * 22_050 / 1000)]
            return (slice.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(slice.count)).squareRoot()
        }
        #expect(level(460, 560) > 1.5 * level(380, 440))
    }

    @Test func theChimeIsTheSameEveryTime() {
        #expect(Self.chime.wav() == ChimeSynthesizer().wav())
    }

    @Test func aTruncatedOrForeignFileIsNotReadAsWAV() {
        let wav = Self.chime.wav()
        #expect(WAVAudio(parsing: wav.prefix(30)) == nil)
        #expect(WAVAudio(parsing: Data("RIFF....WAVEjunk".utf8)) == nil)
        #expect(WAVAudio(parsing: Data("not a wav file at all".utf8)) == nil)
    }
}
