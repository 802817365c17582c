// SPDX-License-Identifier: Apache-2.0
// 続柄 (relationship to the 世帯主) as a structured value: a chain of kinship terms and an 未届 flag.

/// A person's 続柄 to the head of household, as the 住民票 records it (住民基本台帳法7条4号).
///
/// 子の妻 is the chain [子, 妻] read from the 世帯主 outwards; the 世帯主 is the empty chain. 未届 marks a
/// common-law spouse (妻（未届）). Since 平成7年 every child is 「子」 on the 住民票: 長男, 二女 and 養子
/// are 戸籍 wording and are refused with that reason, so a form never prints them.
public struct Relationship: Hashable, Sendable, CustomStringConvertible {
    /// The words a chain is made of.
    public enum Term: String, Sendable, CaseIterable {
        case wife = "妻"
        case husband = "夫"
        case child = "子"
        case father = "父"
        case mother = "母"
        case elderBrother = "兄"
        case elderSister = "姉"
        case youngerBrother = "弟"
        case youngerSister = "妹"
        case grandfather = "祖父"
        case grandmother = "祖母"
        case grandchild = "孫"
        /// 伯父/叔父: the parent's elder/younger brother (伯母/叔母 likewise).
        case elderUncle = "伯父"
        case youngerUncle = "叔父"
        case elderAunt = "伯母"
        case youngerAunt = "叔母"
        case nephew = "甥"
        case niece = "姪"
        /// 縁故者: a relative whose relation is hard to state, or a de facto adopted child.
        case relatedPerson = "縁故者"
        /// 同居人: lives in the household without being family.
        case lodger = "同居人"

        var isSpouse: Bool { self == .wife || self == .husband }
        /// 縁故者 and 同居人 stand alone; they are not links of a chain.
        var standsAlone: Bool { self == .relatedPerson || self == .lodger }
    }

    /// From the 世帯主 outwards; empty for the 世帯主 themself.
    public let chain: [Term]
    /// 未届: a spouse in a marriage not registered (妻（未届）, 夫（未届）, 子の妻（未届）).
    public let unregistered: Bool

    public static let householder = Relationship(checkedChain: [], unregistered: false)

    private init(checkedChain chain: [Term], unregistered: Bool) {
        self.chain = chain
        self.unregistered = unregistered
    }

    /// A chain checked like parsed text (nil for 妻の夫, 同居人の子, 子（未届）…).
    public init?(chain: [Term], unregistered: Bool = false) {
        guard Self.isWellFormed(chain, unregistered: unregistered) else { return nil }
        self.init(checkedChain: chain, unregistered: unregistered)
    }

    /// Reads 世帯主 (or its alias 本人), 妻, 子の妻, 妻の子, 妻の父, 祖母, 孫, 縁故者, 同居人, 妻(未届) or
    /// 妻（未届） and the like. Spaces are ignored. Refuses (`unknown_relationship`) 戸籍 wording (長男,
    /// 二女, 養子), 配偶者 (the 住民票 writes 妻 or 夫) and anything else it does not know.
    public init(parsing text: String) throws(JapaneseFormatError) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !JapaneseCharacters.isSpace(scalar) {
            switch scalar {
            case "（": scalars.append("(")
            case "）": scalars.append(")")
            default: scalars.append(scalar)
            }
        }
        var body = String(scalars)
        guard !body.isEmpty else {
            throw JapaneseFormatError(.empty, "続柄が入力されていません", english: "no relationship was given")
        }
        if body == "世帯主" || body == "本人" {
            self = .householder
            return
        }
        var unregistered = false
        for marker in ["(未届)", "(未届け)"] where body.hasSuffix(marker) {
            body.removeLast(marker.count)
            unregistered = true
        }
        let words = body.split(separator: "の", omittingEmptySubsequences: false).map(String.init)
        if words.contains(where: Self.isKosekiWording) {
            throw JapaneseFormatError(
                .unknownRelationship, "住民票の続柄は平成7年から「子」と記載します（長男・二女・養子などは戸籍の続柄です）",
                english:
                    "since 1995 the residence record writes every child as 子 (長男, 二女, 養子 are family-register terms)")
        }
        if words.contains("配偶者") {
            throw JapaneseFormatError(
                .unknownRelationship, "住民票の続柄は配偶者ではなく「妻」または「夫」と記載します",
                english: "the residence record writes a spouse as 妻 (wife) or 夫 (husband), not 配偶者")
        }
        var chain: [Term] = []
        for word in words {
            guard let term = Term(rawValue: word) else { throw Self.unknown }
            chain.append(term)
        }
        guard Self.isWellFormed(chain, unregistered: unregistered) else { throw Self.unknown }
        self.init(checkedChain: chain, unregistered: unregistered)
    }

    /// The 住民票 wording: 世帯主, 子の妻, 妻（未届）.
    public var wording: String {
        guard !chain.isEmpty else { return "世帯主" }
        return chain.map(\.rawValue).joined(separator: "の") + (unregistered ? "（未届）" : "")
    }

    public var description: String { wording }

    public var isHouseholder: Bool { chain.isEmpty }

    /// 妻 or 夫 of the 世帯主, registered or not.
    public var isSpouse: Bool { chain.count == 1 && chain[0].isSpouse }

    /// 子 of the 世帯主 (adopted children included: the 住民票 writes them 子 too).
    public var isChild: Bool { chain == [.child] }

    /// 妻の子 or 夫の子: the spouse's child who is not the 世帯主's (a step-child).
    public var isSpousesChild: Bool { chain.count == 2 && chain[0].isSpouse && chain[1] == .child }

    /// Family (not 縁故者 or 同居人, not the 世帯主).
    public var isFamily: Bool { !chain.isEmpty && !chain.contains(where: \.standsAlone) }

    private static func isWellFormed(_ chain: [Term], unregistered: Bool) -> Bool {
        guard !chain.isEmpty, chain.count <= 4 else { return false }
        if chain.contains(where: \.standsAlone) && chain.count > 1 { return false }
        if unregistered && !chain.last!.isSpouse { return false }
        // 妻の夫, 夫の妻: a spouse's spouse is the 世帯主 (or nobody on this record).
        for (first, second) in zip(chain, chain.dropFirst()) where first.isSpouse && second.isSpouse {
            return false
        }
        return true
    }

    /// 長男, 二女, 三男, 養子, 養女, 嫡出子 …: 戸籍 wording that the 住民票 has not used since 平成7年.
    private static func isKosekiWording(_ word: String) -> Bool {
        if ["養子", "養女", "嫡出子", "非嫡出子", "長子", "末子", "男", "女"].contains(word) { return true }
        guard let last = word.last, last == "男" || last == "女", word.count >= 2 else { return false }
        return word.dropLast().allSatisfy { "長次二三四五六七八九十".contains($0) }
    }

    private static let unknown = JapaneseFormatError(
        .unknownRelationship, "続柄を読み取れません（例: 世帯主、妻、子、子の妻、父、妻の子、妻（未届）、同居人）",
        english: "the relationship is not one the residence record uses (e.g. 世帯主, 妻, 子, 子の妻, 父, 妻（未届）, 同居人)")
}
