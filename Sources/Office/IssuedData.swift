import Documents
import Foundation
import Storage
import VietnameseText

/// A draft's data with what signing decides written into its `van_ban`: number, date, year and signer.
///
/// The data stays the single source of a version's content: the signed file is rendered from this JSON, and the
/// JSON is stored beside it, so the version can be rendered again and compared. `van_ban` goes through `Issuance`,
/// so its keys and checks are the data model's own; the rest of the data is kept as it was.
enum IssuedData {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func stamp(_ json: Data, issue: Issue) throws -> (data: Data, issuance: Issuance) {
        guard var root = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw Failure(description: "dữ liệu văn bản không phải một đối tượng JSON có “van_ban”")
        }
        var issuance = try root["van_ban"].map {
            try JSONDecoder().decode(Issuance.self, from: JSONSerialization.data(withJSONObject: $0))
        } ?? Issuance(year: issue.date.year)
        issuance.number = issue.number
        issuance.date = issue.date
        issuance.year = issue.date.year
        // The one who signs is named; the authority lines stay as the draft states them.
        var signer = issuance.signer ?? Signer(name: issue.signer.fullName, title: issue.signer.title)
        signer.name = issue.signer.fullName
        signer.title = issue.signer.title
        issuance.signer = signer
        root["van_ban"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(issuance))
        let data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        return (data, issuance)
    }
}
