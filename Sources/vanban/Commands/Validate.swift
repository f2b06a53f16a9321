import ArgumentParser
import Domain
import Foundation
import VietnameseText

/// `vanban validate`: a commune's teams checked against its province policy.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a commune's teams against its province policy and list every violation at once.",
        discussion: """
            The data is a commune and its teams as JSON (see samples/gia-cat-to.json); the commune names its policy \
            (chinh_sach), a file in the policies folder. Exit code 1 when there are errors; warnings alone exit 0.
            """
    )

    @Argument(help: "The commune and its teams (JSON), or - for standard input.")
    var data: String

    @Option(help: "The folder of policy files.")
    var policies = "policies"

    @Option(help: "Check against this policy instead of the one the commune names.")
    var policy: String?

    func run() throws {
        do {
            let bytes = Data(try CommandIO.read(data))
            let teams: CommuneTeams
            do {
                teams = try CommuneTeams.decode(json: bytes)
            } catch {
                throw CommandFailure("\(data): \(error.message)")
            }
            let all: [String: TeamPolicy]
            do {
                all = try TeamPolicy.loadAll(directory: URL(fileURLWithPath: policies))
            } catch {
                throw CommandFailure("Chính sách \(error.description)")
            }
            let id = policy ?? teams.commune.policy
            guard let chosen = all[id] else {
                throw CommandFailure("Không có chính sách “\(id)” trong \(policies)/ (có: \(all.keys.sorted().joined(separator: ", "))).")
            }
            let violations = TeamValidator.validate(teams, policy: chosen)
            let errors = violations.filter { $0.severity == .error }.count
            let members = teams.teams.map(\.members.count).reduce(0, +)
            print("\(VietnameseCase.capitalizedFirst(teams.commune.kind)) \(teams.commune.name): \(teams.teams.count) tổ, \(members) thành viên; chính sách \(chosen.name).")
            for violation in violations { print("- \(violation)") }
            if let group = chosen.chatGroup {
                switch group.scope {
                case .commune:
                    print("Tên nhóm chung của xã: \(chosen.chatGroupName(commune: teams.commune) ?? "")")
                case .team:
                    for team in teams.teams {
                        print("Tên nhóm của \(team.displayName): \(chosen.chatGroupName(commune: teams.commune, team: team) ?? "")")
                    }
                }
            }
            if violations.isEmpty {
                print("Hợp lệ: không có lỗi nào.")
            } else {
                print("\(errors) lỗi, \(violations.count - errors) lưu ý.")
            }
            if errors > 0 { throw ExitCode(1) }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
