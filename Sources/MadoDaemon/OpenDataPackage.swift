// SPDX-License-Identifier: Apache-2.0
// The open-data description of the queue's figures: a Frictionless Tabular Data Package whose table
// schemas document every column in Japanese and English, with units.
import Foundation
import MadoCore

/// One documented column.
struct OpenDataField: Sendable {
    let name: String
    /// Table Schema type: string, integer, number, date.
    let type: String
    let titleJapanese: String
    let descriptionJapanese: String
    let descriptionEnglish: String
    /// The unit of a measure ("min", "tickets", "ratio"); nil for keys and names.
    let unit: String?

    var jsonValue: JSONValue {
        var object = JSONObject([
            ("name", .string(name)), ("type", .string(type)), ("title", .string(titleJapanese)),
            ("description", .string("\(descriptionJapanese) / \(descriptionEnglish)")),
        ])
        if let unit { object.append("unit", .string(unit)) }
        if type == "integer" || type == "number", unit != nil {
            object.append("constraints", .object(JSONObject([("minimum", .number("0"))])))
        }
        return .object(object)
    }
}

/// One CSV file of the package.
struct OpenDataResource: Sendable {
    let table: QueueKPITable
    let name: String
    let titleJapanese: String
    let titleEnglish: String
    let descriptionJapanese: String
    let descriptionEnglish: String
    let fields: [OpenDataField]
    let primaryKey: [String]

    var path: String { "\(name).csv" }
}

/// The package and its resources.
enum OpenDataPackage {
    static let resources: [OpenDataResource] = [
        OpenDataResource(
            table: .daily, name: "queue-daily-service", titleJapanese: "窓口の日別・用件別実績",
            titleEnglish: "Counter queue figures per day and service",
            descriptionJapanese: "業務日ごと・用件ごとの発券数、対応数、待ち時間、対応時間、滞在時間。",
            descriptionEnglish:
                "Tickets, outcomes and waiting, service and stay times per business day and service.",
            fields: [dateField, serviceField, serviceNameField] + serviceMeasures, primaryKey: ["date", "service"]),
        OpenDataResource(
            table: .hourly, name: "queue-hourly-service", titleJapanese: "窓口の時間帯別・用件別実績",
            titleEnglish: "Counter queue figures per hour and service",
            descriptionJapanese: "業務日・時間帯(現地時刻)・用件ごとの実績。各件数はその出来事が起きた時間帯に数える。",
            descriptionEnglish:
                "The same figures per business day, local hour and service; each count falls in the hour its "
                + "event happened.",
            fields: [dateField, hourField, serviceField, serviceNameField] + serviceMeasures,
            primaryKey: ["date", "hour", "service"]),
        OpenDataResource(
            table: .counters, name: "queue-daily-counter", titleJapanese: "窓口別の日別稼働状況",
            titleEnglish: "Counter utilisation per day",
            descriptionJapanese: "業務日・窓口ごとの開設時間、対応時間、稼働率、呼出数、対応完了数。",
            descriptionEnglish:
                "Open time, busy time, utilisation, calls and tickets served per business day and counter.",
            fields: [
                dateField,
                OpenDataField(
                    name: "counter", type: "string", titleJapanese: "窓口ID", descriptionJapanese: "設定上の窓口の識別子",
                    descriptionEnglish: "The counter's identifier in the configuration", unit: nil),
                OpenDataField(
                    name: "counter_name", type: "string", titleJapanese: "窓口名", descriptionJapanese: "窓口の表示名",
                    descriptionEnglish: "The counter's display name", unit: nil),
                minutes(
                    "open_min", "開設時間", "窓口を開けていた時間(開設から閉鎖、または当日最後の対応まで)",
                    "Time the counter was open (opening to closing, or to its last activity of the day)"),
                minutes(
                    "busy_min", "対応時間", "呼出から対応終了までの時間の合計",
                    "Total time spent on tickets, from each call to the end of that visit"),
                OpenDataField(
                    name: "utilisation", type: "number", titleJapanese: "稼働率",
                    descriptionJapanese: "対応時間 ÷ 開設時間 (0〜1、小数3桁)。開設していない日は空欄",
                    descriptionEnglish: "Busy time ÷ open time (0–1, 3 decimals); empty when the counter was not open",
                    unit: "ratio"),
                count("calls", "呼出数", "再呼出を含む呼出の回数", "Calls made, recalls included", unit: "calls"),
                count("served", "対応完了数", "この窓口で対応を終えた番号札の数", "Tickets this counter finished serving"),
            ],
            primaryKey: ["date", "counter"]),
    ]

    static func resource(path: String) -> OpenDataResource? { resources.first { $0.path == path } }

    /// datapackage.json for the site. Relative resource paths resolve beside the descriptor's URL.
    static func descriptor(siteName: String, created: Date) -> JSONValue {
        let license = JSONValue.object(
            JSONObject([
                ("name", .string("CC-BY-4.0")), ("title", .string("Creative Commons Attribution 4.0 International")),
                ("path", .string("https://creativecommons.org/licenses/by/4.0/")),
            ]))
        let source = JSONValue.object(
            JSONObject([
                ("title", .string("\(siteName) 窓口発券システム(mado)の記録 / event log of the ticket queue (mado)"))
            ]))
        let publisher = JSONValue.object(JSONObject([("title", .string(siteName)), ("role", .string("publisher"))]))
        return .object(
            JSONObject([
                ("profile", .string("tabular-data-package")), ("name", .string("mado-queue-kpi")),
                ("title", .string("\(siteName) 窓口の待ち時間と処理実績 / Counter queue figures")),
                (
                    "description",
                    .string(
                        "番号札の発券・呼出・対応の記録から集計した業務日ごとの実績。個人情報や番号札の識別子は含まない。"
                            + "終わった業務日のみ(当日分は翌日の日次リセット後に追加)。 / Daily figures aggregated from "
                            + "the ticket queue's records; no personal data and no ticket identifiers. Finished "
                            + "business days only (a day is added after the next daily reset).")
                ),
                ("created", .string(EventTimestamp.format(created))),
                ("keywords", .array(["窓口", "待ち時間", "番号札", "queue", "waiting time"].map { .string($0) })),
                ("licenses", .array([license])), ("sources", .array([source])),
                ("contributors", .array([publisher])),
                ("resources", .array(resources.map(resourceDescriptor))),
            ]))
    }

    static func resourceDescriptor(_ r: OpenDataResource) -> JSONValue {
        .object(
            JSONObject([
                ("profile", .string("tabular-data-resource")), ("name", .string(r.name)), ("path", .string(r.path)),
                ("title", .string("\(r.titleJapanese) / \(r.titleEnglish)")),
                ("description", .string("\(r.descriptionJapanese) / \(r.descriptionEnglish)")),
                ("format", .string("csv")), ("mediatype", .string("text/csv")), ("encoding", .string("utf-8")),
                (
                    "dialect",
                    .object(
                        JSONObject([
                            ("delimiter", .string(",")), ("lineTerminator", .string("\r\n")),
                            ("quoteChar", .string("\"")), ("doubleQuote", .bool(true)), ("header", .bool(true)),
                        ]))
                ),
                (
                    "schema",
                    .object(
                        JSONObject([
                            ("fields", .array(r.fields.map(\.jsonValue))),
                            ("primaryKey", .array(r.primaryKey.map { .string($0) })),
                            ("missingValues", .array([.string("")])),
                        ]))
                ),
            ]))
    }

    // MARK: Fields

    static let dateField = OpenDataField(
        name: "date", type: "date", titleJapanese: "業務日",
        descriptionJapanese: "業務日(日次リセット時刻から翌日のリセット時刻まで、現地時刻)",
        descriptionEnglish: "Business day (from one daily reset to the next, local time)", unit: nil)
    static let hourField = OpenDataField(
        name: "hour", type: "integer", titleJapanese: "時間帯", descriptionJapanese: "出来事が起きた時(0〜23、現地時刻)",
        descriptionEnglish: "Local hour in which the events happened (0–23)", unit: "hour of day")
    static let serviceField = OpenDataField(
        name: "service", type: "string", titleJapanese: "用件ID", descriptionJapanese: "設定上の用件の識別子",
        descriptionEnglish: "The service's identifier in the configuration", unit: nil)
    static let serviceNameField = OpenDataField(
        name: "service_name", type: "string", titleJapanese: "用件名", descriptionJapanese: "用件の表示名(例: 引越し)",
        descriptionEnglish: "The service's display name (e.g. 引越し, moving)", unit: nil)

    static let serviceMeasures: [OpenDataField] =
        [
            count("issued", "発券数", "この用件で発券した番号札の数", "Tickets issued for the service"),
            count("served", "対応完了数", "この用件で対応を終えた番号札の数", "Tickets whose visit ended served in this service"),
            count(
                "no_show", "不在数", "呼び出しても来なかった番号札の数(列に戻されたものは除く)",
                "Tickets called that did not come (not counted when returned to the queue)"),
            count(
                "transferred", "転送数", "他の用件へ移した番号札の数(移す前の用件で数える)",
                "Tickets moved to another service (counted for the service they left)"),
            count("cancelled", "取消数", "取り消した番号札の数", "Tickets cancelled"),
            count(
                "removed_by_reset", "日次リセット時の未完了数", "日次リセットの時点で終わっていなかった番号札の数",
                "Tickets still open at the daily reset"),
        ]
        + summary(
            "waiting", "待ち時間", "用件の列に並んでから(最後に)呼ばれるまで",
            "from joining the service's queue to the (last) call")
        + summary(
            "service", "対応時間", "呼出から対応終了・転送・保留(書類待ち)まで",
            "from the call to served, transferred or pending")
        + summary(
            "stay", "滞在時間", "発券から対応完了まで(転送をまたぐ)", "from issue to served, across transfers")

    static func count(
        _ name: String, _ title: String, _ japanese: String, _ english: String, unit: String = "tickets"
    ) -> OpenDataField {
        OpenDataField(
            name: name, type: "integer", titleJapanese: title, descriptionJapanese: japanese,
            descriptionEnglish: english, unit: unit)
    }

    static func minutes(_ name: String, _ title: String, _ japanese: String, _ english: String) -> OpenDataField {
        OpenDataField(
            name: name, type: "number", titleJapanese: title, descriptionJapanese: japanese + "(分、小数1桁)",
            descriptionEnglish: english + " (minutes, 1 decimal)", unit: "min")
    }

    /// The median, 90th percentile and maximum columns of one duration.
    static func summary(_ stem: String, _ title: String, _ japanese: String, _ english: String) -> [OpenDataField] {
        [
            ("median", "中央値", "median"), ("p90", "90パーセンタイル", "90th percentile (linear interpolation)"),
            ("max", "最大値", "maximum"),
        ].map { suffix, japaneseStatistic, englishStatistic in
            OpenDataField(
                name: "\(stem)_\(suffix)_min", type: "number", titleJapanese: "\(title)の\(japaneseStatistic)",
                descriptionJapanese: "\(title)(\(japanese))の\(japaneseStatistic)(分、小数1桁)。該当がなければ空欄",
                descriptionEnglish: "The \(englishStatistic) of the \(stem) time (\(english)), minutes with 1 decimal; "
                    + "empty when there was none",
                unit: "min")
        }
    }
}
