// SPDX-License-Identifier: Apache-2.0
// RIFF/WAVE PCM files: writing mado's chime, and reading the length of the clips open_jtalk writes.
public import Foundation

/// The header of a PCM WAV file, and the little that mado needs to do with such files.
public struct WAVAudio: Sendable, Equatable {
    public var sampleRate: Int
    public var channels: Int
    public var bitsPerSample: Int
    /// Where the samples start in the file, and how many bytes they take.
    public var dataOffset: Int
    public var dataCount: Int

    /// Bytes per second of sound.
    public var byteRate: Int { sampleRate * channels * bitsPerSample / 8 }

    public var durationMs: Int {
        byteRate == 0 ? 0 : Int((Int64(dataCount) * 1000 + Int64(byteRate) - 1) / Int64(byteRate))
    }

    /// Reads the header: the `fmt ` chunk (PCM only) and the position of the `data` chunk. Nil for
    /// anything else, including a file cut short before its data.
    public init?(parsing file: Data) {
        let bytes = [UInt8](file)
        func text(_ at: Int) -> String { String(decoding: bytes[at..<at + 4], as: UTF8.self) }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 12, text(0) == "RIFF", text(8) == "WAVE" else { return nil }
        var format: (rate: Int, channels: Int, bits: Int)?
        var at = 12
        while at + 8 <= bytes.count {
            let id = text(at)
            let size = u32(at + 4)
            let body = at + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= bytes.count, u16(body) == 1 else { return nil }
                format = (u32(body + 4), u16(body + 2), u16(body + 14))
            } else if id == "data" {
                guard let format, format.channels > 0, format.bits > 0 else { return nil }
                // Writers that stream (open_jtalk to a pipe) may leave the size at 0 or too large.
                let count = min(size, bytes.count - body)
                guard count >= 0 else { return nil }
                sampleRate = format.rate
                channels = format.channels
                bitsPerSample = format.bits
                dataOffset = body
                dataCount = count
                return
            }
            at = body + size + (size & 1)
        }
        return nil
    }

    /// A 16-bit mono PCM file holding `samples`.
    public static func encode(samples: [Int16], sampleRate: Int) -> Data {
        var data = Data(capacity: 44 + samples.count * 2)
        func append(_ text: String) { data.append(contentsOf: Array(text.utf8)) }
        func append32(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ value: Int) { withUnsafeBytes(of: UInt16(value).littleEndian) { data.append(contentsOf: $0) } }
        let dataCount = samples.count * 2
        append("RIFF")
        append32(36 + dataCount)
        append("WAVE")
        append("fmt ")
        append32(16)
        append16(1)  // PCM
        append16(1)  // mono
        append32(sampleRate)
        append32(sampleRate * 2)  // byte rate
        append16(2)  // block align
        append16(16)  // bits per sample
        append("data")
        append32(dataCount)
        for sample in samples { withUnsafeBytes(of: sample.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}
