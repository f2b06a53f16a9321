import Testing
import VietnameseText

@Suite("Amounts in words")
struct AmountInWordsTests {
    /// The table of DOMAIN.md §6 and the rules it implies.
    @Test(arguments: [
        (221_100_000, "Hai trăm hai mươi mốt triệu một trăm nghìn đồng"),
        (15_000_000, "Mười lăm triệu đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_000_050, "Hai triệu không trăm năm mươi đồng"),
        (3_045_000, "Ba triệu không trăm bốn mươi lăm nghìn đồng"),
        (11_021_000, "Mười một triệu không trăm hai mươi mốt nghìn đồng"),
        (1_050_000_000, "Một tỷ không trăm năm mươi triệu đồng"),
        (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"),
        (0, "Không đồng"),
        (10, "Mười đồng"),
        (21, "Hai mươi mốt đồng"),
        (11, "Mười một đồng"),
        (101, "Một trăm linh một đồng"),
        (1_000_000_000_000_000, "Một triệu tỷ đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (24, "Hai mươi bốn đồng"),
        (25, "Hai mươi lăm đồng"),
        (15, "Mười lăm đồng"),
        (105, "Một trăm linh năm đồng"),
    ] as [(Int64, String)])
    func amountInDong(value: Int64, words: String) {
        #expect(VietnameseNumberWords.amount(value) == words)
    }

    @Test func southernThousand() {
        #expect(VietnameseNumberWords.amount(221_100_000, thousand: .ngan) == "Hai trăm hai mươi mốt triệu một trăm ngàn đồng")
    }

    @Test func amountWithoutCurrency() {
        #expect(VietnameseNumberWords.amount(1_500, currency: nil) == "Một nghìn năm trăm")
    }

    @Test func amountInAnotherCurrency() {
        #expect(VietnameseNumberWords.amount(35, currency: "đô la Mỹ") == "Ba mươi lăm đô la Mỹ")
    }

    @Test func readingIsLowerCase() {
        #expect(VietnameseNumberWords.reading(of: 221_100_000) == "hai trăm hai mươi mốt triệu một trăm nghìn")
        #expect(VietnameseNumberWords.reading(of: 0) == "không")
    }

    @Test func negativeAmounts() {
        #expect(VietnameseNumberWords.reading(of: -5_000) == "âm năm nghìn")
        #expect(VietnameseNumberWords.amount(-1_021) == "Âm một nghìn không trăm hai mươi mốt đồng")
    }

    /// The smallest Int64 has no positive counterpart, and its upper part is itself above a billion.
    @Test func smallestInt64() {
        #expect(VietnameseNumberWords.reading(of: .min) == "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn"
            + " không trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám")
    }

    @Test(arguments: [
        (0, "5", "không phẩy năm"),
        (1, "25", "một phẩy hai mươi lăm"),
        (3, "05", "ba phẩy không năm"),
        (12, "50", "mười hai phẩy năm mươi"),
        (7, "0", "bảy phẩy không"),
        (7, "001", "bảy phẩy không không một"),
        (2, "", "hai"),
        (-4, "75", "âm bốn phẩy bảy mươi lăm"),
        (0, "12345678901234567890",
         "không phẩy một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín không"),
        (0, "9999999999999999999",
         "không phẩy chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ"
            + " chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
    ] as [(Int64, String, String)])
    func decimalReading(integerPart: Int64, fractionDigits: String, words: String) {
        #expect(VietnameseNumberWords.reading(integerPart: integerPart, fractionDigits: fractionDigits) == words)
    }

    @Test func decimalReadingWithSouthernThousand() {
        #expect(VietnameseNumberWords.reading(integerPart: 1_000, fractionDigits: "5000", thousand: .ngan)
            == "một ngàn phẩy năm ngàn")
    }
}
