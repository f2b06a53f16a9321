import Domain
import Foundation
import VietnameseText

/// The parts of an outgoing document that are not its content: the legal bases it rests on, who proposed it, who
/// receives it, who signs it and, once issued, its number and date (`van_ban` in a data file).
///
/// A draft has no number and no date: both are assigned by the system at signing (DOMAIN §6), so the templates leave
/// them visibly blank until then.
public struct Issuance: Sendable, Codable, Equatable {
    /// Number in the issuing body's register; nil in a draft.
    public var number: Int?
    /// Date of issue; nil in a draft.
    public var date: VietnameseDate?
    /// The year of the blank date line of a draft (`ngày … tháng … năm 2025`); the date's year once issued.
    public var year: Int
    /// `Căn cứ …` lines, in order.
    public var legalBases: [String]
    /// The office whose proposal the decision follows (`Theo đề nghị của …`); nil when there is none.
    public var proposer: String?
    /// The `Nơi nhận` list, the last being `Lưu: VT, …`.
    public var recipients: [String]
    /// Who signs; the commune's chairman when absent.
    public var signer: Signer?
    /// The instant of signing, shown in the signature stamp text in Vietnam time (`2025-08-14T16:31:45+07:00`);
    /// nil in a draft.
    public var signedAt: Date?

    enum CodingKeys: String, CodingKey {
        case number = "so", date = "ngay_ban_hanh", year = "nam", legalBases = "can_cu", proposer = "de_nghi"
        case recipients = "noi_nhan", signer = "nguoi_ky", signedAt = "thoi_gian_ky"
    }

    public init(number: Int? = nil, date: VietnameseDate? = nil, year: Int, legalBases: [String] = [], proposer: String? = nil,
                recipients: [String] = [], signer: Signer? = nil, signedAt: Date? = nil) {
        self.number = number
        self.date = date
        self.year = date?.year ?? year
        self.legalBases = legalBases.map(Issuance.clean).filter { !$0.isEmpty }
        self.proposer = proposer.map(Issuance.clean).flatMap { $0.isEmpty ? nil : $0 }
        self.recipients = recipients.map(Issuance.clean).filter { !$0.isEmpty }
        self.signer = signer
        self.signedAt = signedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let number = try c.decodeIfPresent(Int.self, forKey: .number)
        if let number, number < 1 {
            throw DecodingError.dataCorruptedError(forKey: .number, in: c, debugDescription: "số văn bản phải từ 1 trở lên")
        }
        var date: VietnameseDate?
        if let text = try c.decodeIfPresent(String.self, forKey: .date), !text.isEmpty {
            guard let parsed = VietnameseDate(parsing: text) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "cần ngày dạng 2025-01-05 hoặc 05/01/2025")
            }
            date = parsed
        }
        var signedAt: Date?
        if let text = try c.decodeIfPresent(String.self, forKey: .signedAt) {
            guard let instant = Self.instant(text) else {
                throw DecodingError.dataCorruptedError(forKey: .signedAt, in: c,
                                                       debugDescription: "cần thời điểm dạng 2025-08-14T16:31:45+07:00")
            }
            signedAt = instant
        }
        let statedYear = try c.decodeIfPresent(Int.self, forKey: .year)
        guard let year = date?.year ?? statedYear else {
            throw DecodingError.keyNotFound(CodingKeys.year, .init(codingPath: c.codingPath, debugDescription: "năm"))
        }
        self.init(
            number: number, date: date, year: year,
            legalBases: try c.decodeIfPresent([String].self, forKey: .legalBases) ?? [],
            proposer: try c.decodeIfPresent(String.self, forKey: .proposer),
            recipients: try c.decodeIfPresent([String].self, forKey: .recipients) ?? [],
            signer: try c.decodeIfPresent(Signer.self, forKey: .signer), signedAt: signedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(number, forKey: .number)
        try c.encodeIfPresent(date?.iso, forKey: .date)
        try c.encode(year, forKey: .year)
        try c.encode(legalBases, forKey: .legalBases)
        try c.encodeIfPresent(proposer, forKey: .proposer)
        try c.encode(recipients, forKey: .recipients)
        try c.encodeIfPresent(signer, forKey: .signer)
        try c.encodeIfPresent(signedAt.map(VietnamTime.iso8601), forKey: .signedAt)
    }

    /// An ISO 8601 date-time with its offset (`2025-08-14T16:31:45+07:00`, `2025-08-14T09:31:45Z`), to the second.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let instant = formatter.date(from: text) { return instant }
        formatter.formatOptions.insert(.withFractionalSeconds)
        return formatter.date(from: text)
    }

    /// The JSON of `van_ban`, as `JSONEncoder` with sorted keys and unescaped slashes writes `encode(to:)`'s
    /// output, written directly: signing writes it under the store's write lock.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("can_cu")
        writer.strings(legalBases)
        if let proposer {
            writer.key("de_nghi")
            writer.string(proposer)
        }
        writer.key("nam")
        writer.int(year)
        if let date {
            writer.key("ngay_ban_hanh")
            writer.string(date.iso)
        }
        if let signer {
            writer.key("nguoi_ky")
            writer.beginObject()
            writer.key("chuc_vu")
            writer.string(signer.title)
            writer.key("ho_ten")
            writer.string(signer.name)
            if let authority = signer.authority {
                writer.key("tham_quyen")
                writer.string(authority.joined(separator: "\n"))
            }
            writer.endObject()
        }
        writer.key("noi_nhan")
        writer.strings(recipients)
        if let number {
            writer.key("so")
            writer.int(number)
        }
        if let signedAt {
            writer.key("thoi_gian_ky")
            writer.string(VietnamTime.iso8601(signedAt))
        }
        writer.endObject()
        return writer.bytes
    }

    /// The issuance a signing gives: its number and date (and so its year), the instant of signing for the stamp
    /// text, and the one who signs, named with their title. Authority lines the draft states stay when the signer holds the title the draft names; lines
    /// written for another title (`KT. CHỦ TỊCH` drafted for a deputy, and the chairman signs) give way to the
    /// kind's default for the actual signer.
    public func issued(number: Int, date: VietnameseDate, signedAt: Date? = nil, signerName: String, signerTitle: String) -> Issuance {
        var issued = self
        issued.number = number
        issued.date = date
        issued.signedAt = signedAt
        issued.year = date.year
        var signer = self.signer ?? Signer(name: signerName, title: signerTitle)
        let title = UnicodeNormalization.nfc(signerTitle)
        if VietnameseCase.lower(signer.title) != VietnameseCase.lower(title) { signer.authority = nil }
        signer.name = UnicodeNormalization.nfc(signerName)
        signer.title = title
        issued.signer = signer
        return issued
    }

    /// NFC, trimmed, and without the list punctuation the template adds itself (`;`, `.`, a leading `- `).
    static func clean(_ line: String) -> String {
        var text = Substring(UnicodeNormalization.cleaned(line))
        // The scalars are looked at first, and dropped as scalars: going by characters runs the grapheme rules over
        // the whole line, and the text is NFC, so a character equal to `-`, ` `, `;` or `.` is that one scalar.
        if text.utf8.starts(with: "- ".utf8), text.hasPrefix("- ") {
            text = Substring(text.unicodeScalars.dropFirst(2)).trimmingWhitespace()
        }
        while let scalar = text.unicodeScalars.last, scalar == ";" || scalar == ".", let last = text.last, last == ";" || last == "." {
            let scalars = text.unicodeScalars
            text = Substring(scalars[..<scalars.index(before: scalars.endIndex)]).trimmingWhitespace()
        }
        return String(text)
    }

    /// The legal-basis block as Decree 30 punctuates it: every line ends with `;` and the block's last line (the
    /// proposal when there is one) with `.`.
    public var punctuatedLegalBases: [String] {
        legalBases.enumerated().map { index, line in
            line + (index == legalBases.count - 1 && proposer == nil ? "." : ";")
        }
    }

    /// `Nơi nhận` lines: `;` after each, `.` after the last.
    public var punctuatedRecipients: [String] {
        recipients.enumerated().map { index, line in line + (index == recipients.count - 1 ? "." : ";") }
    }
}

/// The person who signs and the signature block above the name.
public struct Signer: Sendable, Codable, Equatable {
    /// `Đặng Đức Sơn`.
    public var name: String
    /// `Chủ tịch`, `Phó Chủ tịch`, `Trưởng ban`.
    public var title: String
    /// The authority lines above the title, top first (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`). Nil when the data does
    /// not say, so the kind's default applies (`SignatureAuthority`); empty when it says there is none (`""` or null,
    /// as seed 004 signs with `CHỦ TỊCH` alone).
    public var authority: [String]?

    enum CodingKeys: String, CodingKey { case name = "ho_ten", title = "chuc_vu", authority = "tham_quyen" }

    /// `authority` as the data writes it: nil for not said, a text with one line per authority line, empty for none.
    public init(name: String, title: String, authority: String? = nil) {
        self.name = UnicodeNormalization.nfc(name)
        self.title = UnicodeNormalization.nfc(title)
        self.authority = authority.map { text in
            text.split(whereSeparator: \.isNewline).map { UnicodeNormalization.cleaned(String($0)) }.filter { !$0.isEmpty }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A key written as null or "" says "no authority line"; only an absent key leaves it to the kind.
        let authority: String? = c.contains(.authority) ? try c.decodeIfPresent(String.self, forKey: .authority) ?? "" : nil
        self.init(name: try c.decode(String.self, forKey: .name), title: try c.decode(String.self, forKey: .title), authority: authority)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(authority?.joined(separator: "\n"), forKey: .authority)
    }
}
