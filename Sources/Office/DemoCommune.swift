import Documents
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

    /// Reads the commune (`xa`) from the sample data file, as the document kinds read it; its villages and the
    /// founding decision's fixed parts become the commune's profile, which the web form starts from.
    public static func load(sample url: URL) throws -> DemoCommune {
        let sample: FoundingDecisionData
        do {
            sample = try FoundingDecisionData.decode(json: Data(contentsOf: url))
        } catch {
            throw OfficeError.badData("\(url.path) không có “xa” dùng được: \(error)")
        }
        let xa = sample.commune
        let issuance = sample.issuance
        let profile = CommuneProfile(
            commune: xa, villages: sample.teams.map(\.village),
            founding: FoundingDefaults(teamName: sample.teamName, legalBases: issuance.legalBases, proposer: issuance.proposer,
                                       recipients: issuance.recipients, signer: issuance.signer))
        let commune = CommuneRecord(id: "gia-cat", name: xa.name, profile: try profile.encoded())
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

    /// Adds the commune and its users where missing. Existing users are left as they are; the commune follows its
    /// sample, so a store made before profiles had villages and defaults gets them.
    public func install(in store: any Store) async throws {
        if try await store.commune(commune.id)?.profile != commune.profile { try await store.save(commune) }
        for user in users where try await store.user(user.id) == nil { try await store.save(user) }
    }
}
