// SPDX-License-Identifier: Apache-2.0
// Kana and フリガナ: conversions checked scalar by scalar, since Swift's == hides カ+U+3099 versus ガ.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseKanaTests {
    /// The scalars' code points, so that a decomposed result cannot pass as the precomposed one.
    private func codePoints(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func hiraganaBecomesKatakana() {
        #expect(codePoints(Kana.katakana("やまだ たろう")) == codePoints("ヤマダ タロウ"))
        #expect(codePoints(Kana.katakana("ゔぁいおりん")) == codePoints("ヴァイオリン"))
        #expect(codePoints(Kana.katakana("いすゞ")) == codePoints("イスヾ"))
        #expect(Kana.katakana("ABC 山田") == "ABC 山田")
        // A combining voiced mark after hiragana is composed, not left as a second scalar.
        #expect(codePoints(Kana.katakana("か\u{3099}")) == [0x30AC])
    }

    @Test func katakanaBecomesHiragana() {
        #expect(codePoints(Kana.hiragana("ヤマダ　ハナコ")) == codePoints("やまだ　はなこ"))
        #expect(Kana.hiragana("ヴ") == "ゔ")
    }

    @Test(
        arguments: [
            ("ｶﾞ", [0x30AC]), ("ﾊﾟ", [0x30D1]), ("ｳﾞ", [0x30F4]), ("ﾊﾞ", [0x30D0]), ("ﾜﾞ", [0x30F7]),
            ("ﾔﾏﾀﾞ ﾀﾛｳ", [0x30E4, 0x30DE, 0x30C0, 0x20, 0x30BF, 0x30ED, 0x30A6]),
            ("ｺｰﾋｰ", [0x30B3, 0x30FC, 0x30D2, 0x30FC]),
            ("ｧｨｩｪｫｬｭｮｯ", [0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3]),
            ("ｦﾝ", [0x30F2, 0x30F3]), ("｡｢｣､･", [0x3002, 0x300C, 0x300D, 0x3001, 0x30FB]),
            ("カ\u{3099}", [0x30AC]), ("ハ\u{309A}", [0x30D1]), ("カ゛", [0x30AC]), ("ｱﾞ", [0x30A2, 0x309B]),
            ("ﾝﾟ", [0x30F3, 0x309C]), ("ｶﾞｷﾞｸﾞｹﾞｺﾞ", [0x30AC, 0x30AE, 0x30B0, 0x30B2, 0x30B4]),
            ("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ", [0x30D1, 0x30D4, 0x30D7, 0x30DA, 0x30DD]),
            ("ABC１２３", [0x41, 0x42, 0x43, 0xFF11, 0xFF12, 0xFF13]),
        ] as [(String, [UInt32])])
    func halfWidthKatakanaBecomesPrecomposedFullWidth(text: String, expected: [UInt32]) {
        #expect(codePoints(Kana.fullWidthKatakana(text)) == expected)
    }

    @Test func everyHalfWidthLetterMapsToItsFullWidthName() {
        // The table is indexed by code point: one shifted entry would turn every later letter into its
        // neighbour. ﾜ and ﾝ (the last letters) and ﾀ (the middle) anchor it.
        #expect(Kana.fullWidthKatakana("ﾀﾜﾝ") == "タワン")
        let allHalfWidth = String(String.UnicodeScalarView((0xFF66...0xFF9D).map { Unicode.Scalar($0)! }))
        let converted = Kana.fullWidthKatakana(allHalfWidth)
        #expect(converted == "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")
    }

    @Test(arguments: [
        ("やまだ たろう", "ヤマダ\u{3000}タロウ"), ("ﾔﾏﾀﾞ  ﾀﾛｳ", "ヤマダ\u{3000}タロウ"), ("ヤマダ　　タロウ", "ヤマダ\u{3000}タロウ"),
        ("  ヤマダ タロウ  ", "ヤマダ\u{3000}タロウ"), ("ｶﾞｯｺｳ", "ガッコウ"), ("こ-ひ-", "コーヒー"), ("コ−ヒ―", "コーヒー"),
        ("ｺｰﾋｰ", "コーヒー"), ("カ～ド", "カード"), ("カ〜ド", "カード"), ("ジョン・スミス", "ジョン・スミス"),
        ("すずき いちろう", "スズキ\u{3000}イチロウ"), ("ヴァン", "ヴァン"), ("ｳﾞｧﾝ", "ヴァン"), ("かーど", "カード"),
    ])
    func furiganaIsNormalizedToFullWidthKatakana(text: String, expected: String) throws {
        #expect(codePoints(try Furigana.normalize(text)) == codePoints(expected))
    }

    @Test(arguments: ["山田 太郎", "Yamada Taro", "ヤマダ1", "-ヤマダ", "ヤマダ -タロウ", "ヤマダ。", "ン\u{3099}"])
    func furiganaRefusesWhatIsNotKana(text: String) {
        do {
            let normalized = try Furigana.normalize(text)
            Issue.record("accepted as \(normalized)")
        } catch {
            #expect(error.code == .notKana)
            #expect(error.message == "フリガナはカタカナで入力してください")
            #expect(error.messageEnglish == "furigana must be kana")
        }
    }

    @Test func emptyFuriganaIsEmptyNotNotKana() {
        #expect(throws: JapaneseFormatError(.empty, "フリガナが入力されていません", english: "no furigana was given")) {
            try Furigana.normalize(" 　")
        }
    }
}
