// SPDX-License-Identifier: Apache-2.0
// The two-tone ピンポン chime before each announcement, generated rather than shipped as a recording.
public import Foundation

/// A bell-like two-note chime (a high note, then a lower one, as Japanese offices use before a call),
/// as 16-bit mono PCM. Generated so that mado ships no audio file whose licence would need checking.
///
/// Each note starts with a short fade-in (no click), rings with a decaying envelope and a few soft
/// overtones, and the whole chime fades out at the end so that it stops at silence. The result is
/// deterministic: the same settings always give the same bytes.
public struct ChimeSynthesizer: Sendable, Equatable {
    /// One note: its pitch and when it starts.
    public struct Note: Sendable, Equatable {
        public var frequency: Double
        public var startMs: Int

        public init(frequency: Double, startMs: Int) {
            self.frequency = frequency
            self.startMs = startMs
        }
    }

    public var sampleRate: Int
    public var durationMs: Int
    /// ピン (E5), then ポン (C5) — a major third down.
    public var notes: [Note]
    /// The loudest sample as a fraction of full scale; below 1 so that a player's resampling cannot clip.
    public var peak: Double
    /// How fast a note dies away (the time to fall to 1/e).
    public var decayMs: Double
    public var fadeInMs: Double
    public var fadeOutMs: Double

    public init(
        sampleRate: Int = 22_050, durationMs: Int = 1_200,
        notes: [Note] = [Note(frequency: 659.26, startMs: 0), Note(frequency: 523.25, startMs: 450)],
        peak: Double = 0.7, decayMs: Double = 320, fadeInMs: Double = 6, fadeOutMs: Double = 120
    ) {
        self.sampleRate = sampleRate
        self.durationMs = durationMs
        self.notes = notes
        self.peak = peak
        self.decayMs = decayMs
        self.fadeInMs = fadeInMs
        self.fadeOutMs = fadeOutMs
    }

    /// Samples in the chime: `sampleRate × durationMs / 1000`.
    public var sampleCount: Int { sampleRate * durationMs / 1000 }

    /// The chime as samples, scaled so that the loudest one is `peak` of full scale.
    public func samples() -> [Int16] {
        let rate = Double(sampleRate)
        // Overtones of a struck metal bar: the octave and the twelfth, quieter and dying faster.
        let partials: [(multiple: Double, level: Double, decay: Double)] = [(1, 1, 1), (2, 0.25, 0.6), (3, 0.08, 0.4)]
        var mix = [Double](repeating: 0, count: sampleCount)
        for note in notes {
            let first = note.startMs * sampleRate / 1000
            guard first < mix.count else { continue }
            for index in first..<mix.count {
                let t = Double(index - first) / rate
                let tMs = t * 1000
                let attack = min(1, tMs / fadeInMs)
                var value = 0.0
                for partial in partials {
                    let envelope = exp(-tMs / (decayMs * partial.decay))
                    value += partial.level * envelope * sin(2 * Double.pi * note.frequency * partial.multiple * t)
                }
                mix[index] += attack * value
            }
        }
        let fadeOutSamples = Int(fadeOutMs * rate / 1000)
        for offset in 0..<min(fadeOutSamples, mix.count) {
            // Reaches exactly zero at the last sample.
            mix[mix.count - 1 - offset] *= Double(offset) / Double(max(1, fadeOutSamples))
        }
        let loudest = mix.map(abs).max() ?? 0
        guard loudest > 0 else { return [Int16](repeating: 0, count: mix.count) }
        let scale = peak * Double(Int16.max) / loudest
        return mix.map { Int16(($0 * scale).rounded()) }
    }

    /// The chime as a WAV file.
    public func wav() -> Data { WAVAudio.encode(samples: samples(), sampleRate: sampleRate) }
}
