import VietnameseText

/// One way a commune's teams break their policy: said in Vietnamese, naming the team and the member.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The decision must not be submitted as it is.
        case error
        /// A recommendation of the policy is not followed.
        case warning
    }

    /// A stable code for programs and tests, such as `team.leader_count`.
    public let code: String
    public let severity: Severity
    /// The team's display name (`Tổ thôn Bắc Nga`), nil for a commune-wide problem.
    public let team: String?
    /// The member's full name, when the problem is about one member.
    public let member: String?
    /// The member's 1-based row in the team's list, so a form can show the problem next to its row.
    public let row: Int?
    public let message: String

    public var description: String { (severity == .error ? "Lỗi: " : "Lưu ý: ") + message }

    /// The same violation with its message preceded by `prefix`, such as the commune's name when a file holds several.
    public func prefixed(_ prefix: String) -> Violation {
        Violation(code: code, severity: severity, team: team, member: member, row: row, message: prefix + message)
    }
}

/// Checks a commune's teams against a policy and returns every violation at once, in list order.
public enum TeamValidator {
    public static func validate(_ data: CommuneTeams, policy: TeamPolicy) -> [Violation] {
        var found: [Violation] = []
        var seenVillages: [String: Int] = [:]
        var teamKeys: [[TextKey?]] = []
        teamKeys.reserveCapacity(data.teams.count)
        for (index, team) in data.teams.enumerated() {
            let key = VietnameseCase.lower(team.village.name)
            if let first = seenVillages[key] {
                found.append(Violation(
                    code: "commune.duplicate_village", severity: .error, team: team.displayName, member: nil, row: nil,
                    message: "\(VietnameseCase.capitalizedFirst(team.village.displayName)) có hai tổ (tổ thứ \(first + 1) và tổ thứ \(index + 1)); mỗi thôn chỉ thành lập một tổ."))
            } else {
                seenVillages[key] = index
            }
            let keys = nameKeys(team)
            found += validate(team, policy: policy, nameKeys: keys)
            teamKeys.append(keys)
        }
        found += membersOnSeveralTeams(data.teams, nameKeys: teamKeys)
        return found
    }

    /// The checks of one team.
    public static func validate(_ team: Team, policy: TeamPolicy) -> [Violation] {
        validate(team, policy: policy, nameKeys: nameKeys(team))
    }

    /// Each member's name as names are compared, lower case and trimmed; nil when the name is blank. Made once per
    /// member for both the checks of its team and those across teams.
    private static func nameKeys(_ team: Team) -> [TextKey?] {
        team.members.map { member in
            let name = member.fullName.trimmingWhitespace()
            return name.isEmpty ? nil : TextKey(VietnameseCase.lower(String(name)))
        }
    }

    /// The checks of one team, with its members' `nameKeys`.
    private static func validate(_ team: Team, policy: TeamPolicy, nameKeys: [TextKey?]) -> [Violation] {
        var found: [Violation] = []
        let teamName = team.displayName
        func add(_ code: String, _ severity: Violation.Severity, _ message: String, member: Member? = nil, row: Int? = nil) {
            found.append(Violation(code: code, severity: severity, team: teamName, member: member?.fullName, row: row, message: message))
        }
        let rule = "(chính sách \(policy.name))"

        // Members one by one.
        var seenNames: [TextKey: Int] = [:]
        for (index, member) in team.members.enumerated() {
            let row = index + 1
            guard let key = nameKeys[index] else {
                add("member.name_missing", .error, "\(teamName), dòng \(row): chưa có họ tên thành viên.", row: row)
                continue
            }
            if let first = seenNames[key] {
                let name = member.fullName.trimmingWhitespace()
                add("member.duplicate", .error, "\(teamName): \(name) có tên hai lần (dòng \(first) và dòng \(row)).", member: member, row: row)
            } else {
                seenNames[key] = row
            }
            if let phone = member.phone, !phone.trimmingWhitespace().isEmpty, !PhoneNumber.isValid(phone) {
                let name = member.fullName.trimmingWhitespace()
                add("member.phone", .error, "\(teamName), dòng \(row): số điện thoại “\(phone)” của \(name) không hợp lệ (cần 10 chữ số, bắt đầu bằng 0, hoặc +84).", member: member, row: row)
            }
        }

        // Size.
        let count = team.members.count
        if let minimum = policy.minMembers, count < minimum {
            add("team.too_small", .error, "\(teamName) có \(count) thành viên, ít hơn mức tối thiểu \(minimum) người \(rule).")
        }
        if let maximum = policy.maxMembers, count > maximum {
            add("team.too_large", .error, "\(teamName) có \(count) thành viên, nhiều hơn mức tối đa \(maximum) người \(rule).")
        }

        // Exactly one leader, in every province.
        let leaders = team.members.enumerated().filter { $0.element.role == .leader }
        if leaders.isEmpty {
            add("team.no_leader", .error, "\(teamName) chưa có Tổ trưởng; mỗi tổ có đúng một Tổ trưởng.")
        } else if leaders.count > 1 {
            let names = leaders.map { "\($0.element.fullName) (dòng \($0.offset + 1))" }.joined(separator: ", ")
            for leader in leaders.dropFirst() {
                add("team.several_leaders", .error, "\(teamName) có \(leaders.count) Tổ trưởng: \(names); mỗi tổ có đúng một Tổ trưởng.",
                    member: leader.element, row: leader.offset + 1)
            }
        }

        // Composition.
        switch policy.villageHead {
        case .none:
            break
        case .member:
            if !team.members.contains(where: \.isVillageHead) {
                add("team.no_village_head", .error, "\(teamName) chưa có Trưởng \(team.village.kind) trong tổ \(rule).")
            }
        case .leader:
            if let leader = leaders.first, leaders.count == 1, !leader.element.isVillageHead {
                let position = leader.element.position.isEmpty ? "không ghi chức vụ" : "chức vụ “\(leader.element.position)”"
                add("team.leader_not_village_head", .error,
                    "\(teamName): Tổ trưởng \(leader.element.fullName) (\(position)) không phải Trưởng \(team.village.kind); Trưởng \(team.village.kind) phải làm Tổ trưởng \(rule).",
                    member: leader.element, row: leader.offset + 1)
            }
        }
        let composition: [(TeamPolicy.Requirement, Bool, String, String)] = [
            (policy.deputy, team.members.contains { $0.role == .deputy }, "team.no_deputy", "Tổ phó"),
            (policy.youthUnion, team.members.contains(where: \.youthUnion), "team.no_youth_union", "đoàn viên Đoàn Thanh niên"),
            (policy.womensUnion, team.members.contains(where: \.womensUnion), "team.no_womens_union", "hội viên Hội Phụ nữ"),
        ]
        for (requirement, met, code, missing) in composition where !met {
            switch requirement {
            case .none: break
            case .recommended: add(code, .warning, "\(teamName) chưa có \(missing) (khuyến nghị của chính sách \(policy.name)).")
            case .required: add(code, .error, "\(teamName) chưa có \(missing) \(rule).")
            }
        }
        return found
    }

    /// A person listed on two teams (same name and address) is usually a copy-paste slip; commune staff may
    /// legitimately help two villages, so it is a warning.
    private static func membersOnSeveralTeams(_ teams: [Team], nameKeys: [[TextKey?]]) -> [Violation] {
        var firstTeam: [TextKey: String] = [:]
        var found: [Violation] = []
        for (team, keys) in zip(teams, nameKeys) {
            let teamName = team.displayName
            for (index, member) in team.members.enumerated() {
                guard let name = keys[index] else { continue }
                let key = TextKey(name.text + "|" + VietnameseCase.lower(member.address))
                if let other = firstTeam[key] {
                    if other != teamName {
                        found.append(Violation(
                            code: "commune.member_on_several_teams", severity: .warning, team: teamName, member: member.fullName,
                            row: index + 1, message: "\(member.fullName) có tên ở cả \(other) và \(teamName)."))
                    }
                } else {
                    firstTeam[key] = teamName
                }
            }
        }
        return found
    }
}

/// Text made NFC, as a dictionary key compared and hashed by its UTF-8 bytes: for NFC text that is the same as
/// `String`'s own comparison, without the normalising `String` does to hash text that is not ASCII.
struct TextKey: Hashable {
    let text: String

    /// `text` must be NFC (`VietnameseCase.lower` gives NFC).
    init(_ text: String) { self.text = text }

    static func == (a: TextKey, b: TextKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Vietnamese phone numbers as member lists write them: `0912 345 678`, `0912.345.678`, `+84 912 345 678`.
public enum PhoneNumber {
    public static func isValid(_ text: String) -> Bool {
        var digits = text.filter { !" .-()".contains($0) }
        if digits.hasPrefix("+84") { digits = "0" + digits.dropFirst(3) }
        return digits.count == 10 && digits.hasPrefix("0") && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
    }
}
