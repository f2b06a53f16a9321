import Testing
import VietnameseText

@Suite("Number formats")
struct NumberFormatTests {
    @Test(arguments: [
        (221_100_000, "221.100.000"),
        (-5_000, "-5.000"),
        (0, "0"),
        (999, "999"),
        (1_000, "1.000"),
        (-999_999, "-999.999"),
        (Int64.max, "9.223.372.036.854.775.807"),
        (Int64.min, "-9.223.372.036.854.775.808"),
    ] as [(Int64, String)])
    func grouped(value: Int64, text: String) {
        #expect(VietnameseNumberFormat.grouped(value) == text)
    }

    @Test(arguments: [
        (0.5, nil, "0,5"),
        (1_234.5, 2, "1.234,50"),
        (1_234.0, nil, "1.234"),
        (-1_234.5, nil, "-1.234,5"),
        (-0.5, nil, "-0,5"),
        (0, nil, "0"),
        (-0.0, 2, "0,00"),
        (221_100_000, 0, "221.100.000"),
        (1.005, 2, "1,01"),
        (0.1 + 0.2, nil, "0,3"),
        (1.0 / 3.0, nil, "0,333333"),
        (2.0 / 3.0, nil, "0,666667"),
        (999.999_999_6, nil, "1.000"),
        (0.000_000_1, nil, "0"),
        (-0.000_000_1, nil, "0"),
        (0.000_000_5, nil, "0,000001"),
        (9.5, 0, "10"),
        (12.345, 0, "12"),
        (0.05, 1, "0,1"),
        (0.004, 1, "0,0"),
        (1_234_567.891, 1, "1.234.567,9"),
        (2.5, -1, "3"),
        (1e20, nil, "100.000.000.000.000.000.000"),
        (1.5e-5, 5, "0,00002"),
    ] as [(Double, Int?, String)])
    func decimal(value: Double, fractionDigits: Int?, text: String) {
        #expect(VietnameseNumberFormat.decimal(value, fractionDigits: fractionDigits) == text)
    }

    @Test func decimalWithDefaultDigits() {
        #expect(VietnameseNumberFormat.decimal(0.5) == "0,5")
    }
}
