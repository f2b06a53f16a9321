import Domain
import Foundation
import Office
import Storage
import TestSupport
import Testing

@Suite("Office: a commune's profile and the founding form's data")
struct CommuneProfileTests {
    static let demo = try! DemoCommune.load(sample: repositoryRoot.appendingPathComponent(DemoCommune.sample))

    @Test("a profile of the older shape (the commune's fields alone) reads as one without villages or defaults")
    func olderProfile() throws {
        let old = Data(#"{"ten": "Gia Cát", "tinh": "Lạng Sơn", "chu_tich": "Đặng Đức Sơn", "chinh_sach": "lang-son"}"#.utf8)
        let profile = try CommuneProfile.read(old)
        #expect(profile.commune.name == "Gia Cát" && profile.villages.isEmpty && profile.founding == nil)
        let demo = try CommuneProfile.read(Self.demo.commune.profile)
        #expect(demo.villages.map(\.name).prefix(2) == ["Bắc Nga", "Liên Hòa"] && demo.founding?.legalBases.count == 4)
        #expect(demo.village(named: "bắc nga")?.name == "Bắc Nga" && demo.village(named: "Bắc Ngà") == nil)
        #expect(throws: OfficeError.self) { try CommuneProfile.read(Data("{}".utf8)) }
    }

    @Test("installing the demo again brings a stored older profile up to the sample's")
    func demoUpgradesItsProfile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("v.sqlite").path)
        let old = try CommuneProfile(commune: CommuneProfile.read(Self.demo.commune.profile).commune).encoded()
        try await store.save(CommuneRecord(id: Self.demo.commune.id, name: Self.demo.commune.name, profile: old))
        try await Self.demo.install(in: store)
        #expect(try await store.commune(Self.demo.commune.id)?.profile == Self.demo.commune.profile)
    }

    @Test("the form's data file reads back as the same form, blank rows left out")
    func formRoundTrip() throws {
        let profile = try CommuneProfile.read(Self.demo.commune.profile)
        var form = FoundingForm.blank(profile, year: 2026)
        form.village = "liên hòa"
        form.rows[0].fullName = "Đặng Văn Bội"
        form.rows[0].position = "Trưởng thôn"
        form.rows[2].fullName = "Vi Thị Ánh"
        form.rows[2].youthUnion = true
        let back = try FoundingForm(data: try form.data(profile))
        #expect(back.village == "Liên Hòa", "the commune's own spelling")
        #expect(back.rows.map(\.fullName) == ["Đặng Văn Bội", "Vi Thị Ánh"] && back.rows[0].role == .leader && back.rows[1].youthUnion)
        #expect(back.legalBases == form.legalBases && back.recipients == form.recipients && back.signerName == "Đặng Đức Sơn")
    }
}
