import Domain
import Foundation
import Templating
import VietnameseText

/// A member's place in a steering committee (Chức vụ BCĐ), read from the title the data file writes.
public enum CommitteeRole: Sendable, Equatable {
    /// Trưởng ban: chairs the committee; a committee has exactly one.
    case head
    /// Phó Trưởng ban (the Yên Hòa seed writes `Phó ban`), including a standing deputy (`Phó Trưởng ban thường trực`).
    case deputy
    /// Ủy viên thường trực, or just `Thường trực`.
    case standingMember
    /// Thư ký.
    case secretary
    /// Ủy viên.
    case member

    /// Reads a title as clerks write it, ignoring case, spacing and the old tone placement (`Uỷ viên`).
    /// Nil for a title that names none of the roles.
    public init?(title: String) {
        let words = VietnameseCase.lower(title).replacingOccurrences(of: "uỷ", with: "ủy")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch words {
        case "trưởng ban", "trưởng ban chỉ đạo": self = .head
        case _ where words.hasPrefix("phó trưởng ban") || words.hasPrefix("phó ban"): self = .deputy
        case "ủy viên thường trực", "thường trực": self = .standingMember
        case "thư ký", "ủy viên thư ký", "ủy viên kiêm thư ký": self = .secretary
        case "ủy viên": self = .member
        default: return nil
        }
    }
}

/// One member of a commune's steering committee, as the founding decision lists them (Điều 1) and as the attached
/// duty assignment (Phân công nhiệm vụ) gives each their work.
public struct CommitteeMember: Sendable, Decodable, Equatable {
    /// Full name (Họ tên), NFC.
    public var fullName: String
    /// Gender, when the data file gives it; it decides `Ông`/`Bà`.
    public var gender: Gender?
    /// `Ông` or `Bà` as the data file writes it, for lists that record only the form of address (the Yên Hòa seed).
    public var statedHonorific: String?
    /// Post held outside the committee (Chức vụ), such as `Chủ tịch UBND xã`; empty when none.
    public var position: String
    /// Title in the committee as the documents print it (Chức vụ BCĐ): `Trưởng ban`, `Phó ban`, `Ủy viên`…
    public var roleTitle: String
    /// The work assigned to the member (Công việc phụ trách), without the village in charge.
    public var duties: String
    /// The village the member is in charge of, when there is one; printed after the duties.
    public var villageInCharge: Village?

    enum CodingKeys: String, CodingKey {
        case fullName = "ho_ten", gender = "gioi_tinh", statedHonorific = "ong_ba", position = "chuc_vu"
        case roleTitle = "chuc_vu_bcd", duties = "nhiem_vu", villageInCharge = "phu_trach_thon"
    }

    public init(fullName: String, gender: Gender? = nil, statedHonorific: String? = nil, position: String = "",
                roleTitle: String, duties: String, villageInCharge: Village? = nil) {
        self.fullName = UnicodeNormalization.cleaned(fullName)
        self.gender = gender
        self.statedHonorific = UnicodeNormalization.cleaned(statedHonorific)
        self.position = UnicodeNormalization.cleaned(position)
        self.roleTitle = UnicodeNormalization.cleaned(roleTitle)
        self.duties = UnicodeNormalization.cleaned(duties)
        self.villageInCharge = villageInCharge
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A member without a village may write an empty name.
        let village = try c.decodeIfPresent(Village.self, forKey: .villageInCharge).flatMap { $0.name.isEmpty ? nil : $0 }
        self.init(
            fullName: try c.decodeIfPresent(String.self, forKey: .fullName) ?? "",
            gender: try c.decodeIfPresent(Gender.self, forKey: .gender),
            statedHonorific: try c.decodeIfPresent(String.self, forKey: .statedHonorific),
            position: try c.decodeIfPresent(String.self, forKey: .position) ?? "",
            roleTitle: try c.decodeIfPresent(String.self, forKey: .roleTitle) ?? "",
            duties: try c.decodeIfPresent(String.self, forKey: .duties) ?? "",
            villageInCharge: village)
    }

    /// The role the title names; nil when the title is not one the committee knows.
    public var role: CommitteeRole? { CommitteeRole(title: roleTitle) }

    /// `Ông` or `Bà`: from the gender when given, else from the stated form (the seed's `Ông:` read as `Ông`);
    /// nil when neither says.
    public var honorific: String? {
        if let gender { return Honorific.title(for: gender) }
        return statedHonorific.flatMap(Self.readHonorific).map(Honorific.title(for:))
    }

    /// The duty cell of the assignment table: the duties, then `Phụ trách thôn …` when the member has a village.
    public var assignment: String {
        guard let village = villageInCharge else { return duties }
        var text = duties
        if let last = text.last, !".;!?".contains(last) {
            // The seed joins the village with a comma as often as with a full stop: the table uses a full stop.
            if last == "," { text.removeLast() }
            text += "."
        }
        return (text.isEmpty ? "" : text + " ") + "Phụ trách \(village.displayName)."
    }

    /// The gender an `Ông`/`Bà` text stands for, ignoring case and a trailing colon; nil for any other text.
    static func readHonorific(_ text: String) -> Gender? {
        var word = Substring(VietnameseCase.lower(text)).trimmingWhitespace()
        while word.last == ":" || word.last == "." { word = word.dropLast().trimmingWhitespace() }
        switch word {
        case "ông": return .male
        case "bà": return .female
        default: return nil
        }
    }
}

/// A commune's steering committee for digital transformation (Ban chỉ đạo chuyển đổi số): its members in the order
/// of the decision.
public struct SteeringCommittee: Sendable, Decodable, Equatable {
    public var members: [CommitteeMember]

    enum CodingKeys: String, CodingKey { case members = "thanh_vien" }

    public init(members: [CommitteeMember]) {
        self.members = members
    }

    /// The chair (Trưởng ban); nil until the committee is valid.
    public var head: CommitteeMember? { members.first { $0.role == .head } }

    public func count(of role: CommitteeRole) -> Int { members.count(where: { $0.role == role }) }

    /// Checks what a clerk can get wrong, naming the field with `path` (`ban_chi_dao`) in front: an empty list, a
    /// member without a name, an unknown committee title, a missing `Ông`/`Bà`, a member without duties, and anything
    /// but exactly one Trưởng ban.
    public func validate(path: String) throws(DomainDataError) {
        guard !members.isEmpty else {
            throw DomainDataError(message: "Trường “\(path).thanh_vien” không có thành viên nào.")
        }
        var heads: [String] = []
        for (index, member) in members.enumerated() {
            let field = "\(path).thanh_vien[\(index + 1)]"
            let who = member.fullName.isEmpty ? "" : " (\(member.fullName))"
            guard !member.fullName.isEmpty else {
                throw DomainDataError(message: "Trường “\(field).ho_ten” không được để trống.")
            }
            guard !member.roleTitle.isEmpty else {
                throw DomainDataError(message: "Trường “\(field).chuc_vu_bcd”\(who) không được để trống: ghi Trưởng ban, Phó Trưởng ban, Ủy viên thường trực, Thư ký hoặc Ủy viên.")
            }
            guard let role = member.role else {
                throw DomainDataError(message: "Trường “\(field).chuc_vu_bcd”\(who) có giá trị “\(member.roleTitle)” không phải chức vụ trong Ban chỉ đạo: ghi Trưởng ban, Phó Trưởng ban (Phó ban), Ủy viên thường trực, Thư ký hoặc Ủy viên.")
            }
            if role == .head { heads.append("\(field) \(member.fullName)") }
            if let stated = member.statedHonorific {
                guard let statedGender = CommitteeMember.readHonorific(stated) else {
                    throw DomainDataError(message: "Trường “\(field).ong_ba”\(who) phải là “Ông” hoặc “Bà”, không phải “\(stated)”.")
                }
                if let gender = member.gender, gender != statedGender {
                    throw DomainDataError(message: "Trường “\(field).ong_ba”\(who) là “\(stated)” nhưng “\(field).gioi_tinh” là “\(gender.rawValue)”: hai trường phải khớp nhau.")
                }
            } else if member.gender == nil {
                throw DomainDataError(message: "Thành viên “\(field)”\(who) thiếu cách xưng hô: ghi “gioi_tinh” (nam hoặc nu) hoặc “ong_ba” (Ông hoặc Bà).")
            }
            guard !member.duties.isEmpty else {
                throw DomainDataError(message: "Trường “\(field).nhiem_vu”\(who) không được để trống: mỗi thành viên Ban chỉ đạo phải được phân công nhiệm vụ.")
            }
        }
        switch heads.count {
        case 1: break
        case 0:
            throw DomainDataError(message: "Ban chỉ đạo chưa có Trưởng ban: một thành viên trong “\(path).thanh_vien” phải có “chuc_vu_bcd” là “Trưởng ban”.")
        default:
            throw DomainDataError(message: "Ban chỉ đạo chỉ có một Trưởng ban, nhưng “\(path).thanh_vien” có \(heads.count): \(heads.joined(separator: "; ")).")
        }
    }
}

/// The data file of a steering-committee decision: the commune, the committee and the decision's issuance details
/// (samples/yen-hoa-ban-chi-dao.json).
public struct SteeringCommitteeDecisionData: Sendable, Decodable, Equatable {
    public var commune: Commune
    public var committee: SteeringCommittee
    public var issuance: Issuance

    enum CodingKeys: String, CodingKey { case commune = "xa", committee = "ban_chi_dao", issuance = "van_ban" }

    /// Decodes and validates a data file.
    public static func decode(json: Data) throws(DomainDataError) -> SteeringCommitteeDecisionData {
        let data = try decodeDomain(SteeringCommitteeDecisionData.self, from: json)
        try data.committee.validate(path: CodingKeys.committee.rawValue)
        return data
    }
}

/// Template 4: the decision of the commune's People's Committee founding its steering committee for digital
/// transformation, with the members in Điều 1 and the duty assignment attached (the Yên Hòa decision of seed 003).
public struct SteeringCommitteeDecision: DocumentKind {
    public let id = "quyet-dinh-ban-chi-dao"
    public let title = "Quyết định thành lập Ban chỉ đạo chuyển đổi số của xã, kèm phân công nhiệm vụ các thành viên"
    public let typeCode = "QĐ"
    public let typeName = "Quyết định"
    public let sample = "samples/yen-hoa-ban-chi-dao.json"
    public let fieldDescriptions = [
        "de_nghi": "Cơ quan đề nghị (`Xét đề nghị của …`, như tài liệu 003); không có thì bỏ cả dòng.",
        "thanh_vien": "Các thành viên Ban chỉ đạo theo thứ tự Điều 1; bảng phân công nhiệm vụ dùng cùng thứ tự.",
        "thanh_vien.ong_ba": "`Ông` hoặc `Bà`: theo `gioi_tinh` khi dữ liệu có, nếu không theo `ong_ba` của dữ liệu.",
        "thanh_vien.ho_ten": "Họ và tên.",
        "thanh_vien.chuc_vu": "Chức vụ ở cơ quan, đoàn thể (`Chủ tịch MTTQ xã`).",
        "thanh_vien.chuc_vu_bcd": "Chức vụ trong Ban chỉ đạo như dữ liệu ghi (`Trưởng ban`, `Phó ban`, `Ủy viên`).",
        "thanh_vien.nhiem_vu": "Nhiệm vụ được phân công, như dữ liệu ghi, không kèm thôn phụ trách.",
        "thanh_vien.phu_trach_thon": "Thôn phụ trách, có loại (`thôn Lạc Hiền`); trống khi không có.",
        "thanh_vien.cong_viec_phu_trach": "Ô “Công việc phụ trách”: nhiệm vụ, rồi `Phụ trách thôn …` khi có thôn phụ trách.",
        "so_thanh_vien": "Số thành viên Ban chỉ đạo.",
        "so_pho_truong_ban": "Số Phó Trưởng ban.",
        "so_uy_vien": "Số thành viên không phải Trưởng ban hay Phó Trưởng ban.",
        "truong_ban": "Họ tên Trưởng ban (đúng một người).",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        let data = try SteeringCommitteeDecisionData.decode(json: json)
        let committee = data.committee
        let header = DocumentHeader(commune: data.commune, issuance: data.issuance)
        var fields = header.fields
        fields["thanh_vien"] = .list(committee.members.map(Self.row))
        fields["so_thanh_vien"] = .int(Int64(committee.members.count))
        fields["so_pho_truong_ban"] = .int(Int64(committee.count(of: .deputy)))
        fields["so_uy_vien"] = .int(Int64(committee.members.count - committee.count(of: .head) - committee.count(of: .deputy)))
        if let head = committee.head { fields["truong_ban"] = .string(head.fullName) }
        let name = CommonFields.documentName(id, commune: data.commune)
        return [DocumentValues(name: name, values: .object(fields), header: header)]
    }

    static func row(_ member: CommitteeMember) -> TemplateValue {
        .object([
            "ong_ba": .string(member.honorific ?? ""),
            "ho_ten": .string(member.fullName),
            "chuc_vu": .string(member.position),
            "chuc_vu_bcd": .string(member.roleTitle),
            "nhiem_vu": .string(member.duties),
            "phu_trach_thon": .string(member.villageInCharge?.displayName ?? ""),
            "cong_viec_phu_trach": .string(member.assignment),
        ])
    }
}
