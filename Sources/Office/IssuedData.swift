import Foundation
import Storage
import VietnameseText

/// A draft's data with what signing decides written into its `van_ban`: number, date, year and signer.
///
/// The data stays the single source of a version's content: the signed file is rendered from this JSON, and the
/// JSON is stored beside it, so the version can be rendered again and compared.
enum IssuedData {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func stamp(_ json: Data, issue: Issue) throws -> Data {
        guard var root = try JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw Failure(description: "dữ liệu văn bản không phải một đối tượng JSON có “van_ban”")
        }
        var issuance = root["van_ban"] as? [String: Any] ?? [:]
        issuance["so"] = issue.number
        issuance["ngay_ban_hanh"] = issue.date.iso
        issuance["nam"] = issue.date.year
        var signer = issuance["nguoi_ky"] as? [String: Any] ?? [:]
        signer["ho_ten"] = issue.signer.fullName
        signer["chuc_vu"] = issue.signer.title
        issuance["nguoi_ky"] = signer
        root["van_ban"] = issuance
        return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
