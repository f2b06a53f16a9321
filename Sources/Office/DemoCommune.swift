import Domain
import Foundation
import Storage

/// The commune a newcomer starts with: Gia Cát from seed 003, with one user per role.
///
/// The chairman is the seed's signer; the other three people are made up: a clerk, a vice-chairman (a second
/// approver) and a records clerk.
public struct DemoCommune: Sendable {
    public static let sample = "samples/gia-cat-to.json"

    public let commune: CommuneRecord
    public let users: [UserRecord]

    /// Reads the commune (`xa`) from the sample data file, as the document kinds read it.
    public static func load(sample url: URL) throws -> DemoCommune {
        struct Sample: Decodable { let xa: Commune }
        let xa: Commune
        do {
            xa = try JSONDecoder().decode(Sample.self, from: Data(contentsOf: url)).xa
        } catch {
            throw OfficeError.badData("\(url.path) không có “xa” dùng được: \(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let commune = CommuneRecord(id: "gia-cat", name: xa.name, profile: try encoder.encode(xa))
        let chairman = xa.chairman
        return DemoCommune(commune: commune, users: [
            UserRecord(id: "canbo", fullName: "Nguyễn Thị Hoa", title: "Công chức Văn hóa - Xã hội",
                       communeID: commune.id, roles: [.clerk]),
            UserRecord(id: "chutich", fullName: chairman, title: "Chủ tịch", communeID: commune.id, roles: [.approver]),
            UserRecord(id: "phochutich", fullName: "Hoàng Văn Minh", title: "Phó Chủ tịch", communeID: commune.id,
                       roles: [.approver]),
            UserRecord(id: "vanthu", fullName: "Lý Thị Mai", title: "Văn thư", communeID: commune.id, roles: [.archivist]),
        ])
    }

    /// Adds the commune and its users where missing; existing ones are left as they are.
    public func install(in store: any Store) async throws {
        if try await store.commune(commune.id) == nil { try await store.save(commune) }
        for user in users where try await store.user(user.id) == nil { try await store.save(user) }
    }
}
