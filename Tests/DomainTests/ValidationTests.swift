import Foundation
import Testing
@testable import Domain

@Suite("Team validation")
struct ValidationTests {
    static let policies = try! TeamPolicy.loadAll(directory: Repository.policies)

    static func commune(_ teams: [Team], policy: String = "lang-son") -> CommuneTeams {
        CommuneTeams(commune: Commune(name: "Gia Cát", district: "Cao Lộc", province: "Lạng Sơn", chairman: "Đặng Đức Sơn", policy: policy),
                     teams: teams)
    }

    static func team(_ village: String, _ members: [Member]) -> Team { Team(village: Village(name: village), members: members) }

    @Test("the Gia Cát list of seed 003 meets the Lạng Sơn policy: six teams, each led by its village head")
    func giaCat() throws {
        let data = try Repository.sample("gia-cat-to.json")
        #expect(data.teams.count == 6 && data.teams.map(\.members.count).reduce(0, +) == 24)
        #expect(TeamValidator.validate(data, policy: try #require(Self.policies["lang-son"])).isEmpty)
        #expect(data.teams.allSatisfy { $0.leaders.count == 1 && $0.leaders[0].isVillageHead })
    }

    @Test("every violation is reported at once, naming the team and the member")
    func everythingAtOnce() throws {
        let data = Self.commune([
            Self.team("Bắc Nga", [
                Member(fullName: "Đào Xuân Đông", position: "Phó trưởng thôn", role: .leader),
                Member(fullName: "Đặng Thị Hằng", role: .leader, phone: "0912 345"),
            ]),
            Self.team("Liên Hòa", [Member(fullName: "Đặng Văn Bội", position: "Trưởng thôn"), Member(fullName: " "), Member(fullName: "Vi Thị Ánh"), Member(fullName: "vi thị ánh")]),
            Self.team("bắc nga", [Member(fullName: "Đào Xuân Đông", position: "Trưởng thôn", role: .leader), Member(fullName: "A B"), Member(fullName: "C D")]),
        ])
        let found = TeamValidator.validate(data, policy: try #require(Self.policies["lang-son"]))
        let codes = found.map(\.code)
        #expect(codes == [
            "member.phone", "team.too_small", "team.several_leaders",
            "member.name_missing", "member.duplicate", "team.no_leader",
            "commune.duplicate_village",
            "commune.member_on_several_teams",
        ])
        let message = found.map(\.message)
        #expect(message[0] == "Tổ thôn Bắc Nga, dòng 2: số điện thoại “0912 345” của Đặng Thị Hằng không hợp lệ (cần 10 chữ số, bắt đầu bằng 0, hoặc +84).")
        #expect(message[1] == "Tổ thôn Bắc Nga có 2 thành viên, ít hơn mức tối thiểu 3 người (chính sách Lạng Sơn).")
        #expect(message[2] == "Tổ thôn Bắc Nga có 2 Tổ trưởng: Đào Xuân Đông (dòng 1), Đặng Thị Hằng (dòng 2); mỗi tổ có đúng một Tổ trưởng.")
        #expect(found[2].member == "Đặng Thị Hằng" && found[2].row == 2 && found[2].team == "Tổ thôn Bắc Nga")
        #expect(message[3] == "Tổ thôn Liên Hòa, dòng 2: chưa có họ tên thành viên.")
        #expect(message[4] == "Tổ thôn Liên Hòa: vi thị ánh có tên hai lần (dòng 3 và dòng 4).")
        #expect(message[5] == "Tổ thôn Liên Hòa chưa có Tổ trưởng; mỗi tổ có đúng một Tổ trưởng.")
        #expect(message[6] == "Thôn bắc nga có hai tổ (tổ thứ 1 và tổ thứ 3); mỗi thôn chỉ thành lập một tổ.")
        #expect(found[7].severity == .warning && message[7] == "Đào Xuân Đông có tên ở cả Tổ thôn Bắc Nga và Tổ thôn bắc nga.")
        #expect(found.allSatisfy { $0.message == $0.message.precomposedStringWithCanonicalMapping })
    }

    @Test("Lạng Sơn: the leader must be the village head")
    func leaderIsVillageHead() throws {
        let team = Self.team("Nà Bó", [
            Member(fullName: "Chu Thị Chiêu", position: "TB CTMT", role: .leader),
            Member(fullName: "Hứa Văn Ngân", position: "Trưởng thôn"),
            Member(fullName: "Trương Văn Thọ"),
        ])
        let found = TeamValidator.validate(team, policy: try #require(Self.policies["lang-son"]))
        #expect(found.map(\.message) == [
            "Tổ thôn Nà Bó: Tổ trưởng Chu Thị Chiêu (chức vụ “TB CTMT”) không phải Trưởng thôn; Trưởng thôn phải làm Tổ trưởng (chính sách Lạng Sơn).",
        ])
        #expect(found[0].row == 1 && found[0].member == "Chu Thị Chiêu")
    }

    @Test("Đồng Tháp: five members, a deputy, the head of the hamlet and a youth-union member")
    func dongThap() throws {
        let policy = try #require(Self.policies["dong-thap"])
        let hamlet = Team(village: Village(name: "Mỹ Hòa", kind: "ấp"), members: [
            Member(fullName: "Nguyễn Văn Tư", role: .leader), Member(fullName: "Lê Thị Năm"), Member(fullName: "Trần Văn Sáu"),
        ])
        #expect(TeamValidator.validate(hamlet, policy: policy).map(\.message) == [
            "Tổ ấp Mỹ Hòa có 3 thành viên, ít hơn mức tối thiểu 5 người (chính sách Đồng Tháp).",
            "Tổ ấp Mỹ Hòa chưa có Trưởng ấp trong tổ (chính sách Đồng Tháp).",
            "Tổ ấp Mỹ Hòa chưa có Tổ phó (chính sách Đồng Tháp).",
            "Tổ ấp Mỹ Hòa chưa có đoàn viên Đoàn Thanh niên (chính sách Đồng Tháp).",
        ])
        let fixed = Team(village: hamlet.village, members: [
            Member(fullName: "Nguyễn Văn Tư", position: "Trưởng ấp", role: .leader), Member(fullName: "Lê Thị Năm", role: .deputy),
            Member(fullName: "Trần Văn Sáu", youthUnion: true), Member(fullName: "Võ Thị Bảy"), Member(fullName: "Phan Văn Tám"),
        ])
        #expect(TeamValidator.validate(fixed, policy: policy).isEmpty)
    }

    @Test("a recommendation that is not followed is a warning, not an error")
    func recommendation() throws {
        let team = Self.team("Bắc Nga", [Member(fullName: "Đào Xuân Đông", position: "Trưởng thôn", role: .leader), Member(fullName: "A B"), Member(fullName: "C D")])
        let found = TeamValidator.validate(team, policy: try #require(Self.policies["trung-uong"]))
        #expect(found.count == 1 && found[0].severity == .warning && found[0].code == "team.no_youth_union")
        #expect(found[0].message == "Tổ thôn Bắc Nga chưa có đoàn viên Đoàn Thanh niên (khuyến nghị của chính sách hướng dẫn của Bộ Thông tin và Truyền thông).")
        #expect(found[0].description.hasPrefix("Lưu ý: "))
    }

    @Test("Ninh Thuận: at most five members")
    func tooLarge() throws {
        let members = (1...6).map { Member(fullName: "Thành viên \($0)", position: $0 == 1 ? "Trưởng khu phố" : "", role: $0 == 1 ? .leader : .member, youthUnion: $0 == 2, womensUnion: $0 == 3) }
        let found = TeamValidator.validate(Self.team("Khu phố 1", members), policy: try #require(Self.policies["ninh-thuan"]))
        #expect(found.map(\.code) == ["team.too_large"])
    }

    @Test("village heads are recognised whatever the village kind, case or spacing", arguments: [
        ("Trưởng thôn", true), ("trưởng  ấp", true), ("TRƯỞNG KHÓM", true), ("Trưởng bon", true), ("Tổ trưởng tổ dân phố", true),
        ("Trưởng khu phố", true), ("Phó trưởng thôn", false), ("CC VP - TK", false), ("", false), ("Trưởng ban", false),
    ])
    func villageHead(position: String, expected: Bool) {
        #expect(Member(fullName: "X", position: position).isVillageHead == expected)
    }

    @Test("phone numbers", arguments: [
        ("0912345678", true), ("0912 345 678", true), ("0912.345.678", true), ("+84 912 345 678", true),
        ("912345678", false), ("09123456789", false), ("0912-345-67a", false), ("０９１２３４５６７８", false),
    ])
    func phones(text: String, valid: Bool) {
        #expect(PhoneNumber.isValid(text) == valid)
    }

    @Test("decomposed names from old keyboards are stored precomposed")
    func nfc() throws {
        let json = #"{"ho_ten": "Nguy\#u{0065}\#u{0302}\#u{0303}n Văn A", "chuc_vu": "Tru\#u{031B}o\#u{031B}\#u{0309}ng thôn"}"#
        let member = try JSONDecoder().decode(Member.self, from: Data(json.utf8))
        #expect(member.fullName == "Nguyễn Văn A" && Array(member.fullName.utf8) == Array("Nguyễn Văn A".utf8))
        #expect(member.isVillageHead)
    }
}
