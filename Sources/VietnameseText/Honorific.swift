/// A person's gender as recorded in member lists; the raw values are the Vietnamese words without diacritics.
public enum Gender: String, Sendable, Codable {
    case male = "nam"
    case female = "nu"
}

/// Forms of address used before a person's name in decisions and member lists.
public enum Honorific {
    /// "Ông" for male, "Bà" for female.
    public static func title(for gender: Gender) -> String {
        switch gender {
        case .male: "Ông"
        case .female: "Bà"
        }
    }
}
