// SPDX-License-Identifier: Apache-2.0
// The fonts printed forms are drawn with, and a check that they are installed.
internal import MadoCore

/// Form values are set in IPAex Mincho (the look of a filled-in paper form), labels, titles and the cover
/// sheet in IPAex Gothic. IPAmj Mincho, made for the family-register characters of names, comes second in
/// both so that 𠮷 or 髙 in a name is drawn rather than refused; a character in neither is an error.
public enum FormFont {
    /// Family names with the Debian package that installs each.
    public static let required: [(family: String, package: String)] = [
        ("IPAexMincho", "fonts-ipaexfont-mincho"), ("IPAexGothic", "fonts-ipaexfont-gothic"),
        ("IPAmjMincho", "fonts-ipamj-mincho"),
    ]

    /// The pango font description's family list for a typeface.
    static func families(_ typeface: FormTypeface) -> String {
        switch typeface {
        case .mincho: "IPAexMincho, IPAmjMincho"
        case .gothic: "IPAexGothic, IPAmjMincho"
        }
    }

    /// The Debian packages of form fonts that fontconfig cannot find; without them forms come out in
    /// another font (or not at all), so madod should say so at start-up.
    public static func missingPackages() -> [String] {
        required.filter { !TicketFont.isInstalled($0.family) }.map(\.package)
    }
}
