import VietnameseText

/// A member's role in a team, as the decision names it.
public enum TeamRole: String, Sendable, Codable, CaseIterable {
    /// Tổ trưởng: leads the team; every team has exactly one.
    case leader = "to_truong"
    /// Tổ phó.
    case deputy = "to_pho"
    /// Tổ viên.
    case member = "to_vien"

    /// The role's name in documents.
    public var title: String {
        switch self {
        case .leader: "Tổ trưởng"
        case .deputy: "Tổ phó"
        case .member: "Tổ viên"
        }
    }
}

/// One person on a team's member list.
public struct Member: Sendable, Codable, Equatable {
    /// Full name (Họ tên).
    public var fullName: String
    public var gender: Gender?
    /// Position outside the team (Chức vụ), such as `Trưởng thôn` or `CC VP - TK`; empty when none.
    public var position: String
    public var role: TeamRole
    /// Address (Địa chỉ): usually the village, or `UBND xã` for commune staff.
    public var address: String
    /// The village the member is in charge of (Phụ trách thôn); empty when none.
    public var villageInCharge: String
    /// Member of the Hồ Chí Minh Communist Youth Union (đoàn viên).
    public var youthUnion: Bool
    /// Member of the Women's Union (hội viên Hội Phụ nữ).
    public var womensUnion: Bool
    public var phone: String?

    enum CodingKeys: String, CodingKey {
        case fullName = "ho_ten", gender = "gioi_tinh", position = "chuc_vu", role = "vai_tro", address = "dia_chi"
        case villageInCharge = "phu_trach_thon", youthUnion = "doan_vien", womensUnion = "hoi_phu_nu", phone = "dien_thoai"
    }

    public init(fullName: String, gender: Gender? = nil, position: String = "", role: TeamRole = .member, address: String = "",
                villageInCharge: String = "", youthUnion: Bool = false, womensUnion: Bool = false, phone: String? = nil) {
        self.fullName = UnicodeNormalization.nfc(fullName)
        self.gender = gender
        self.position = UnicodeNormalization.nfc(position)
        self.role = role
        self.address = UnicodeNormalization.nfc(address)
        self.villageInCharge = UnicodeNormalization.nfc(villageInCharge)
        self.youthUnion = youthUnion
        self.womensUnion = womensUnion
        self.phone = phone
    }

    /// Missing optional fields take their defaults; text is NFC whatever the file had.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fullName: try c.decode(String.self, forKey: .fullName),
            gender: try c.decodeIfPresent(Gender.self, forKey: .gender),
            position: try c.decodeIfPresent(String.self, forKey: .position) ?? "",
            role: try c.decodeIfPresent(TeamRole.self, forKey: .role) ?? .member,
            address: try c.decodeIfPresent(String.self, forKey: .address) ?? "",
            villageInCharge: try c.decodeIfPresent(String.self, forKey: .villageInCharge) ?? "",
            youthUnion: try c.decodeIfPresent(Bool.self, forKey: .youthUnion) ?? false,
            womensUnion: try c.decodeIfPresent(Bool.self, forKey: .womensUnion) ?? false,
            phone: try c.decodeIfPresent(String.self, forKey: .phone))
    }

    /// Positions that make a person the head of their village (trưởng thôn, ấp, khóm, bản, bon, buôn, xóm, làng,
    /// khu phố, or tổ trưởng tổ dân phố). A deputy head (phó trưởng thôn) is not one.
    public var isVillageHead: Bool {
        let words = VietnameseCase.lower(position).singleSpaced
        if words == "tổ trưởng tổ dân phố" || words == "trưởng tổ dân phố" { return true }
        guard words.hasPrefix("trưởng ") else { return false }
        let kind = words.dropFirst("trưởng ".count)
        return Self.villageKinds.contains(String(kind))
    }

    static let villageKinds: Set<String> = ["thôn", "ấp", "khóm", "bản", "bon", "buôn", "xóm", "làng", "khu phố", "thôn bản", "khối phố"]
}
