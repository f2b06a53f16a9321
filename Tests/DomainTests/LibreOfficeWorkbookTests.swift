import Foundation
import Testing
import TestSupport
@testable import Domain

/// A workbook written by a real spreadsheet program, not by hand: LibreOffice turns a CSV into .xlsx, and the
/// import must read back the same members. Runs when LibreOffice is installed, and always in CI.
@Suite("Importing a workbook saved by LibreOffice")
struct LibreOfficeWorkbookTests {
    @Test("the Gia Cát list saved as .xlsx by LibreOffice reads back as six teams of four", .enabled(if: LibreOffice.shouldRun, "LibreOffice or pdftotext is not installed (scripts/install-deps.sh installs them)"))
    func libreOfficeXLSX() throws {
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
        // Filter options: comma separator, double-quote text delimiter, UTF-8 (76), first line 1.
        let output = try #require(try LibreOffice.convert([input], to: "xlsx:Calc MS Excel 2007 XML", into: folder,
                                                          inputFilter: "CSV:44,34,76,1").first)
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
