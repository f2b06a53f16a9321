import Domain
import Foundation
import Templating
import VietnameseText

/// The data file of a founding decision: the commune, its teams and the decision's issuance details
/// (samples/gia-cat-to.json).
public struct FoundingDecisionData: Sendable, Decodable, Equatable {
    public var commune: Commune
    public var teams: [Team]
    /// What the commune calls its teams, without the village: `Tổ Công nghệ số cộng đồng` (the central name) unless
    /// the province uses another, such as Lạng Sơn's `Tổ công nghệ cộng đồng phát triển kinh tế số`.
    public var teamName: String
    public var issuance: Issuance

    public static let centralTeamName = "Tổ Công nghệ số cộng đồng"

    enum CodingKeys: String, CodingKey { case commune = "xa", teams = "to", teamName = "ten_to", issuance = "van_ban" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        commune = try c.decode(Commune.self, forKey: .commune)
        teams = try c.decode([Team].self, forKey: .teams)
        teamName = UnicodeNormalization.cleaned(try c.decodeIfPresent(String.self, forKey: .teamName)) ?? Self.centralTeamName
        issuance = try c.decode(Issuance.self, forKey: .issuance)
    }

    public static func decode(json: Data) throws(DomainDataError) -> FoundingDecisionData {
        let data = try decodeDomain(FoundingDecisionData.self, from: json)
        guard !data.teams.isEmpty else { throw DomainDataError(message: "Trường “to” không có tổ nào.") }
        return data
    }

    /// One commune's data (an object) or several communes' (a list of such objects, as a district or province
    /// exports them).
    public static func decodeAll(json: Data) throws(DomainDataError) -> [FoundingDecisionData] {
        guard json.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "[") else {
            return [try decode(json: json)]
        }
        let all = try decodeDomain([FoundingDecisionData].self, from: json)
        guard !all.isEmpty else { throw DomainDataError(message: "Danh sách xã trống: không có văn bản nào để tạo.") }
        for (index, data) in all.enumerated() where data.teams.isEmpty {
            throw DomainDataError(message: "Trường “[\(index + 1)].to” không có tổ nào.")
        }
        return all
    }

    public var communeTeams: CommuneTeams { CommuneTeams(commune: commune, teams: teams) }

    /// The teams checked against the policy the commune names.
    static func violations(in all: [FoundingDecisionData], context: DocumentContext) throws(DomainDataError) -> [Violation] {
        var violations: [Violation] = []
        for data in all {
            guard let policy = context.policies[data.commune.policy] else {
                let known = context.policies.keys.sorted().joined(separator: ", ")
                throw DomainDataError(message: "Không có chính sách “\(data.commune.policy)” (trường “xa.chinh_sach” của \(data.commune.kind) \(data.commune.name)); có: \(known.isEmpty ? "không có chính sách nào" : known).")
            }
            let found = TeamValidator.validate(data.communeTeams, policy: policy)
            // Several communes in one file: say which commune each violation is in.
            violations += all.count == 1 ? found : found.map { $0.prefixed("\(VietnameseCase.capitalizedFirst(data.commune.kind)) \(data.commune.name): ") }
        }
        return violations
    }
}

/// Template 1: the founding decision of one village's team, with its member list attached. A data file with many
/// teams makes one decision per team (Sóc Trăng: 775 decisions in one run).
public struct TeamFoundingDecision: DocumentKind {
    public let id = "quyet-dinh-thanh-lap-to"
    public let title = "Quyết định thành lập Tổ Công nghệ số cộng đồng của một thôn, kèm danh sách thành viên"
    public let typeCode = "QĐ"
    public let typeName = "Quyết định"

    public func subject(of document: DocumentValues) -> String { foundingSubject(document, otherwise: title) }
    public let sample = "samples/gia-cat-to.json"
    public let fieldDescriptions = [
        "ten_to": "Tên đầy đủ của Tổ: tên gọi của tỉnh (`ten_to` trong dữ liệu, mặc định `Tổ Công nghệ số cộng đồng`) và thôn.",
        "thon": "Thôn của Tổ, có loại (`thôn Bắc Nga`, `ấp An 1`).",
        "so_thanh_vien": "Số thành viên của Tổ.",
        "nhom_mang_xa_hoi": "Tên nhóm mạng xã hội riêng của Tổ theo mẫu của tỉnh (chính sách có `chat_group.scope: team`).",
        "nhom_chung_xa": "Tên nhóm chung của xã mà Tổ tham gia (chính sách có `chat_group.scope: commune`).",
        "thanh_vien": "Danh sách thành viên, theo thứ tự trong dữ liệu.",
        "thanh_vien.ho_ten": "Họ và tên.",
        "thanh_vien.chuc_vu": "Chức vụ ở thôn (`Trưởng thôn`, `Bí thư Chi đoàn`); có thể trống.",
        "thanh_vien.vai_tro": "Nhiệm vụ trong Tổ: `Tổ trưởng`, `Tổ phó` hoặc `Tổ viên`.",
        "thanh_vien.dien_thoai": "Số điện thoại; có thể trống.",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        documents(for: try FoundingDecisionData.decodeAll(json: json), context: context)
    }

    public func prepare(from json: Data, context: DocumentContext) throws(DomainDataError) -> DocumentBatch {
        let all = try FoundingDecisionData.decodeAll(json: json)
        return DocumentBatch(documents: documents(for: all, context: context),
                             violations: try FoundingDecisionData.violations(in: all, context: context))
    }

    /// The teams of every commune in the file checked against their policies.
    public func violations(from json: Data, context: DocumentContext) throws(DomainDataError) -> [Violation] {
        try FoundingDecisionData.violations(in: FoundingDecisionData.decodeAll(json: json), context: context)
    }

    func documents(for all: [FoundingDecisionData], context: DocumentContext) -> [DocumentValues] {
        var used: [String: Int] = [:]
        return all.flatMap { data in
            // With several communes in one file the commune goes into the file name too.
            let prefix = all.count == 1 ? id : CommonFields.documentName(id, commune: data.commune)
            return documents(for: data, context: context, prefix: prefix, used: &used)
        }
    }

    func documents(for data: FoundingDecisionData, context: DocumentContext, prefix: String, used: inout [String: Int]) -> [DocumentValues] {
        let header = DocumentHeader(commune: data.commune, issuance: data.issuance)
        let policy = context.policies[data.commune.policy]
        return data.teams.map { team in
            var fields = header.fields
            fields["thon"] = .string(team.village.displayName)
            fields["ten_to"] = .string("\(data.teamName) \(team.village.displayName)")
            fields["thanh_vien"] = .list(team.members.map(Self.row))
            fields["so_thanh_vien"] = .int(Int64(team.members.count))
            if let leader = team.leaders.first { fields["to_truong"] = .string(leader.fullName) }
            // A team-scope group gathers the village's households; a commune-scope group is one the team joins.
            if let policy, let group = policy.chatGroupName(commune: data.commune, team: team) {
                fields[policy.chatGroup?.scope == .team ? "nhom_mang_xa_hoi" : "nhom_chung_xa"] = .string(group)
            }
            var name = "\(prefix)-\(CommonFields.slug(team.village.displayName))"
            used[name, default: 0] += 1
            if let count = used[name], count > 1 { name += "-\(count)" }
            return DocumentValues(name: name, values: .object(fields), header: header)
        }
    }

    static func row(_ member: Member) -> TemplateValue {
        .object([
            "ho_ten": .string(member.fullName),
            "ong_ba": .string(member.gender.map(Honorific.title(for:)) ?? ""),
            "chuc_vu": .string(member.position),
            "vai_tro": .string(member.role.title),
            "dien_thoai": .string(member.phone ?? ""),
        ])
    }
}

/// Template 2: one decision founding the teams of every village of a commune at once, with one member list in
/// village order (the Gia Cát decision of seed 003).
public struct CommuneTeamsFoundingDecision: DocumentKind {
    public let id = "quyet-dinh-thanh-lap-cac-to"
    public let title = "Quyết định thành lập các Tổ Công nghệ số cộng đồng của cả xã, kèm một danh sách theo thôn"
    public let typeCode = "QĐ"
    public let typeName = "Quyết định"

    public func subject(of document: DocumentValues) -> String { foundingSubject(document, otherwise: title) }
    public let sample = "samples/gia-cat-to.json"
    public let fieldDescriptions = [
        "ten_to": "Tên chung của các Tổ kèm tên xã (`Tổ công nghệ cộng đồng phát triển kinh tế số xã Gia Cát`).",
        "so_thanh_vien": "Tổng số thành viên của mọi Tổ (dòng `Danh sách ấn định … người`).",
        "thanh_vien": "Một danh sách chung, theo thứ tự thôn rồi thứ tự trong Tổ (như danh sách Gia Cát, tài liệu 003).",
        "thanh_vien.ho_ten": "Họ và tên.",
        "thanh_vien.chuc_vu": "Chức vụ ở thôn (`Trưởng thôn`); có thể trống.",
        "thanh_vien.dia_chi": "Địa chỉ; tên thôn khi dữ liệu không ghi.",
        "thanh_vien.phu_trach_thon": "Thôn người đó phụ trách (thường ghi ở dòng Tổ trưởng).",
        "thanh_vien.ghi_chu": "`Tổ trưởng` hoặc `Tổ phó`; trống với Tổ viên.",
    ]

    public init() {}

    public func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues] {
        documents(for: try FoundingDecisionData.decode(json: json))
    }

    public func prepare(from json: Data, context: DocumentContext) throws(DomainDataError) -> DocumentBatch {
        let data = try FoundingDecisionData.decode(json: json)
        return DocumentBatch(documents: documents(for: data), violations: try FoundingDecisionData.violations(in: [data], context: context))
    }

    /// The teams checked against the commune's policy.
    public func violations(from json: Data, context: DocumentContext) throws(DomainDataError) -> [Violation] {
        try FoundingDecisionData.violations(in: [FoundingDecisionData.decode(json: json)], context: context)
    }

    /// The fields of a member's row, in key order.
    static let rowKeys = ["chuc_vu", "dia_chi", "ghi_chu", "ho_ten", "ong_ba", "phu_trach_thon", "thon"]

    func documents(for data: FoundingDecisionData) -> [DocumentValues] {
        let header = DocumentHeader(commune: data.commune, issuance: data.issuance)
        var fields = header.fields
        fields["ten_to"] = .string("\(data.teamName) \(data.commune.kind) \(data.commune.name)")
        var rows: [TemplateValue] = []
        for team in data.teams {
            let village = TemplateValue.string(team.village.displayName)
            for member in team.members {
                // The seed marks only the leader in Ghi chú and names the village in charge on the leader's row.
                rows.append(.object(TemplateObject(sortedKeys: Self.rowKeys, values: [
                    .string(member.position),
                    .string(member.address.isEmpty ? team.village.name : member.address),
                    .string(member.role == .member ? "" : member.role.title),
                    .string(member.fullName),
                    .string(member.gender.map(Honorific.title(for:)) ?? ""),
                    .string(member.villageInCharge),
                    village,
                ])))
            }
        }
        fields["thanh_vien"] = .list(rows)
        fields["so_thanh_vien"] = .int(Int64(rows.count))
        fields["so_to"] = .int(Int64(data.teams.count))
        return [DocumentValues(name: CommonFields.documentName(id, commune: data.commune), values: .object(fields), header: header)]
    }
}

/// "Thành lập" and the team's name (`ten_to`), as a founding decision's subject line reads.
private func foundingSubject(_ document: DocumentValues, otherwise title: String) -> String {
    guard case let .string(team)? = document.values["ten_to"], !team.isEmpty else { return title }
    return "Thành lập \(team)"
}
