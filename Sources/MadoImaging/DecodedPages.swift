// SPDX-License-Identifier: Apache-2.0
// What each format's decoder hands back: its pages, each decoded or with the reason it was not.

import MadoCore

/// One entry per page in file order; a page that failed keeps its place so page numbers stay right.
typealias DecodedPages = [Result<GrayImage, ImageDecodeError.Reason>]

/// Luminance of an sRGB pixel (ITU-R BT.601 weights, the ones scanners use for their gray mode).
@inline(__always)
func luminance(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
    UInt8(truncatingIfNeeded: (77 * Int(red) + 150 * Int(green) + 29 * Int(blue) + 128) >> 8)
}
