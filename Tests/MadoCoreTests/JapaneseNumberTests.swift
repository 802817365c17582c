// SPDX-License-Identifier: Apache-2.0
// 郵便番号, 個人番号 (check digit and masking) and 電話番号.
import MadoCore
import MadoTestThreads
import Testing

@Suite(.ownThread) struct JapaneseNumberTests {
    // MARK: Postal code

    @Test(arguments: [
        "1234567", "123-4567", "〒123-4567", "〒 123-4567", "１２３－４５６７", "123ー4567", "123−4567", "123‐4567",
        "123 4567", " 123-4567 ",
    ])
    func postalCodeSpellings(text: String) throws {
        let code = try PostalCode(parsing: text)
        #expect(code.digits == "1234567")
        #expect(code.formatted == "〒123-4567")
        #expect("\(code)" == "123-4567")
    }

    @Test(arguments: [
        ("123456", JapaneseFormatError.Code.wrongLength), ("12345678", .wrongLength), ("1234-567", .notDigits),
        ("abc-defg", .notDigits), ("", .empty), ("〒", .empty), ("123-456７8", .wrongLength),
    ])
    func postalCodeRefusals(text: String, code: JapaneseFormatError.Code) {
        #expect(throws: JapaneseFormatError.self) { try PostalCode(parsing: text) }
        do { _ = try PostalCode(parsing: text) } catch { #expect(error.code == code) }
    }

    // MARK: My Number

    @Test(arguments: ["621498320257", "6214 9832 0257", "6214-9832-0257", "６２１４９８３２０２５７", "　621498320257　"])
    func validMyNumber(text: String) throws {
        let number = try MyNumber(parsing: text)
        #expect(number.digits == "621498320257")
        #expect(number.masked == "********0257")
    }

    @Test func checkDigitFollowsTheOrdinance() {
        #expect(MyNumber.checkDigit([6, 2, 1, 4, 9, 8, 3, 2, 0, 2, 5]) == 7)
        // Σ mod 11 ≤ 1 gives 0: all zeros (Σ = 0) and a sum of 1 mod 11.
        #expect(MyNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0)
        #expect(MyNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]) == 0)  // Σ = 12, 12 mod 11 = 1
        #expect(MyNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]) == 9)  // Σ = 2 → 11 − 2
    }

    @Test(arguments: [
        "621498320258", "621498320250", "621498302257",  // one wrong digit, and two swapped neighbours
    ])
    func myNumberWithAWrongDigitIsRefused(text: String) {
        do {
            _ = try MyNumber(parsing: text)
            Issue.record("accepted a number with a bad check digit")
        } catch {
            #expect(error.code == .badCheckDigit)
            #expect(!error.message.contains("0257") && !error.messageEnglish.contains("0257"))
            #expect(!error.description.contains("62149"))
        }
    }

    @Test(arguments: [
        ("62149832025", JapaneseFormatError.Code.wrongLength), ("6214983202570", .wrongLength),
        ("6214983202５A", .notDigits), ("", .empty),
    ])
    func myNumberRefusals(text: String, code: JapaneseFormatError.Code) {
        do { _ = try MyNumber(parsing: text) } catch { #expect(error.code == code) }
    }

    private struct PersonRecord {
        let name: String
        let myNumber: MyNumber
    }

    @Test func myNumberCannotReachALogByInterpolation() throws {
        let number = try MyNumber(parsing: "621498320257")
        #expect("\(number)" == "********0257")
        #expect(String(describing: number) == "********0257")
        #expect(String(reflecting: number) == "MyNumber(********0257)")
        #expect(!"\([number])".contains("62149832"))
        #expect(!"\(PersonRecord(name: "x", myNumber: number))".contains("62149832"))
        var dumped = ""
        dump(PersonRecord(name: "x", myNumber: number), to: &dumped)
        #expect(!dumped.contains("62149832"))
    }

    // MARK: Phone number

    @Test(arguments: [
        ("090-1234-5678", "09012345678", "090-1234-5678"), ("09012345678", "09012345678", "090-1234-5678"),
        ("０９０１２３４５６７８", "09012345678", "090-1234-5678"), ("03(1234)5678", "0312345678", "03-1234-5678"),
        ("(03) 1234 5678", "0312345678", "03-1234-5678"), ("0466-12-3456", "0466123456", "0466-12-3456"),
        ("0466123456", "0466123456", "0466123456"), ("0312345678", "0312345678", "03-1234-5678"),
        ("0120123456", "0120123456", "0120-123-456"), ("+81 90-1234-5678", "09012345678", "090-1234-5678"),
        ("+81 (0)3 1234 5678", "0312345678", "03-1234-5678"), ("05012345678", "05012345678", "050-1234-5678"),
        ("01267-2-3456", "0126723456", "01267-2-3456"),
    ])
    func phoneNumbers(text: String, digits: String, formatted: String) throws {
        let phone = try PhoneNumber(parsing: text)
        #expect(phone.digits == digits)
        #expect(phone.formatted == formatted)
    }

    @Test(arguments: [
        ("123-4567-8901", JapaneseFormatError.Code.badPrefix), ("090-1234-567", .wrongLength),
        ("090-1234-56789", .wrongLength), ("090-1234-567a", .notDigits), ("", .empty), ("+1 415 555 0100", .badPrefix),
        ("03-1234-56789", .wrongLength), ("010-1-415-555-0100", .badPrefix), ("0012345678", .badPrefix),
    ])
    func phoneRefusals(text: String, code: JapaneseFormatError.Code) {
        do {
            let phone = try PhoneNumber(parsing: text)
            Issue.record("accepted as \(phone)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func phoneNumberDescriptionHidesAllButTheLastFourDigits() throws {
        let phone = try PhoneNumber(parsing: "090-1234-5678")
        #expect("\(phone)" == "***-****-5678")
        #expect("\(try PhoneNumber(parsing: "0466123456"))" == "******3456")
    }

    @Test func mobileNumbersAreRecognized() throws {
        #expect(try PhoneNumber(parsing: "080-1111-2222").isMobile)
        #expect(try !PhoneNumber(parsing: "03-1111-2222").isMobile)
    }
}
