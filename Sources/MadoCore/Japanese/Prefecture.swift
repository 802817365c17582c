// SPDX-License-Identifier: Apache-2.0
// The 47 都道府県 with their JIS X 0401 codes.

/// One of the 47 prefectures. `code` is the JIS X 0401 number (北海道 1 … 沖縄県 47), the order in which
/// forms and statistics list them.
public struct Prefecture: Hashable, Sendable, CustomStringConvertible {
    public let code: Int
    /// The full name with its suffix: 東京都, 大阪府, 北海道, 青森県.
    public let name: String

    /// The prefecture named by its full name (東京都) or, where that is unambiguous, its name without
    /// 都/府/県 (東京, 大阪, 京都, 青森). Surrounding spaces are ignored.
    public init?(name text: String) {
        let trimmed = JapaneseCharacters.trimmingSpaces(text)
        guard !trimmed.isEmpty,
            let index = Self.names.firstIndex(where: { $0 == trimmed || Self.shortName($0) == trimmed })
        else { return nil }
        self.code = index + 1
        self.name = Self.names[index]
    }

    public init?(code: Int) {
        guard (1...47).contains(code) else { return nil }
        self.code = code
        self.name = Self.names[code - 1]
    }

    /// All 47, in code order.
    public static let all: [Prefecture] = (1...47).map { Prefecture(code: $0)! }

    public var description: String { name }

    /// 東京都 → 東京, 青森県 → 青森; 北海道 keeps its name (道 is part of it in speech).
    private static func shortName(_ name: String) -> String {
        guard name != "北海道", let last = name.last, "都府県".contains(last) else { return name }
        return String(name.dropLast())
    }

    private static let names = [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
        "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
        "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
        "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
        "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ]
}
