import Domain
import Foundation
import Templating
import VietnameseText

/// The signature block of a document the People's Committee issues as a body (a plan, a report): Decree 30 puts
/// `TM. ỦY BAN NHÂN DÂN` above the chairman's title, and `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` above a deputy's.
///
/// A data file overrides that with `van_ban.nguoi_ky.tham_quyen`: a text replaces the default (a line break separates
/// two lines), and an empty string or null means no authority line at all, as seed 004 signs with `CHỦ TỊCH` alone.
enum CollectiveSignature {
    static let onBehalfOfCommittee = "TM. ỦY BAN NHÂN DÂN"

    /// Whether `tham_quyen` is written in `van_ban.nguoi_ky` at all, even empty: the one case where an absent
    /// authority must not get the default. `container` is the data file's top level, `key` its `van_ban` key.
    static func statesAuthority<Key: CodingKey>(in container: KeyedDecodingContainer<Key>, issuanceKey key: Key) -> Bool {
        guard let issuance = try? container.nestedContainer(keyedBy: IssuanceKeys.self, forKey: key),
              let signer = try? issuance.nestedContainer(keyedBy: SignerKeys.self, forKey: .signer) else { return false }
        return signer.contains(.authority)
    }

    /// The authority lines above the signer's title, top first.
    static func authorityLines(issuance: Issuance, stated: Bool) -> [String] {
        if let authority = issuance.signer?.authority {
            return authority.split(whereSeparator: \.isNewline).map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty }
        }
        if stated { return [] }
        let title = VietnameseCase.lower(issuance.signer?.title ?? "Chủ tịch").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if title == "chủ tịch" { return [onBehalfOfCommittee] }
        if title == "phó chủ tịch" { return [onBehalfOfCommittee, "KT. CHỦ TỊCH"] }
        return []
    }

    /// Adds `tham_quyen_ky_dong` (the authority lines as a list) to the shared header fields and drops the
    /// single-line `tham_quyen_ky`, which cannot say two lines.
    static func apply(to fields: inout [String: TemplateValue], issuance: Issuance, stated: Bool) {
        fields["tham_quyen_ky"] = nil
        fields["tham_quyen_ky_dong"] = .list(authorityLines(issuance: issuance, stated: stated).map(TemplateValue.string))
    }

    private enum IssuanceKeys: String, CodingKey { case signer = "nguoi_ky" }
    private enum SignerKeys: String, CodingKey { case authority = "tham_quyen" }
}

/// Clerk-written paragraphs of a plan or report: NFC, trimmed, without a leading list dash the template adds itself.
enum NarrativeText {
    static func clean(_ text: String) -> String {
        var line = Substring(UnicodeNormalization.nfc(text)).trimmingWhitespace()
        if line.hasPrefix("- ") || line.hasPrefix("– ") { line = line.dropFirst(2).trimmingWhitespace() }
        return String(line)
    }

    /// The non-empty cleaned lines of a list.
    static func lines(_ texts: [String]) -> [String] {
        texts.map(clean).filter { !$0.isEmpty }
    }

    /// `1,5` / `90`: a percentage figure as documents write it, without the sign.
    static func percent(_ value: Double) -> String {
        VietnameseNumberFormat.decimal(value, fractionDigits: value.rounded() == value ? 0 : nil)
    }
}
