/// How Vietnamese legal and administrative texts number their parts (Decree 30 and the seeds): chapters and parts in
/// Roman numerals, points of a clause in letters.
public enum LegalNumbering {
    /// The letters of points: the Vietnamese alphabet without the letters with marks other than đ (a, b, c, d, đ, e,
    /// g, h, i, k…); f, j, w and z are not used.
    public static let pointLetters = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q",
                                      "r", "s", "t", "u", "v", "x", "y"]

    /// A number in Roman numerals (1 → `I`, 4 → `IV`, 14 → `XIV`), for 1 through 3999.
    public static func roman(_ number: Int) -> String {
        precondition(number > 0 && number < 4000, "Roman numerals run from 1 to 3999")
        let symbols: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var text = ""
        for (value, symbol) in symbols {
            while rest >= value {
                text += symbol
                rest -= value
            }
        }
        return text
    }
}

extension LegalNumbering {
    /// A register number as written before its code: a leading zero below 10 (`05/QĐ-UBND`, DOMAIN.md §6).
    public static func documentNumber(_ number: Int) -> String {
        number >= 0 && number < 10 ? "0\(number)" : String(number)
    }
}
