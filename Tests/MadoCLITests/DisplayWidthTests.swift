// SPDX-License-Identifier: Apache-2.0
// Terminal widths of Japanese text, and tables whose columns line up when cells mix kanji and ASCII.
import Foundation
import MadoTestThreads
import Testing

@testable import MadoCLI

@Suite(.ownThread) struct DisplayWidthTests {
    @Test(arguments: [
        ("A-023", 5),
        ("住民票の写し", 12),
        ("ｶﾀｶﾅ", 4),  // half-width katakana are narrow
        ("Ａ１！", 6),  // full-width ASCII forms are wide
        ("1番窓口", 7),
        ("が", 2),  // precomposed
        ("か\u{3099}", 2),  // か + combining dakuten: the mark takes no column
        ("㍻", 2),
        ("🙂", 2),
        ("", 0),
    ])
    func columns(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func padCountsColumnsNotCharacters() {
        #expect(DisplayWidth.pad("戸籍", to: 6) == "戸籍  ")
        #expect(DisplayWidth.pad("koseki", to: 6) == "koseki")
        #expect(DisplayWidth.pad("住民票の写し", to: 4) == "住民票の写し")
    }

    @Test func tableAlignsJapaneseCells() {
        var table = TextTable(headers: ["NUMBER", "SERVICE", "CALLS"])
        table.append(["A-023", "住民票の写し", "0"])
        table.append(["B-101", "koseki", "2"])
        table.append(["C-7", "印鑑登録証明書", "1"])
        #expect(
            table.rendered() == """
                NUMBER  SERVICE         CALLS
                A-023   住民票の写し    0
                B-101   koseki          2
                C-7     印鑑登録証明書  1

                """)
        // Every CALLS cell starts at the same terminal column.
        let starts = table.rendered().split(separator: "\n").map { line in
            DisplayWidth.of(String(line.dropLast(line.hasSuffix("CALLS") ? 5 : 1)))
        }
        #expect(Set(starts).count == 1)
    }
}
