import Domain
import Templating
import VietnameseText

/// The fields every template of the document set shares: the header, the number and date lines, the legal bases,
/// `Nơi nhận` and the signature block (templates/FIELDS.md, “Phần chung”).
enum CommonFields {
    static func header(commune: Commune, issuance: Issuance, signature: SignatureAuthority,
                       artwork: SignatureArtwork) -> [String: TemplateValue] {
        let signer = issuance.signer ?? Signer(name: commune.chairman, title: "Chủ tịch")
        var fields: [String: TemplateValue] = [
            "co_quan_chu_quan": .string(commune.governingBody ?? ""),
            "loai_xa": .string(commune.kind),
            "ten_xa": .string(commune.name),
            "dia_danh": .string(commune.placeName),
            "nam": .int(Int64(issuance.year)),
            "can_cu": .list(issuance.punctuatedLegalBases.map(TemplateValue.string)),
            "noi_nhan": .list(issuance.punctuatedRecipients.map(TemplateValue.string)),
            "chuc_vu_nguoi_ky": .string(signer.title),
            "nguoi_ky": .string(signer.name),
        ]
        // Absent in a draft and when the commune has no such picture on file: the picture leaves the document.
        if let signature = artwork.signature { fields["chu_ky"] = .image(signature) }
        if let seal = artwork.seal { fields["con_dau"] = .image(seal) }
        // Absent until signing: the templates show a blank number and a blank date line for a draft.
        if let number = issuance.number { fields["so_van_ban"] = .string(LegalNumbering.documentNumber(number)) }
        if let date = issuance.date { fields["ngay_ban_hanh"] = .string(date.iso) }
        if let signedAt = issuance.signedAt { fields["thoi_gian_ky"] = .string(VietnamTime.iso8601(signedAt)) }
        if let proposer = issuance.proposer { fields["de_nghi"] = .string(proposer) }
        let authority = signer.authority ?? signature.defaultLines(for: signer)
        fields["tham_quyen_ky_dong"] = .list(authority.map(TemplateValue.string))
        return fields
    }

    /// The file name of a kind's document for a commune: `quyet-dinh-ban-chi-dao-xa-yen-hoa`, then `-<suffix>`
    /// parts such as the year (`-2025`) or the village.
    static func documentName(_ id: String, commune: Commune, _ suffixes: String...) -> String {
        ([id, slug("\(commune.kind) \(commune.name)")] + suffixes).joined(separator: "-")
    }

    /// `thon-bac-nga`: a file-name part from Vietnamese text.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in AsciiFolding.fold(VietnameseCase.lower(text)).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}

/// What a document's common fields are made from: the commune, the issuance (number, date, signer) and whose act
/// the document is. Kept with the document's values, so that signing can fill in the number, date and signer
/// without reading the data file again.
public struct DocumentHeader: Sendable {
    let commune: Commune
    public let issuance: Issuance
    let signature: SignatureAuthority
    /// Whether fields outside the header follow the year of issue (a plan whose target year is that year).
    let yearReachesBeyond: Bool
    /// The signature and seal pictures of the signature block: none until signing.
    let artwork: SignatureArtwork

    init(commune: Commune, issuance: Issuance, signature: SignatureAuthority = .personal, yearReachesBeyond: Bool = false,
         artwork: SignatureArtwork = .none) {
        self.commune = commune
        self.issuance = issuance
        self.signature = signature
        self.yearReachesBeyond = yearReachesBeyond
        self.artwork = artwork
    }

    /// The common fields (templates/FIELDS.md, “Phần chung”).
    var fields: [String: TemplateValue] {
        CommonFields.header(commune: commune, issuance: issuance, signature: signature, artwork: artwork)
    }
}

extension DocumentValues {
    /// The same document issued as `issuance` says, with `artwork` in its signature block: the common fields made
    /// again in place of the old ones.
    ///
    /// Nil when the document keeps no header, or when the change reaches beyond the common fields: a year of issue
    /// other than the draft's in a document whose other fields follow that year, so the data must be read again.
    public func reissued(_ issuance: Issuance, artwork: SignatureArtwork = .none) -> DocumentValues? {
        guard let header, issuance.year == header.issuance.year || !header.yearReachesBeyond,
              case let .object(object) = values else { return nil }
        let new = DocumentHeader(commune: header.commune, issuance: issuance, signature: header.signature,
                                 yearReachesBeyond: header.yearReachesBeyond, artwork: artwork)
        // Built once, by merging two lists already in key order: the object's fields other than the old header's,
        // and the new header's (which win over a field of the same name). This runs under the store's write lock.
        let oldHeader = header.fields
        let newHeader = new.fields.sorted { $0.key < $1.key }
        var keys: [String] = [], values: [TemplateValue] = []
        keys.reserveCapacity(object.count + newHeader.count)
        values.reserveCapacity(object.count + newHeader.count)
        var next = newHeader.startIndex
        for (key, value) in zip(object.keys, object.values) where oldHeader[key] == nil {
            while next < newHeader.endIndex, newHeader[next].key <= key {
                keys.append(newHeader[next].key)
                values.append(newHeader[next].value)
                next += 1
            }
            if keys.last != key {
                keys.append(key)
                values.append(value)
            }
        }
        for (key, value) in newHeader[next...] {
            keys.append(key)
            values.append(value)
        }
        return DocumentValues(name: name, values: .object(TemplateObject(sortedKeys: keys, values: values)), header: new)
    }
}

extension TemplateValue {
    static func object(_ fields: [String: TemplateValue]) -> TemplateValue { .object(TemplateObject(fields)) }
}

/// Whose act a document is, which decides the authority lines above the signer's title when the data does not state
/// them (Decree 30, PL I).
enum SignatureAuthority {
    /// The signer acts in their own right, as the chairman does in a decision of the Chủ tịch UBND: no line above
    /// the chairman, and `KT. CHỦ TỊCH` above a deputy chairman who signs for the chairman.
    case personal
    /// The People's Committee acts as a body (a plan, a report, a proposal): `TM. ỦY BAN NHÂN DÂN` above the
    /// chairman, and `TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` above a deputy chairman.
    case collective

    static let onBehalfOfCommittee = "TM. ỦY BAN NHÂN DÂN"

    func defaultLines(for signer: Signer) -> [String] {
        let body = self == .collective ? [Self.onBehalfOfCommittee] : []
        switch VietnameseCase.lower(signer.title).singleSpaced {
        case "chủ tịch": return body
        case "phó chủ tịch": return body + ["KT. CHỦ TỊCH"]
        default: return []
        }
    }
}
