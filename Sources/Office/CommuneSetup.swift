import Domain
import Foundation
import Storage
import VietnameseText

/// Adding a commune to a store, or changing one: what `vanban communes save` checks before it writes.
extension CommuneOffice {
    /// A commune id: lower-case ASCII letters, digits and '-', as in `gia-cat`.
    public static func isCommuneID(_ id: String) -> Bool {
        id.range(of: "^[a-z0-9][a-z0-9-]{1,39}$", options: .regularExpression) != nil
    }

    /// Reads a commune's profile (`xa`, `thon`, `quyet_dinh_thanh_lap_to`, as `vanban communes show` prints it) and
    /// checks what documents will need of it: a province policy this office knows, village names given once each.
    public func readProfile(_ data: Data) throws -> CommuneProfile {
        let profile: CommuneProfile
        do {
            profile = try decodeDomain(CommuneProfile.self, from: data)
        } catch {
            throw OfficeError.commune("Hồ sơ xã không đọc được: \(error.message)")
        }
        let commune = profile.commune
        for (field, value) in [("xa.ten", commune.name), ("xa.tinh", commune.province), ("xa.chu_tich", commune.chairman)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw OfficeError.commune("Hồ sơ xã thiếu “\(field)”.")
        }
        let known = finisher.policyIDs
        if !known.isEmpty, !known.contains(commune.policy) {
            throw OfficeError.commune("Không có chính sách “\(commune.policy)” (xa.chinh_sach); chọn một trong: \(known.joined(separator: ", ")).")
        }
        var seen: [String] = []
        for village in profile.villages {
            guard !village.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw OfficeError.commune("Hồ sơ xã có một thôn không tên (thon).")
            }
            if seen.contains(where: { CommuneProfile.sameVillage($0, village.name) }) {
                throw OfficeError.commune("Thôn “\(village.name)” có hai lần trong hồ sơ xã (thon).")
            }
            seen.append(village.name)
        }
        return profile
    }

    /// Saves a commune made from `profile`. A commune that already issued documents this year keeps its body code
    /// and numbering scheme: changing either mid-year would split its register.
    public func saveCommune(id: String, profile: CommuneProfile, bodyCode: String?, numbering: NumberingScheme?) async throws
        -> (commune: CommuneRecord, created: Bool) {
        guard Self.isCommuneID(id) else {
            throw OfficeError.commune("Mã xã “\(id)” không dùng được: chỉ chữ thường không dấu, số và '-', như gia-cat (2 đến 40 ký tự).")
        }
        let existing = try await store.commune(id)
        let code = bodyCode ?? existing?.bodyCode ?? "UBND"
        let scheme = numbering ?? existing?.numbering ?? .perBody
        guard code.range(of: "^[A-ZĐ]{2,12}$", options: .regularExpression) != nil else {
            throw OfficeError.commune("Chữ viết tắt tên cơ quan “\(code)” không dùng được: chữ in hoa, như UBND.")
        }
        if let existing, existing.bodyCode != code || existing.numbering != scheme {
            let year = VietnamTime.date(of: clock()).year
            let issued = try await store.register(communeID: id, year: year)
            if !issued.isEmpty {
                throw OfficeError.commune("Xã \(existing.name) đã cấp \(issued.count) số văn bản năm \(year); không đổi chữ viết tắt hay cách đánh số giữa năm được (sổ đăng ký sẽ lẫn lộn). Hãy đổi từ năm sau.")
            }
        }
        let record = CommuneRecord(id: id, name: profile.commune.name, bodyCode: code, numbering: scheme,
                                   profile: try profile.encoded())
        try await store.save(record)
        return (record, existing == nil)
    }
}
