import Foundation
import Office
import Storage
import TestSupport
import Testing

@Suite("Office: adding and changing a commune")
struct CommuneSetupTests {
    /// The demo's profile with another commune's name and villages.
    static func profile(name: String = "Quảng Sơn", policy: String = "lang-son", villages: [String] = ["Nà Mò", "Khuổi Khỉn"]) throws -> Data {
        let demo = try DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample))
        var object = try #require(try JSONSerialization.jsonObject(with: demo.commune.profile) as? [String: Any])
        var xa = try #require(object["xa"] as? [String: Any])
        xa["ten"] = name
        xa["dia_danh"] = name
        xa["chinh_sach"] = policy
        object["xa"] = xa
        object["thon"] = villages.map { ["ten": $0, "loai": "thôn"] }
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test("a new commune is saved from its profile; its profile reads back with its villages")
    func newCommune() async throws {
        let office = try await SigningRenderTests.office(clock: Date())
        let profile = try office.readProfile(try Self.profile())
        let (commune, created) = try await office.saveCommune(id: "quang-son", profile: profile, bodyCode: nil, numbering: .perType)
        #expect(created && commune.name == "Quảng Sơn" && commune.bodyCode == "UBND" && commune.numbering == .perType)
        let stored = try #require(try await office.store.commune("quang-son"))
        #expect(try CommuneProfile.read(stored.profile).villages.map(\.name) == ["Nà Mò", "Khuổi Khỉn"])
        #expect(try await office.store.communes().map(\.id) == ["gia-cat", "quang-son"])
        // Saved again without options, it keeps its body code and numbering.
        let again = try await office.saveCommune(id: "quang-son", profile: profile, bodyCode: nil, numbering: nil)
        #expect(!again.created && again.commune.numbering == .perType)
    }

    @Test("a profile that documents could not use is refused, saying why")
    func badProfiles() async throws {
        let office = try await SigningRenderTests.office(clock: Date())
        func message(_ data: Data) -> String? {
            do { _ = try office.readProfile(data); return nil } catch { return String(describing: error) }
        }
        #expect(message(Data("{".utf8))?.hasPrefix("Hồ sơ xã không đọc được: Dữ liệu JSON không hợp lệ") == true)
        #expect(message(Data(#"{"xa": {"ten": "A", "tinh": "B"}}"#.utf8)) == "Hồ sơ xã không đọc được: Thiếu trường “chu_tich” ở “xa”.")
        #expect(message(try Self.profile(policy: "ha-noi"))
                == "Không có chính sách “ha-noi” (xa.chinh_sach); chọn một trong: dong-thap, lam-dong, lang-son, ninh-thuan, soc-trang, trung-uong.")
        #expect(message(try Self.profile(villages: ["Nà Mò", "nà mò"])) == "Thôn “nà mò” có hai lần trong hồ sơ xã (thon).")
        #expect(message(try Self.profile(name: " ")) == "Hồ sơ xã thiếu “xa.ten”.")
        let profile = try office.readProfile(try Self.profile())
        await #expect(throws: OfficeError.self) { try await office.saveCommune(id: "Quảng Sơn", profile: profile, bodyCode: nil, numbering: nil) }
        await #expect(throws: OfficeError.self) { try await office.saveCommune(id: "quang-son", profile: profile, bodyCode: "ubnd", numbering: nil) }
        #expect(try await office.store.commune("quang-son") == nil)
    }

    @Test("a commune that issued documents this year keeps its numbering and body code until the next year")
    func numberingKeptMidYear() async throws {
        let signedAt = ISO8601DateFormatter().date(from: "2025-03-05T08:30:00+07:00")!
        let office = try await SigningRenderTests.office(clock: signedAt)
        try await SigningRenderTests.signDecision(in: office, by: "chutich")
        let stored = try #require(try await office.store.commune("gia-cat"))
        let profile = try CommuneProfile.read(stored.profile)
        do {
            _ = try await office.saveCommune(id: "gia-cat", profile: profile, bodyCode: nil, numbering: .perType)
            Issue.record("the numbering changed mid-year")
        } catch {
            #expect(String(describing: error) == "Xã Gia Cát đã cấp 1 số văn bản năm 2025; không đổi chữ viết tắt hay cách đánh số giữa năm được (sổ đăng ký sẽ lẫn lộn). Hãy đổi từ năm sau.")
        }
        // The profile itself (villages, defaults) may change at any time.
        let same = try await office.saveCommune(id: "gia-cat", profile: profile, bodyCode: "UBND", numbering: .perBody)
        #expect(!same.created && same.commune.numbering == .perBody)
    }
}
