// SPDX-License-Identifier: Apache-2.0
// The fonts tickets are drawn with, in the order pango tries them.

/// The ticket typeface. IPAex Gothic covers JIS X 0208 and the IBM extensions (髙, 﨑); IPAmj Mincho, made
/// for the family-register characters of Japanese names, covers what IPAex lacks (𠮷, U+20BB7). Naming
/// both pins the fallback, so a ticket looks the same on every machine that has the two fonts, whatever
/// else fontconfig knows (Debian: fonts-ipaexfont-gothic, fonts-ipamj-mincho).
public enum TicketFont {
    public static let families = "IPAexGothic, IPAmjMincho"
    /// Thermal ticket printers print 8 dots per millimetre.
    public static let dotsPerInch = 203.0

    /// Millimetres on paper for a length in dots.
    public static func millimetres(dots: Int) -> Double { Double(dots) * 25.4 / dotsPerInch }
}
