// SPDX-License-Identifier: Apache-2.0
// Test forms and answers for the form-rendering tests, and helpers that read a PDF back with poppler.
import Foundation
import MadoCore
import MadoRender
import MadoTestSupport
import Testing

/// A small 住民異動届-like template of our own (two pages, four member rows per page), so the renderer's
/// tests do not change whenever the real forms in config/forms are edited.
enum FormFixtures {
    static let moveTemplateJSON = #"""
        {
          "id": "test-move",
          "title": "住民異動届",
          "repeat": { "list": "members", "perPage": 4 },
          "pages": [
            {
              "frame": [
                { "text": "住民異動届", "at": [105, 20], "size": 20, "align": "center", "weight": "bold" },
                { "text": "（宛先）", "at": [20, 31], "size": 9 },
                { "box": [120, 25, 70, 8], "width": 0.5 },
                { "box": [120, 25, 20, 8], "width": 0.3, "shade": 0.9 },
                { "text": "届出日", "at": [130, 30.5], "size": 9, "align": "center" },
                { "box": [20, 36, 170, 30], "width": 0.6 },
                { "box": [20, 36, 25, 18], "width": 0.3, "shade": 0.9 },
                { "text": "新住所", "at": [32.5, 46.5], "size": 10, "align": "center" },
                { "line": [45, 42, 190, 42], "width": 0.15, "dash": true },
                { "box": [20, 54, 25, 12], "width": 0.3, "shade": 0.9 },
                { "text": "世帯主", "at": [32.5, 61.5], "size": 10, "align": "center" },
                { "line": [45, 58, 120, 58], "width": 0.15, "dash": true },
                { "box": [120, 54, 20, 12], "width": 0.3, "shade": 0.9 },
                { "text": "電話", "at": [130, 61.5], "size": 10, "align": "center" },
                { "text": "異動した人", "at": [20, 73], "size": 11, "weight": "bold" },
                { "box": [20, 75, 170, 6], "width": 0.3, "shade": 0.9 },
                { "text": "フリガナ／氏名", "at": [50, 79.3], "size": 8, "align": "center" },
                { "text": "生年月日", "at": [104, 79.3], "size": 8, "align": "center" },
                { "text": "性別", "at": [129, 79.3], "size": 8, "align": "center" },
                { "text": "続柄", "at": [145, 79.3], "size": 8, "align": "center" },
                { "text": "年齢", "at": [170, 79.3], "size": 8, "align": "center" },
                { "box": [20, 81, 170, 64], "width": 0.6 },
                { "line": [20, 97, 190, 97], "width": 0.3 },
                { "line": [20, 113, 190, 113], "width": 0.3 },
                { "line": [20, 129, 190, 129], "width": 0.3 },
                { "line": [80, 75, 80, 145], "width": 0.2 },
                { "line": [122, 75, 122, 145], "width": 0.2 },
                { "line": [136, 75, 136, 145], "width": 0.2 },
                { "line": [155, 75, 155, 145], "width": 0.2 },
                { "text": "男", "at": [128, 87.5], "size": 8 },
                { "text": "女", "at": [128, 93], "size": 8 },
                { "text": "歳", "at": [185, 91], "size": 8 },
                { "text": "男", "at": [128, 103.5], "size": 8 },
                { "text": "女", "at": [128, 109], "size": 8 },
                { "text": "歳", "at": [185, 107], "size": 8 },
                { "text": "男", "at": [128, 119.5], "size": 8 },
                { "text": "女", "at": [128, 125], "size": 8 },
                { "text": "歳", "at": [185, 123], "size": 8 },
                { "text": "男", "at": [128, 135.5], "size": 8 },
                { "text": "女", "at": [128, 141], "size": 8 },
                { "text": "歳", "at": [185, 139], "size": 8 },
                { "note": "※ 太枠内は窓口で記入済みです。内容を確認のうえ、届出人の欄に署名してください。", "box": [20, 270, 170, 10], "size": 8 }
              ],
              "fields": [
                { "id": "mayor", "source": "city.mayor", "kind": "text", "box": [34, 26, 70, 7], "size": 11 },
                { "id": "date", "source": "notificationDate", "kind": "date-wareki", "box": [140, 25, 50, 8], "size": 11, "align": "center" },
                { "id": "zip", "source": "address.postalCode", "kind": "postal", "box": [45, 36, 40, 6], "size": 9 },
                { "id": "address", "source": "address", "kind": "address", "box": [45, 42, 145, 12], "size": 12, "minSize": 7 },
                { "id": "hhKana", "source": "householder.kana", "kind": "kana", "box": [45, 54, 75, 4], "size": 7 },
                { "id": "hhName", "source": "householder.name", "kind": "text", "box": [45, 58, 75, 8], "size": 13, "minSize": 7 },
                { "id": "phone", "source": "notifier.phone", "kind": "phone", "box": [140, 54, 50, 12], "size": 11 },
                { "id": "kana", "source": "members[].kana", "kind": "kana", "box": [20, 81, 60, 5], "size": 7 },
                { "id": "name", "source": "members[].name", "kind": "text", "box": [20, 86, 60, 11], "size": 13, "minSize": 7 },
                { "id": "birth", "source": "members[].birthDate", "kind": "date-wareki", "box": [80, 81, 42, 16], "size": 10, "align": "center" },
                { "id": "male", "source": "members[].sex", "kind": "checkbox", "equals": "男", "box": [124, 84.5, 3, 3] },
                { "id": "female", "source": "members[].sex", "kind": "checkbox", "equals": "女", "box": [124, 90, 3, 3] },
                { "id": "rel", "source": "members[].relationship", "kind": "relationship", "box": [136, 81, 19, 16], "size": 10, "align": "center" },
                { "id": "age", "source": "members[].birthDate", "kind": "age", "box": [158, 81, 26, 16], "size": 12, "align": "right" }
              ],
              "rows": { "pitch": 16 }
            },
            {
              "frame": [
                { "text": "住民異動届（裏面）", "at": [105, 20], "size": 16, "align": "center", "weight": "bold" },
                { "box": [20, 30, 170, 24], "width": 0.6 },
                { "box": [20, 30, 25, 24], "width": 0.3, "shade": 0.9 },
                { "text": "個人番号", "at": [32.5, 43.5], "size": 9, "align": "center" },
                { "text": "届出人", "at": [20, 66], "size": 11, "weight": "bold" }
              ],
              "fields": [
                { "id": "number", "source": "members[].myNumber", "kind": "digits", "cells": 12, "box": [60, 31, 120, 5], "size": 11 },
                { "id": "notifier", "source": "notifier.name", "kind": "text", "box": [20, 68, 80, 10], "size": 12 },
                { "id": "sign", "kind": "signature", "box": [110, 68, 80, 16] }
              ],
              "rows": { "pitch": 5.8 }
            }
          ]
        }
        """#

    static var moveTemplate: FormTemplate {
        get throws { try FormTemplateReader.read(Data(moveTemplateJSON.utf8), file: "test-move.json") }
    }

    static func person(
        _ name: String, _ kana: String, _ birth: String, _ sex: String, _ relationship: String, _ myNumber: String
    ) -> JSONValue {
        .object(
            JSONObject([
                ("name", .string(name)), ("kana", .string(kana)), ("birthDate", .string(birth)), ("sex", .string(sex)),
                ("relationship", .string(relationship)), ("myNumber", .string(myNumber)),
            ]))
    }

    static let family: [JSONValue] = [
        person("山田 太郎", "やまだ たろう", "1985-04-12", "男", "世帯主", "123456789018"),
        person("山田 花子", "やまだ はなこ", "1987-09-30", "女", "妻", "234567890120"),
        person("山田 一郎", "やまだ いちろう", "2014-05-01", "男", "子", "345678901231"),
        person("山田 次郎", "ヤマダ ジロウ", "2016-11-23", "男", "子", "456789012342"),
        person("山田 桜", "ﾔﾏﾀﾞ ｻｸﾗ", "2019-03-03", "女", "子", "567890123453"),
        person("髙橋 𠮷子", "たかはし よしこ", "1950-02-28", "女", "妻の母", "678901234564"),
    ]

    static func answers(members: [JSONValue] = Array(family.prefix(2)), householderName: String = "山田 太郎")
        -> JSONValue
    {
        .object(
            JSONObject([
                ("notificationDate", .string("2026-12-03")),
                (
                    "notifier",
                    .object(JSONObject([("name", .string("山田 太郎")), ("phone", .string("090-1234-5678"))]))
                ),
                (
                    "address",
                    .object(
                        JSONObject([
                            ("postalCode", .string("1050011")), ("prefecture", .string("東京都")),
                            ("municipality", .string("港区")), ("town", .string("芝公園一丁目")),
                            ("banchi", .string("1番2号")), ("katagaki", .string("芝公園ハイツ101号室")),
                        ]))
                ),
                (
                    "householder",
                    .object(JSONObject([("name", .string(householderName)), ("kana", .string("やまだ たろう"))]))
                ),
                ("members", .array(members)),
            ]))
    }

    static let context = FormFillContext(
        cityName: "港区", mayor: "港区長", today: CivilDate(year: 2026, month: 12, day: 3)!, eventName: "転入")

    static func filled(_ answers: JSONValue = answers()) throws -> FormFillResult {
        try FormFiller.fill(try moveTemplate, answers: answers, context: context)
    }
}

/// Reads a PDF back with poppler-utils, the way a person (or a screen reader) would see it.
enum PopplerReader {
    struct Word: Equatable {
        let text: String
        /// In mm from the page's top-left.
        let x: Double
        let y: Double
        let width: Double
        let height: Double
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func write(_ pdf: Data, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mado-\(name)-\(UUID().uuidString).pdf"
        ).path
        try pdf.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The text of page `page` (1-based), laid out as on paper.
    static func text(_ pdf: Data, page: Int) throws -> String {
        let path = try write(pdf, name: "text")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try run("pdftotext", ["-layout", "-f", String(page), "-l", String(page), path, "-"])
        return String(decoding: data, as: UTF8.self)
    }

    /// The words of page `page` with their boxes (pdftotext -bbox).
    static func words(_ pdf: Data, page: Int) throws -> [Word] {
        let path = try write(pdf, name: "bbox")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let html = String(
            decoding: try run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), path, "-"]), as: UTF8.self)
        let mm = 25.4 / 72
        var words: [Word] = []
        for line in html.split(separator: "\n") where line.contains("<word ") {
            func attribute(_ name: String) -> Double? {
                guard let r = line.range(of: "\(name)=\"") else { return nil }
                let rest = line[r.upperBound...]
                return Double(rest.prefix { $0 != "\"" })
            }
            guard let xMin = attribute("xMin"), let yMin = attribute("yMin"), let xMax = attribute("xMax"),
                let yMax = attribute("yMax"), let open = line.firstIndex(of: ">"),
                let close = line.range(of: "</word>")
            else { continue }
            let text = String(line[line.index(after: open)..<close.lowerBound])
            words.append(
                Word(text: text, x: xMin * mm, y: yMin * mm, width: (xMax - xMin) * mm, height: (yMax - yMin) * mm))
        }
        return words
    }

    /// `pdffonts` rows: font name → embedded.
    static func fonts(_ pdf: Data) throws -> [(name: String, embedded: Bool)] {
        let path = try write(pdf, name: "fonts")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lines = String(decoding: try run("pdffonts", [path]), as: UTF8.self).split(separator: "\n").dropFirst(2)
        return lines.compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard columns.count >= 5 else { return nil }
            // name type [encoding…] emb sub uni object ID: "emb" is the 5th column from the end.
            return (String(columns[0]), columns[columns.count - 5] == "yes")
        }
    }

    /// Page `page` rasterized at 50 dpi in grey (pdftoppm), as a PNG.
    static func png(_ pdf: Data, page: Int, dpi: Int = 50) throws -> Data {
        let path = try write(pdf, name: "png")
        // pdftoppm writes nothing to stdout with -singlefile, so it writes <prefix>.png.
        let prefix = String(path.dropLast(".pdf".count))
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: prefix + ".png")
        }
        _ = try run(
            "pdftoppm",
            ["-r", String(dpi), "-gray", "-png", "-f", String(page), "-l", String(page), "-singlefile", path, prefix])
        return try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))
    }

    static func pageCount(_ pdf: Data) throws -> Int {
        let path = try write(pdf, name: "info")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let info = String(decoding: try run("pdfinfo", [path]), as: UTF8.self)
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
}

extension FormFixtures {
    /// A 転入 bundle: 住民異動届 at 1番窓口, then 児童手当 (no form of ours) at 3番窓口.
    static func bundle(_ form: FormFillResult) -> FormBundle {
        FormBundle(
            eventName: "転入", cityName: "港区", date: context.today,
            procedures: [
                FormBundleProcedure(
                    name: "住民異動届", reason: "港区に転入したため", department: "区民課", counter: "1番窓口", forms: [form]),
                FormBundleProcedure(
                    name: "児童手当 認定請求", reason: "中学生以下の子 (2人) が転入するため", department: "こども家庭課",
                    counter: "3番窓口", forms: []),
            ])
    }
}
