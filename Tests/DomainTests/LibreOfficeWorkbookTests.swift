import Foundation
import Testing
@testable import Domain

/// A workbook written by a real spreadsheet program, not by hand: LibreOffice turns a CSV into .xlsx, and the
/// import must read back the same members. Runs when LibreOffice is installed, and always in CI.
@Suite("Importing a workbook saved by LibreOffice")
struct LibreOfficeWorkbookTests {
    static var soffice: String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/soffice" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    static var shouldRun: Bool { soffice != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    @Test("the Gia Cát list saved as .xlsx by LibreOffice reads back as six teams of four", .enabled(if: shouldRun))
    func libreOfficeXLSX() throws {
        let soffice = try #require(Self.soffice, "LibreOffice (soffice) is not installed")
        let data = try Repository.sample("gia-cat-to.json")
        var csv = "TT,Họ tên,Chức vụ,Vai trò,Địa chỉ,Phụ trách thôn,Thôn,Điện thoại\n"
        var number = 0
        for team in data.teams {
            for member in team.members {
                number += 1
                csv += "\(number),\(member.fullName),\(member.position),\(member.role.title),\(member.address),\(member.villageInCharge),\(team.village.name),\(number == 1 ? "0912345678" : "")\n"
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("danh-sach.csv")
        try Data(csv.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // Filter options: comma separator, double-quote text delimiter, UTF-8 (76), first line 1.
        process.arguments = ["-env:UserInstallation=file://\(folder.path)/profile", "--headless", "--infilter=CSV:44,34,76,1",
                             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder.path, input.path]
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // soffice exits 0 even when it converts nothing: the file is the proof.
        let output = folder.appendingPathComponent("danh-sach.xlsx")
        let bytes = try [UInt8](Data(contentsOf: output))
        let result = try MemberImport.read(fileName: output.lastPathComponent, bytes: bytes)
        #expect(result.problems.isEmpty)
        #expect(result.teams.map(\.village.name) == data.teams.map(\.village.name))
        #expect(result.teams.map(\.members) == data.teams.map { team in
            team.members.enumerated().map { index, member in
                var copy = member
                if team.village == data.teams[0].village && index == 0 { copy.phone = "0912345678" }
                return copy
            }
        })
    }
}
