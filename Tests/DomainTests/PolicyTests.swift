import Foundation
import Testing
import TestSupport
@testable import Domain

enum Repository {
    static let root = repositoryRoot
    static let policies = root.appendingPathComponent("policies")

    static func sample(_ name: String) throws -> CommuneTeams {
        try JSONDecoder().decode(CommuneTeams.self, from: Data(contentsOf: root.appendingPathComponent("samples/\(name)")))
    }
}

@Suite("Team policies")
struct PolicyTests {
    @Test("every policy in policies/ loads: one per seed province and the central guidance")
    func repositoryPolicies() throws {
        let policies = try TeamPolicy.loadAll(directory: Repository.policies)
        #expect(Set(policies.keys) == ["trung-uong", "lang-son", "dong-thap", "ninh-thuan", "lam-dong", "soc-trang"])
        let langSon = try #require(policies["lang-son"])
        #expect(langSon.minMembers == 3 && langSon.villageHead == .leader)
        let ninhThuan = try #require(policies["ninh-thuan"])
        #expect(ninhThuan.minMembers == 3 && ninhThuan.maxMembers == 5 && ninhThuan.womensUnion == .required)
        #expect(policies["dong-thap"]?.deputy == .required && policies["dong-thap"]?.minMembers == 5)
        #expect(policies["trung-uong"]?.youthUnion == .recommended)
        for policy in policies.values {
            #expect(!policy.quote.isEmpty && !policy.source.isEmpty)
            #expect(policy.quote == policy.quote.precomposedStringWithCanonicalMapping)
        }
    }

    @Test("chat-group names follow each province's pattern, folded to ASCII")
    func chatGroupNames() throws {
        let policies = try TeamPolicy.loadAll(directory: Repository.policies)
        let data = try Repository.sample("gia-cat-to.json")
        let team = data.teams[2]
        #expect(policies["lang-son"]?.chatGroupName(commune: data.commune) == "KTS_GiaCat_CaoLoc_Viettel")
        #expect(policies["ninh-thuan"]?.chatGroupName(commune: data.commune, team: team) == "CNCĐ_BacDongI_GiaCat_CaoLoc")
        #expect(policies["dong-thap"]?.chatGroupName(commune: data.commune) == "Tổ CNSCĐ_GiaCat_CaoLoc")
        #expect(policies["soc-trang"]?.chatGroupName(commune: data.commune) == nil)
        // The seed's own example: xã Kiên Mộc, huyện Đình Lập.
        let kienMoc = Commune(name: "Kiên Mộc", district: "Đình Lập", province: "Lạng Sơn", chairman: "", policy: "lang-son")
        #expect(policies["lang-son"]?.chatGroupName(commune: kienMoc) == "KTS_KienMoc_DinhLap_Viettel")
    }

    static let valid = """
        id: thu
        name: Thử
        source: Tài liệu thử
        quote: Câu trích.
        team:
          min_members: 3
        """

    @Test("a minimal policy loads with every rule off but the size")
    func minimal() throws {
        let policy = try TeamPolicy.load(yaml: Self.valid, file: "thu.yaml")
        #expect(policy.minMembers == 3 && policy.maxMembers == nil && policy.deputy == .none && policy.chatGroup == nil)
    }

    @Test("a broken policy file is refused with the file, the key and what is wrong, in Vietnamese", arguments: [
        (valid + "\n  min_member: 2", "khóa “team.min_member” không có trong mẫu chính sách"),
        (valid + "\n  youth_union: yes", "“team.youth_union” phải là một trong: none, recommended, required"),
        (valid.replacingOccurrences(of: "min_members: 3", with: "min_members: ba"), "“team.min_members” phải là một số nguyên"),
        (valid + "\n  max_members: 2", "“team.max_members” nhỏ hơn “team.min_members”"),
        (valid.replacingOccurrences(of: "name: Thử\n", with: ""), "thiếu khóa “name”"),
        (valid + "\nchat_group:\n  scope: team\n  pattern: X_{ten_xa}", "chỉ dùng {thon}, {xa}, {huyen}, {tinh}"),
        (valid + "\nchat_group:\n  pattern: X_{xa}", "thiếu khóa “chat_group.scope”"),
        ("id: thu\nname: [", "không đọc được YAML"),
        (valid.replacingOccurrences(of: "id: thu", with: "id: Thu Nghiem"), "“id” phải gồm chữ thường không dấu"),
    ])
    func broken(yaml: String, expected: String) {
        #expect {
            try TeamPolicy.load(yaml: yaml, file: "thu.yaml")
        } throws: { error in
            guard let error = error as? PolicyError else { return false }
            return error.file == "thu.yaml" && error.message.contains(expected)
        }
    }

    @Test("the id must match the file name")
    func idMatchesFile() {
        #expect(throws: PolicyError.self) { try TeamPolicy.load(yaml: Self.valid, file: "khac.yaml") }
    }
}
