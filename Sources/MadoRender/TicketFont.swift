// SPDX-License-Identifier: Apache-2.0
// The fonts tickets are drawn with, in the order pango tries them, and a check that they are installed.

/// The ticket typeface. IPAex Gothic covers JIS X 0208 and the IBM extensions (髙, 﨑); IPAmj Mincho, made
/// for the family-register characters of Japanese names, covers what IPAex lacks (𠮷, U+20BB7). Naming
/// both pins the fallback, so a ticket looks the same on every machine that has the two fonts, whatever
/// else fontconfig knows.
public enum TicketFont {
    /// Family names in fallback order, with the Debian package that installs each.
    public static let required: [(family: String, package: String)] = [
        ("IPAexGothic", "fonts-ipaexfont-gothic"), ("IPAmjMincho", "fonts-ipamj-mincho"),
    ]

    /// The font description pango is given.
    public static let families = required.map(\.family).joined(separator: ", ")

    /// Thermal ticket printers print 203 dots per inch (8 per millimetre).
    public static let dotsPerInch = 203.0

    /// Millimetres on paper for a length in dots.
    public static func millimetres(dots: Int) -> Double { Double(dots) * 25.4 / dotsPerInch }

    /// The Debian packages of ticket fonts that fontconfig cannot find. Without them pango falls back to
    /// another font (tickets look different from the goldens) or to none (rare kanji are refused), so
    /// madod should say so at start-up.
    public static func missingPackages() -> [String] {
        required.filter { !isInstalled($0.family) }.map(\.package)
    }

    /// Whether fontconfig has a font of exactly this family (it substitutes another one otherwise).
    public static func isInstalled(_ family: String) -> Bool {
        PangoTextEngine.shared.resolvedFamily(for: family) == family
    }
}
