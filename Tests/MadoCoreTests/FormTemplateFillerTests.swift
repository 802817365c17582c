// SPDX-License-Identifier: Apache-2.0
// Filling a template: each field shows the right answer, formatted by kind; rows and copies follow the list.
import Foundation
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct FormTemplateFillerTests {
    static let templateJSON = """
        {"id": "f", "title": "テスト届", "repeat": {"list": "members", "perPage": 4},
         "pages": [{"fields": [
           {"id": "mayor", "source": "city.mayor", "kind": "text", "box": [10, 5, 60, 8]},
           {"id": "today", "source": "today", "kind": "date", "box": [120, 5, 60, 8]},
           {"id": "reason", "source": "procedure.reason", "kind": "text", "box": [10, 14, 180, 8]},
           {"id": "date", "source": "notificationDate", "kind": "date-wareki", "box": [120, 14, 60, 8]},
           {"id": "zip", "source": "address.postalCode", "kind": "postal", "box": [10, 24, 40, 6]},
           {"id": "addr", "source": "address", "kind": "address", "box": [10, 30, 180, 12]},
           {"id": "phone", "source": "notifier.phone", "kind": "phone", "box": [10, 44, 60, 8]},
           {"id": "first", "source": "members[0].name", "kind": "text", "box": [80, 44, 60, 8]},
           {"id": "seal", "source": "sealRegistration", "kind": "checkbox", "box": [150, 44, 4, 4]},
           {"id": "kana", "source": "members[].kana", "kind": "kana", "box": [10, 60, 60, 5]},
           {"id": "name", "source": "members[].name", "kind": "text", "box": [10, 65, 60, 8]},
           {"id": "age", "source": "members[].birthDate", "kind": "age", "box": [80, 65, 20, 8]},
           {"id": "rel", "source": "members[].relationship", "kind": "relationship", "box": [100, 65, 20, 8]},
           {"id": "female", "source": "members[].sex", "kind": "checkbox", "equals": "女", "box": [125, 65, 4, 4]},
           {"id": "mn", "source": "members[].myNumber", "kind": "digits", "cells": 12, "box": [130, 65, 60, 6]},
           {"id": "sign", "kind": "signature", "box": [10, 250, 60, 15]}
         ], "rows": {"pitch": 20}}]}
        """

    static func person(_ name: String, _ kana: String, _ birth: String, _ sex: String, _ rel: String, _ number: String)
        -> String
    {
        #"{"name": "\#(name)", "kana": "\#(kana)", "birthDate": "\#(birth)", "sex": "\#(sex)", "relationship": "\#(rel)", "myNumber": "\#(number)"}"#
    }

    static let people = [
        person("山田 太郎", "やまだ たろう", "1985-04-12", "男", "世帯主", "123456789018"),
        person("山田 花子", "ﾔﾏﾀﾞ ﾊﾅｺ", "昭和62年9月30日", "女", "妻", "2345-6789-0120"),
        person("山田 一郎", "ヤマダ イチロウ", "2014-05-01", "男", "子", "345678901231"),
        person("山田 次郎", "やまだ じろう", "2016-12-04", "男", "子", "456789012342"),
        person("山田 桜", "やまだ さくら", "2019-03-03", "女", "子", "567890123453"),
        person("山田 梅", "やまだ うめ", "2021-06-06", "女", "子", "678901234564"),
    ]

    func answers(members: [String], extra: String = "") -> JSONValue {
        let json = """
            {"notificationDate": "2026-12-03", "sealRegistration": true,
             "notifier": {"name": "山田 太郎", "phone": "09012345678"},
             "address": {"postalCode": "1050011", "prefecture": "東京都", "municipality": "港区", "town": "芝公園一丁目",
                         "banchi": "1-2", "katagaki": "芝公園ハイツ101号室"},
             "members": [\(members.joined(separator: ","))]\(extra)}
            """
        return try! JSONParser.parse(json)
    }

    let context = FormFillContext(
        cityName: "港区", mayor: "港区長", today: CivilDate(year: 2026, month: 12, day: 3)!, eventName: "転入",
        procedureName: "住民異動届", procedureReason: "港区に転入したため")

    func fill(_ answers: JSONValue) throws -> FormFillResult {
        let template = try FormTemplateReader.read(Data(Self.templateJSON.utf8), file: "f.json")
        return try FormFiller.fill(template, answers: answers, context: context)
    }

    func content(_ page: FormFillPage, _ id: String, row: Int? = nil) -> FormFillContent? {
        page.fields.first { $0.id == id && $0.row == row }?.content
    }

    @Test func formatsEachKind() throws {
        let page = try #require(try fill(answers(members: Array(Self.people.prefix(2)))).pages.first)
        #expect(content(page, "mayor") == .text("港区長"))
        #expect(content(page, "today") == .text("2026年12月3日"))
        #expect(content(page, "reason") == .text("港区に転入したため"))
        #expect(content(page, "date") == .text("令和8年12月3日"))
        #expect(content(page, "zip") == .text("〒105-0011"))
        #expect(content(page, "addr") == .text("東京都港区芝公園一丁目1－2\n芝公園ハイツ101号室"))
        #expect(content(page, "phone") == .text("090-1234-5678"))
        #expect(content(page, "first") == .text("山田 太郎"))
        #expect(content(page, "seal") == .checkbox(checked: true))
        #expect(content(page, "sign") == .signature)
        #expect(content(page, "kana", row: 0) == .text("ヤマダ　タロウ"))
        #expect(content(page, "kana", row: 1) == .text("ヤマダ　ハナコ"))
        #expect(content(page, "age", row: 0) == .text("41"))
        #expect(content(page, "age", row: 1) == .text("39"))  // birth date given in 和暦
        #expect(content(page, "rel", row: 1) == .text("妻"))
        #expect(content(page, "female", row: 0) == .checkbox(checked: false))
        #expect(content(page, "female", row: 1) == .checkbox(checked: true))
        #expect(content(page, "mn", row: 1) == .digits(Array("234567890120").map { Optional($0) }))
    }

    @Test func rowsMoveDownByThePitch() throws {
        let page = try #require(try fill(answers(members: Array(Self.people.prefix(3)))).pages.first)
        let boxes = page.fields.filter { $0.id == "name" }.map(\.box.y)
        #expect(boxes == [65, 85, 105, 125])
        #expect(page.fields.first { $0.id == "name" && $0.row == 3 }?.content == .empty)
        // An unused row still shows its empty digit cells.
        #expect(page.fields.first { $0.id == "mn" && $0.row == 3 }?.cells == 12)
    }

    @Test func sixMembersWithFourRowsMakeTwoCopies() throws {
        let form = try fill(answers(members: Self.people))
        #expect(form.pages.count == 2)
        #expect(form.pages.map(\.copy) == [0, 1] && form.pages.allSatisfy { $0.copies == 2 })
        #expect(content(form.pages[1], "name", row: 0) == .text("山田 桜"))
        #expect(content(form.pages[1], "name", row: 1) == .text("山田 梅"))
        #expect(content(form.pages[1], "name", row: 2) == .empty)
        // Fields outside the rows repeat on every copy.
        #expect(content(form.pages[1], "mayor") == .text("港区長"))
    }

    @Test func noMembersStillPrintsOneBlankCopy() throws {
        let form = try fill(answers(members: []))
        #expect(form.pages.count == 1)
        #expect(content(form.pages[0], "name", row: 0) == .empty)
    }

    @Test func missingAnswersLeaveTheFieldEmpty() throws {
        let answers = try JSONParser.parse(#"{"members": [{"name": "山田 太郎"}]}"#)
        let page = try #require(try fill(answers).pages.first)
        #expect(content(page, "date") == .empty)
        #expect(content(page, "addr") == .empty)
        #expect(content(page, "age", row: 0) == .empty)
        #expect(content(page, "seal") == .checkbox(checked: false))
    }

    @Test func subjectsAreTheProcedurePeople() throws {
        let json = """
            {"id": "c", "title": "児童手当", "repeat": {"list": "subjects", "perPage": 3},
             "pages": [{"fields": [{"id": "child", "source": "subjects[].name", "kind": "text", "box": [10, 10, 60, 8]}],
                        "rows": {"pitch": 10}}]}
            """
        let template = try FormTemplateReader.read(Data(json.utf8), file: "c.json")
        let all = answers(members: Self.people)
        guard case .object(let o) = all, case .array(let members)? = o["members"] else { Issue.record(); return }
        var context = self.context
        context.subjects = [members[2], members[3]]
        let page = try #require(try FormFiller.fill(template, answers: all, context: context).pages.first)
        #expect(page.fields.map(\.content) == [.text("山田 一郎"), .text("山田 次郎"), .empty])
    }

    @Test(arguments: [
        ("members[0].birthDate", #""2026-02-30""#, "f.age"),
        ("members[0].kana", #""山田""#, "f.kana"),
        ("members[0].myNumber", #""12345678901234""#, "f.mn"),
        ("members[0].myNumber", #""1234567890AB""#, "f.mn"),
        ("notifier.phone", #""1234""#, "f.phone"),
        ("address.prefecture", #""東京""#, ""),
        ("address.postalCode", #""12345""#, "f.zip"),
        ("members[0].relationship", #""友人""#, "f.rel"),
        ("notificationDate", #""令和元年4月1日""#, "f.date"),
    ])
    func aBadValueNamesTheFieldButNotTheValue(path: String, badValue: String, fieldPath: String) throws {
        // Replace one answer with a malformed one, by editing the JSON text.
        var json = answers(members: Array(Self.people.prefix(1))).serialized()
        let parts = path.split(separator: ".")
        let key = String(parts.last!)
        let containerKey = parts.count > 1 ? String(parts[parts.count - 2].prefix { $0 != "[" }) : ""
        if let keyRange = json.range(of: "\"\(key)\":"),
            containerKey.isEmpty || json[..<keyRange.lowerBound].contains("\"\(containerKey)\"")
        {
            let valueStart = keyRange.upperBound
            let valueEnd = json[valueStart...].firstIndex { $0 == "," || $0 == "}" }!
            json.replaceSubrange(valueStart..<valueEnd, with: badValue)
        }
        let answers = try JSONParser.parse(json)
        let template = try FormTemplateReader.read(Data(Self.templateJSON.utf8), file: "f.json")
        do throws(FormFillError) {
            _ = try FormFiller.fill(template, answers: answers, context: context)
            // 東京 is accepted as 東京都: nothing to refuse.
            #expect(fieldPath.isEmpty, "expected an error for \(fieldPath)")
        } catch {
            #expect(error.kind == .invalidValue)
            #expect(error.fieldPath == fieldPath)
            #expect(error.message.hasPrefix("field \(fieldPath) "))
            let raw = badValue.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            #expect(!error.message.contains(raw), "the message must not echo the value")
        }
    }
}
