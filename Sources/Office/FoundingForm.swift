import Documents
import Domain
import Foundation
import VietnameseText

/// The form with which a clerk founds one village's team (kind `quyet-dinh-thanh-lap-to`): the village, the member
/// table row by row, and the decision's fixed parts. It holds what was typed, even when it is not valid yet, and
/// turns into the kind's data file only when saved or previewed.
public struct FoundingForm: Sendable, Equatable {
    public static let kind = "quyet-dinh-thanh-lap-to"

    /// One line of the member table as typed. Rows left wholly blank are not members: they are dropped from the data.
    public struct Row: Sendable, Equatable {
        public var fullName = ""
        public var gender: Gender?
        public var position = ""
        public var role: TeamRole = .member
        public var youthUnion = false
        public var phone = ""
        /// Kept from an imported list or an earlier draft, not shown in the table.
        public var address = ""
        public var villageInCharge = ""
        public var womensUnion = false

        public init() {}

        public init(_ member: Member) {
            fullName = member.fullName
            gender = member.gender
            position = member.position
            role = member.role
            youthUnion = member.youthUnion
            phone = member.phone ?? ""
            address = member.address
            villageInCharge = member.villageInCharge
            womensUnion = member.womensUnion
        }

        /// Nothing typed or chosen that says who the member is. The role alone does not count, so a new form's
        /// first row, preset to Tổ trưởng, is not reported as a nameless member before anything is typed.
        public var isBlank: Bool {
            fullName.trimmingWhitespace().isEmpty && position.trimmingWhitespace().isEmpty
                && phone.trimmingWhitespace().isEmpty && gender == nil && !youthUnion
        }

        var member: Member {
            Member(fullName: UnicodeNormalization.cleaned(fullName), gender: gender,
                   position: UnicodeNormalization.cleaned(position), role: role,
                   address: UnicodeNormalization.cleaned(address), villageInCharge: UnicodeNormalization.cleaned(villageInCharge),
                   youthUnion: youthUnion, womensUnion: womensUnion,
                   phone: phone.trimmingWhitespace().isEmpty ? nil : String(phone.trimmingWhitespace()))
        }
    }

    /// The village's name, as the commune's profile lists it.
    public var village: String
    public var rows: [Row]
    public var year: Int
    /// The province's name for the teams (`ten_to`).
    public var teamName: String
    /// One `Căn cứ` per line, as typed.
    public var legalBases: String
    public var proposer: String
    /// One recipient per line, as typed.
    public var recipients: String
    public var signerName: String
    public var signerTitle: String

    public init(village: String, rows: [Row], year: Int, teamName: String, legalBases: String, proposer: String,
                recipients: String, signerName: String, signerTitle: String) {
        self.village = village
        self.rows = rows
        self.year = year
        self.teamName = teamName
        self.legalBases = legalBases
        self.proposer = proposer
        self.recipients = recipients
        self.signerName = signerName
        self.signerTitle = signerTitle
    }

    /// A new form: the commune's fixed parts, and three blank rows, the first for the leader.
    public static func blank(_ profile: CommuneProfile, year: Int) -> FoundingForm {
        let defaults = profile.founding ?? FoundingDefaults()
        var leader = Row()
        leader.role = .leader
        return FoundingForm(
            village: "", rows: [leader, Row(), Row()], year: year,
            teamName: defaults.teamName ?? FoundingDecisionData.centralTeamName,
            legalBases: defaults.legalBases.joined(separator: "\n"), proposer: defaults.proposer ?? "",
            recipients: defaults.recipients.joined(separator: "\n"),
            signerName: defaults.signer?.name ?? profile.commune.chairman, signerTitle: defaults.signer?.title ?? "Chủ tịch")
    }

    /// The form of a draft's data file: one team, as the form writes it.
    public init(data: Data) throws {
        let decoded: FoundingDecisionData
        do {
            decoded = try FoundingDecisionData.decode(json: data)
        } catch {
            throw OfficeError.badData(error.message)
        }
        guard decoded.teams.count == 1, let team = decoded.teams.first else {
            throw OfficeError.badData("Dữ liệu có \(decoded.teams.count) tổ; biểu mẫu chỉ sửa quyết định của một tổ.")
        }
        let issuance = decoded.issuance
        self.init(village: team.village.name, rows: team.members.map(Row.init), year: issuance.year,
                  teamName: decoded.teamName, legalBases: issuance.legalBases.joined(separator: "\n"),
                  proposer: issuance.proposer ?? "", recipients: issuance.recipients.joined(separator: "\n"),
                  signerName: issuance.signer?.name ?? decoded.commune.chairman, signerTitle: issuance.signer?.title ?? "Chủ tịch")
    }

    // MARK: Editing the table

    public enum Edit: Sendable, Equatable {
        case add
        case remove(Int)
        case up(Int)
        case down(Int)
    }

    /// Applies a button of the table; an index outside it changes nothing. The table keeps at least one row.
    public mutating func apply(_ edit: Edit) {
        switch edit {
        case .add:
            rows.append(Row())
        case .remove(let index) where rows.indices.contains(index):
            rows.remove(at: index)
            if rows.isEmpty { rows.append(Row()) }
        case .up(let index) where index > 0 && rows.indices.contains(index):
            rows.swapAt(index, index - 1)
        case .down(let index) where rows.indices.contains(index) && index + 1 < rows.count:
            rows.swapAt(index, index + 1)
        default:
            break
        }
    }

    /// Replaces the table with the members of an imported list: the team of the chosen village, or the list's only
    /// team (whose village the form then takes when none is chosen). Returns what happened, in Vietnamese.
    public mutating func importMembers(_ result: MemberImport.Result, fileName: String) throws -> String {
        let chosen = UnicodeNormalization.cleaned(village)
        let team: Team
        if let match = result.teams.first(where: { CommuneProfile.sameVillage($0.village.name, chosen) }) {
            team = match
        } else if result.teams.count == 1, let only = result.teams.first {
            team = only
            if chosen.isEmpty { village = only.village.name }
        } else if result.teams.isEmpty {
            throw OfficeError.badData("\(fileName) không có thành viên nào đọc được.")
        } else {
            let names = result.teams.map(\.village.displayName).joined(separator: ", ")
            throw OfficeError.badData("\(fileName) có danh sách của \(result.teams.count) thôn (\(names)); hãy chọn thôn trước rồi nhập lại.")
        }
        rows = team.members.map(Row.init)
        if rows.isEmpty { rows = [Row()] }
        return "Đã nhập \(team.members.count) thành viên từ \(fileName)."
    }

    // MARK: The data file

    /// The rows that are members, with their index in the table.
    var memberRows: [(index: Int, row: Row)] { rows.enumerated().filter { !$0.element.isBlank }.map { ($0.offset, $0.element) } }

    /// The village the form names: the commune's own entry when its list has it (so its kind too), else a thôn of
    /// that name; nil when none is chosen.
    public func chosenVillage(in profile: CommuneProfile) -> Village? {
        let name = UnicodeNormalization.cleaned(village)
        guard !name.isEmpty else { return nil }
        return profile.village(named: name) ?? Village(name: name)
    }

    private static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { UnicodeNormalization.cleaned(String($0)) }.filter { !$0.isEmpty }
    }

    /// The kind's data file for this form.
    public func data(_ profile: CommuneProfile) throws -> Data {
        guard let village = chosenVillage(in: profile) else {
            throw OfficeError.badData("Chưa chọn thôn của Tổ.")
        }
        let signer = signerName.trimmingWhitespace().isEmpty
            ? nil : Signer(name: UnicodeNormalization.cleaned(signerName), title: UnicodeNormalization.cleaned(signerTitle))
        let proposerText = UnicodeNormalization.cleaned(proposer)
        let payload = Payload(
            commune: profile.commune, teamName: UnicodeNormalization.cleaned(teamName),
            issuance: Issuance(year: year, legalBases: Self.lines(legalBases), proposer: proposerText.isEmpty ? nil : proposerText,
                               recipients: Self.lines(recipients), signer: signer),
            teams: [Team(village: village, members: memberRows.map(\.row.member))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return try encoder.encode(payload)
    }

    private struct Payload: Encodable {
        let commune: Commune
        let teamName: String
        let issuance: Issuance
        let teams: [Team]
        enum CodingKeys: String, CodingKey { case commune = "xa", teamName = "ten_to", issuance = "van_ban", teams = "to" }
    }

    // MARK: Checking

    /// The form checked against the commune's policy: each problem next to the table row it concerns, the others
    /// for the whole form.
    public struct Check: Sendable, Equatable {
        /// By table row (0-based, counting blank rows).
        public var byRow: [Int: [Violation]] = [:]
        public var general: [Violation] = []
        /// Why the form cannot be read as a data file at all (no village chosen), when that is so.
        public var unreadable: String?

        /// A check that found nothing.
        public init() {}

        public var hasErrors: Bool { unreadable != nil || (byRow.values.joined() + general).contains { $0.severity == .error } }
    }

    /// Checks the form as the kind will when the draft is submitted.
    public func check(_ profile: CommuneProfile, finisher: KindFinisher) -> Check {
        var check = Check()
        let data: Data
        do {
            data = try self.data(profile)
        } catch {
            check.unreadable = (error as? OfficeError)?.message ?? "\(error)"
            return check
        }
        let violations: [Violation]
        do {
            violations = try TeamFoundingDecision().prepare(from: data, context: finisher.context).violations
        } catch {
            check.unreadable = error.message
            return check
        }
        let members = memberRows
        for violation in violations {
            if let row = violation.row, members.indices.contains(row - 1) {
                check.byRow[members[row - 1].index, default: []].append(violation)
            } else {
                check.general.append(violation)
            }
        }
        return check
    }
}
