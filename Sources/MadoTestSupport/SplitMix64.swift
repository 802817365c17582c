// SPDX-License-Identifier: Apache-2.0
// The one seeded random generator of the tests and benchmarks, so a failing run can be repeated exactly.
import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and well distributed; not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// An exponentially distributed value with the given mean (service and arrival times).
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }
}
