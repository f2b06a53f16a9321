import VietnameseText

/// A village (thôn, ấp, khóm, bản, bon, tổ dân phố…) of a commune: each has one team.
public struct Village: Sendable, Codable, Equatable, Hashable {
    public var name: String
    /// The kind as documents write it before the name: `thôn`, `ấp`, `khóm`, `bon`, `tổ dân phố`.
    public var kind: String

    enum CodingKeys: String, CodingKey { case name = "ten", kind = "loai" }

    public init(name: String, kind: String = "thôn") {
        self.name = UnicodeNormalization.nfc(name)
        self.kind = UnicodeNormalization.nfc(kind)
    }

    /// Either a plain name, which means a thôn (`"Bắc Nga"`), or `{"ten": "An 1", "loai": "ấp"}` for an ấp, khóm, bản,
    /// bon or tổ dân phố. Text is cleaned (NFC, trimmed).
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self.init(name: UnicodeNormalization.cleaned(name))
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(name: UnicodeNormalization.cleaned(try c.decode(String.self, forKey: .name)),
                  kind: UnicodeNormalization.cleaned(try c.decodeIfPresent(String.self, forKey: .kind)) ?? "thôn")
    }

    /// `thôn Bắc Nga`.
    public var displayName: String { "\(kind) \(name)" }
}

/// A village's Community Digital Technology Team and its members, in list order.
public struct Team: Sendable, Codable, Equatable {
    public var village: Village
    public var members: [Member]

    enum CodingKeys: String, CodingKey { case village = "thon", members = "thanh_vien" }

    public init(village: Village, members: [Member]) {
        self.village = village
        self.members = members
    }

    /// `Tổ thôn Bắc Nga`, as messages name a team.
    public var displayName: String { "Tổ \(village.displayName)" }

    public var leaders: [Member] { members.filter { $0.role == .leader } }
}

/// The commune issuing the documents: the names its header, date line and signature block need.
public struct Commune: Sendable, Codable, Equatable {
    /// `Gia Cát`.
    public var name: String
    /// `xã`, `phường` or `thị trấn`.
    public var kind: String
    /// District, for communes from before the 2025 reorganisation; nil when there is none.
    public var district: String?
    public var province: String
    /// First header line (cơ quan chủ quản), such as `UBND huyện Cao Lộc`; nil when the commune's body stands alone.
    public var governingBody: String?
    /// Place name of the date line (địa danh), usually the commune's name.
    public var placeName: String
    /// The chairman who signs, with the title as the signature block writes it.
    public var chairman: String
    /// The id of the province policy its teams follow (a file in `policies/`).
    public var policy: String

    enum CodingKeys: String, CodingKey {
        case name = "ten", kind = "loai", district = "huyen", province = "tinh", governingBody = "co_quan_chu_quan"
        case placeName = "dia_danh", chairman = "chu_tich", policy = "chinh_sach"
    }

    public init(name: String, kind: String = "xã", district: String? = nil, province: String, governingBody: String? = nil,
                placeName: String? = nil, chairman: String, policy: String) {
        self.name = UnicodeNormalization.nfc(name)
        self.kind = UnicodeNormalization.nfc(kind)
        self.district = district.map(UnicodeNormalization.nfc)
        self.province = UnicodeNormalization.nfc(province)
        self.governingBody = governingBody.map(UnicodeNormalization.nfc)
        self.placeName = UnicodeNormalization.nfc(placeName ?? name)
        self.chairman = UnicodeNormalization.nfc(chairman)
        self.policy = policy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decode(String.self, forKey: .name),
            kind: try c.decodeIfPresent(String.self, forKey: .kind) ?? "xã",
            district: try c.decodeIfPresent(String.self, forKey: .district),
            province: try c.decode(String.self, forKey: .province),
            governingBody: try c.decodeIfPresent(String.self, forKey: .governingBody),
            placeName: try c.decodeIfPresent(String.self, forKey: .placeName),
            chairman: try c.decode(String.self, forKey: .chairman),
            policy: try c.decode(String.self, forKey: .policy))
    }
}

/// A commune and the teams of its villages: the data of a founding decision for every village at once.
public struct CommuneTeams: Sendable, Codable, Equatable {
    public var commune: Commune
    public var teams: [Team]

    enum CodingKeys: String, CodingKey { case commune = "xa", teams = "to" }

    public init(commune: Commune, teams: [Team]) {
        self.commune = commune
        self.teams = teams
    }
}
