// SPDX-License-Identifier: Apache-2.0
// 続柄: the 住民票 wordings read into a chain and written back; 戸籍 wordings refused with the reason.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseRelationshipTests {
    @Test(arguments: [
        ("世帯主", "世帯主"), ("本人", "世帯主"), ("妻", "妻"), ("夫", "夫"), ("子", "子"), ("子の妻", "子の妻"),
        ("子の夫", "子の夫"), ("子の子", "子の子"), ("父", "父"), ("母", "母"), ("妻の子", "妻の子"), ("夫の子", "夫の子"),
        ("妻の父", "妻の父"), ("妻の母", "妻の母"), ("夫の父", "夫の父"), ("夫の母", "夫の母"), ("兄", "兄"), ("姉", "姉"),
        ("弟", "弟"), ("妹", "妹"), ("祖父", "祖父"), ("祖母", "祖母"), ("孫", "孫"), ("縁故者", "縁故者"),
        ("同居人", "同居人"), ("妻(未届)", "妻（未届）"), ("妻（未届）", "妻（未届）"), ("夫(未届)", "夫（未届）"),
        ("子の妻（未届）", "子の妻（未届）"), (" 子 の 妻 ", "子の妻"), ("父の妻", "父の妻"), ("叔父", "叔父"),
    ])
    func residentRecordWordingsRoundTrip(text: String, wording: String) throws {
        let relationship = try Relationship(parsing: text)
        #expect(relationship.wording == wording)
        #expect(try Relationship(parsing: relationship.wording) == relationship)
    }

    @Test func structure() throws {
        let daughterInLaw = try Relationship(parsing: "子の妻")
        #expect(daughterInLaw.chain == [.child, .wife] && !daughterInLaw.unregistered)
        let partner = try Relationship(parsing: "妻（未届）")
        #expect(partner.chain == [.wife] && partner.unregistered && partner.isSpouse)
        #expect(try Relationship(parsing: "本人") == .householder)
        #expect(Relationship.householder.isHouseholder && Relationship.householder.chain.isEmpty)
        #expect(try Relationship(parsing: "子").isChild)
        #expect(try Relationship(parsing: "妻の子").isSpousesChild)
        #expect(try !Relationship(parsing: "子の子").isChild)
        #expect(try !Relationship(parsing: "同居人").isFamily && Relationship(parsing: "祖母").isFamily)
        #expect(Relationship(chain: [.wife, .husband]) == nil)
        #expect(Relationship(chain: [.child], unregistered: true) == nil)
        #expect(Relationship(chain: [.child, .husband], unregistered: true)?.wording == "子の夫（未届）")
    }

    @Test(arguments: ["長男", "二女", "次女", "三男", "長女", "養子", "養女", "長男の妻", "二男の子"])
    func familyRegisterWordingsAreRefusedWithTheReason(text: String) {
        do {
            _ = try Relationship(parsing: text)
            Issue.record("accepted")
        } catch {
            #expect(error.code == .unknownRelationship)
            #expect(error.message == "住民票の続柄は平成7年から「子」と記載します（長男・二女・養子などは戸籍の続柄です）")
        }
    }

    @Test(arguments: ["配偶者", "友人", "妻の夫", "同居人の子", "子(未届)", "世帯主の妻", "の子", "子の", "妻(未届)(未届)"])
    func otherWordingsAreRefused(text: String) {
        do {
            let relationship = try Relationship(parsing: text)
            Issue.record("accepted as \(relationship)")
        } catch {
            #expect(error.code == .unknownRelationship)
        }
    }

    @Test func emptyRelationship() {
        do { _ = try Relationship(parsing: " ") } catch { #expect(error.code == .empty) }
    }
}
