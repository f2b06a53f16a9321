import Documents
import Domain
import Foundation
import VietnameseText

/// What a commune's forms start from, kept in the commune's stored profile: the commune as documents name it
/// (`xa`), its villages (`thon`), and the parts of a founding decision that stay the same from one team to the next
/// (`quyet_dinh_thanh_lap_to`: legal bases, proposer, recipients, signer, the province's name for the teams).
///
/// Profiles written before villages and defaults existed hold only the commune's fields; they read as a profile
/// without villages or defaults.
public struct CommuneProfile: Sendable, Equatable, Codable {
    public var commune: Commune
    public var villages: [Village]
    public var founding: FoundingDefaults?

    enum CodingKeys: String, CodingKey { case commune = "xa", villages = "thon", founding = "quyet_dinh_thanh_lap_to" }

    public init(commune: Commune, villages: [Village] = [], founding: FoundingDefaults? = nil) {
        self.commune = commune
        self.villages = villages
        self.founding = founding
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard c.contains(.commune) else {
            self.init(commune: try Commune(from: decoder))
            return
        }
        self.init(commune: try c.decode(Commune.self, forKey: .commune),
                  villages: try c.decodeIfPresent([Village].self, forKey: .villages) ?? [],
                  founding: try c.decodeIfPresent(FoundingDefaults.self, forKey: .founding))
    }

    /// The commune's village of that name, whatever its case.
    public func village(named name: String) -> Village? {
        villages.first { Self.sameVillage($0.name, name) }
    }

    /// Whether two village names are the same, as a clerk would read them (case aside).
    public static func sameVillage(_ a: String, _ b: String) -> Bool {
        VietnameseCase.lower(a) == VietnameseCase.lower(b)
    }

    /// Reads a stored profile.
    public static func read(_ data: Data) throws -> CommuneProfile {
        do {
            return try JSONDecoder().decode(CommuneProfile.self, from: data)
        } catch {
            throw OfficeError.badData("Hồ sơ của xã không đọc được: \(error)")
        }
    }

    /// The stored form: JSON with sorted keys, so the same profile is always the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// The parts of a team's founding decision that a commune writes the same way each time.
public struct FoundingDefaults: Sendable, Equatable, Codable {
    /// The province's name for the teams, without the village (`ten_to`); nil for the central name.
    public var teamName: String?
    public var legalBases: [String]
    public var proposer: String?
    public var recipients: [String]
    public var signer: Signer?

    enum CodingKeys: String, CodingKey {
        case teamName = "ten_to", legalBases = "can_cu", proposer = "de_nghi", recipients = "noi_nhan", signer = "nguoi_ky"
    }

    public init(teamName: String? = nil, legalBases: [String] = [], proposer: String? = nil, recipients: [String] = [],
                signer: Signer? = nil) {
        self.teamName = teamName
        self.legalBases = legalBases
        self.proposer = proposer
        self.recipients = recipients
        self.signer = signer
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(teamName: try c.decodeIfPresent(String.self, forKey: .teamName),
                  legalBases: try c.decodeIfPresent([String].self, forKey: .legalBases) ?? [],
                  proposer: try c.decodeIfPresent(String.self, forKey: .proposer),
                  recipients: try c.decodeIfPresent([String].self, forKey: .recipients) ?? [],
                  signer: try c.decodeIfPresent(Signer.self, forKey: .signer))
    }
}
