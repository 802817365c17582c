// SPDX-License-Identifier: Apache-2.0
// The announcement sentence: the written caption and the form open_jtalk reads aloud.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct AnnouncementTextTests {
    static let template = "受付番号 {number} 番の方、{counterName}へお越しください"
    static let call = AnnouncementCall(
        number: "A-023", counter: "3", counterName: "3番窓口", service: "moving", serviceName: "引越し")

    @Test func theCaptionShowsTheNumberAsPrinted() {
        #expect(AnnouncementText.written(Self.template, call: Self.call) == "受付番号 A-023 番の方、3番窓口へお越しください")
    }

    @Test func speechReadsTheLetterAndTheNumberWithoutZeros() {
        #expect(AnnouncementText.spoken(Self.template, call: Self.call) == "受付番号 エー 23 番の方、3番窓口へお越しください")
    }

    @Test(arguments: [
        ("A-023", "エー 23"), ("B102", "ビー 102"), ("007", "7"), ("000", "0"), ("Ｋ－００５", "ケー 5"),
        ("W-10", "ダブリュー 10"), ("a-1", "エー 1"), ("住-12", "住 12"), ("AB-3", "エー ビー 3"),
    ])
    func spokenNumbers(number: String, spoken: String) {
        #expect(AnnouncementText.spokenNumber(number) == spoken)
    }

    @Test func everyPlaceholderIsFilledAndUnknownOnesAreKept() {
        let text = AnnouncementText.written("{service}/{serviceName}/{counter}/{countername}/{", call: Self.call)
        #expect(text == "moving/引越し/3/{countername}/{")
        #expect(AnnouncementText.unknownPlaceholders(in: "{number} {countername} {x}") == ["countername", "x"])
        #expect(AnnouncementText.unknownPlaceholders(in: Self.template).isEmpty)
    }
}
