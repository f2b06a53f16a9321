import ArgumentParser
import Domain
import Foundation
import Office

/// `vanban import-members`: a member list from Excel or CSV, as the teams of the commune data (JSON).
struct ImportMembers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-members",
        abstract: "Read a member list (.xlsx or .csv) and print its teams as JSON; problems by row on standard error.",
        discussion: """
            The first non-empty row names the columns: Họ tên (required), Giới tính, Chức vụ, Vai trò (Tổ trưởng, \
            Tổ phó, Tổ viên), Địa chỉ, Phụ trách thôn, Thôn, Đoàn viên, Hội Phụ nữ, Điện thoại, in any case, with or \
            without diacritics. CSV may be UTF-8 with or without a byte-order mark, separated by commas or semicolons. \
            Exit code 1 when some rows have problems (the readable rows are still printed).
            """
    )

    @Argument(help: "The member list (.xlsx or .csv).")
    var file: String

    @Option(help: "The village for rows without a Thôn column or value.")
    var village: String?

    @Option(name: .shortAndLong, help: "Write the JSON to this file instead of standard output.")
    var out: String?

    func run() throws {
        do {
            let bytes = try CommandIO.read(file)
            let result: MemberImport.Result
            do {
                result = try MemberImport.members(fileName: file, bytes: bytes, defaultVillage: village.map { Village(name: $0) })
            } catch let error as OfficeError {
                throw CommandFailure(error.message)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var json = try encoder.encode(["to": result.teams])
            json.append(0x0A)
            if let out { try CommandIO.write([UInt8](json), to: out) } else { FileHandle.standardOutput.write(json) }
            let members = result.teams.map(\.members.count).reduce(0, +)
            CommandIO.note("\(file): \(members) thành viên, \(result.teams.count) tổ" + (result.problems.isEmpty ? "." : "; \(result.problems.count) dòng có vấn đề:"))
            for problem in result.problems { CommandIO.note("- \(problem)") }
            if !result.problems.isEmpty { throw ExitCode(1) }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}
