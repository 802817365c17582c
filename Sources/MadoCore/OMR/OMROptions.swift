// SPDX-License-Identifier: Apache-2.0
// The mark reader's tunable limits, with defaults chosen for pencil on our own A4 sheets at 150–600 dpi.

/// Limits and decision levels of `OMRReader`. Darkness is relative to the paper around each bubble:
/// 0 = paper white, 1 = black.
public struct OMROptions: Sendable, Equatable {
    /// Images with more pixels are refused before any work (600 dpi A3 is ≈ 70 MP).
    public var maximumPixels: Int = 150_000_000
    /// Images with a shorter side are refused (a sheet at 150 dpi is > 1,000 px a side).
    public var minimumSide: Int = 100
    /// A fit residual (RMS, in units of the alignment mark's size) above this refuses the page.
    public var maximumResidualInMarkSizes: Double = 0.25
    /// A fit residual (in mark sizes) above this reads the page but asks for review.
    public var reviewResidualInMarkSizes: Double = 0.1

    /// Where a mark counts as clear, as a fraction of the way from this sheet's empty-bubble darkness to its
    /// filled-bubble darkness. Below it, down to `lightMarkFraction`, a mark is "light" (ambiguous).
    public var clearMarkFraction: Double = 0.6
    public var lightMarkFraction: Double = 0.25
    /// A mark counted as clear but within this fraction of the range above the clear level is still read,
    /// and its question flagged: a bubble about half filled lands there, and a teacher should decide it.
    public var reviewMarginFraction: Double = 0.15
    /// A clear mark is at least this dark whatever the sheet's statistics say.
    public var minimumClearDarkness: Double = 0.22
    /// Darkness above the empty level that counts as a smudge (erasure residue, dirt): flagged, never read.
    public var residueDarkness: Double = 0.07
    /// The lowest filled-bubble darkness a sheet may teach the reader: with the clear fraction this keeps
    /// marks below about 0.32 flagged on every sheet, while a hard pencil (≈ 0.37) still reads.
    public var minimumFilledDarkness: Double = 0.5
    /// Filled-bubble darkness assumed when a sheet has too few marks to estimate it (blank sheets).
    public var defaultFilledDarkness: Double = 0.6
    /// Fraction of the paper ring around a bubble that may be dark before it counts as a mark beside it
    /// (only in a field with no clear mark: next to a clear mark it is the student's overfill).
    public var outsideMarkRatio: Double = 0.08

    public init() {}
}
