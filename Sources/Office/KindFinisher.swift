import Documents
import Domain
import Foundation
import Storage
import Synchronization
import Templating
import VietnameseText

/// Renders documents of the known kinds from their data: drafts when they are created, the signed version at signing.
public final class KindFinisher: DocumentFinisher {
    let templatesDirectory: URL
    let context: DocumentContext
    /// Where the signature and seal pictures of signed versions come from; nil signs without pictures.
    let artwork: (any ArtworkSource)?
    private let compiled = Mutex<[String: CompiledTemplate]>([:])

    /// `artwork` gives the signature and seal pictures put into signed versions; without it, signed versions keep
    /// the blank signature space of their drafts.
    public init(templatesDirectory: URL, context: DocumentContext, artwork: (any ArtworkSource)? = nil) {
        self.templatesDirectory = templatesDirectory
        self.context = context
        self.artwork = artwork
    }

    /// The ids of the province policies it knows (`policies/*.yaml`), sorted; empty when it was given none.
    public var policyIDs: [String] { context.policies.keys.sorted() }

    /// The one document a data file makes for `kind`, with the rule violations that block it.
    func prepare(_ kind: any DocumentKind, data: Data) throws -> (document: DocumentValues, blocking: [String]) {
        let batch: DocumentBatch
        do {
            batch = try kind.prepare(from: data, context: context)
        } catch {
            throw OfficeError.badData(error.message)
        }
        guard batch.documents.count == 1 else {
            throw OfficeError.badData("Tệp dữ liệu tạo ra \(batch.documents.count) văn bản; mỗi hồ sơ chỉ giữ một văn bản. "
                + "Hãy tách tệp theo từng văn bản (mỗi thôn một tệp), hoặc dùng loại quyet-dinh-thanh-lap-cac-to cho cả xã.")
        }
        return (batch.documents[0], batch.violations.filter { $0.severity == .error }.map(\.description))
    }

    /// Renders data as a file of `format`.
    func render(_ kind: any DocumentKind, data: Data, format: DocumentFormat) throws -> (NewVersion, DocumentValues) {
        let (document, _) = try prepare(kind, data: data)
        return (try Self.version(document, data: data, template: try template(kind.id, format: format), format: format),
                document)
    }

    /// A document's values rendered with `template`, kept with the data they came from.
    static func version(_ document: DocumentValues, data: Data, template: CompiledTemplate, format: DocumentFormat) throws
        -> NewVersion {
        do {
            return NewVersion(format: format.rawValue, data: data, bytes: try template.render(document.values))
        } catch {
            throw OfficeError.badData(error.description)
        }
    }

    func template(_ kind: String, format: DocumentFormat) throws -> CompiledTemplate {
        let key = "\(kind).\(format.rawValue)"
        if let known = compiled.withLock({ $0[key] }) { return known }
        let url = templatesDirectory.appendingPathComponent(key)
        do {
            let template = try CompiledTemplate(contentsOf: url)
            compiled.withLock { $0[key] = template }
            return template
        } catch {
            throw OfficeError.template("\(url.path): \(error.description)")
        }
    }

    static func kind(_ id: String) throws -> any DocumentKind {
        guard let kind = DocumentKinds.named(id) else {
            throw OfficeError.unknownKind(id, known: DocumentKinds.all.map(\.id))
        }
        return kind
    }

    /// A commune's pictures, loaded here so that the files are read before the store's write lock; a file that
    /// cannot be used fails the signing (and only the signing) that needs it.
    func loadArtwork(of communeID: String) -> Result<CommuneArtwork, ArtworkError> {
        guard let artwork else { return .success(.none) }
        return Result { () throws(ArtworkError) in try artwork.artwork(ofCommune: communeID) }
    }

    // MARK: DocumentFinisher

    public func prepare(_ document: DocumentRecord, version: VersionRecord) -> any PreparedVersion {
        do {
            let kind = try Self.kind(document.kind)
            let format = DocumentFormat(rawValue: version.format) ?? .odt
            let (values, blocking) = try prepare(kind, data: version.data)
            return PreparedKindVersion(
                finisher: self, kind: kind, format: format, template: try template(kind.id, format: format),
                versionSHA256: version.sha256, draft: try IssuedData(version.data, decoded: values.header?.issuance),
                values: values, problems: blocking, artwork: loadArtwork(of: document.communeID))
        } catch {
            return UnreadableVersion(versionSHA256: version.sha256, error: error)
        }
    }
}

/// A version whose data could not be read: the reason blocks it, and it cannot be signed.
struct UnreadableVersion: PreparedVersion {
    let versionSHA256: String
    let error: any Error
    var problems: [String] { [String(describing: error)] }
    func final(issue: Issue) throws -> FinalDocument { throw error }
}

/// A version of a known kind, read and checked once, with its template and its values ready.
///
/// Signing then only puts the issued number, date and signer into the common fields and renders: the data is not
/// decoded again, so the work under the store's write lock stays small. When the issue changes more than the common
/// fields (a year of issue other than the draft's), the stamped data is read again from the start.
struct PreparedKindVersion: PreparedVersion {
    let finisher: KindFinisher
    let kind: any DocumentKind
    let format: DocumentFormat
    let template: CompiledTemplate
    let versionSHA256: String
    let draft: IssuedData
    let values: DocumentValues
    let problems: [String]
    /// The commune's signature-block pictures, or why they could not be loaded.
    let artwork: Result<CommuneArtwork, ArtworkError>

    func final(issue: Issue) throws -> FinalDocument { try final(issue, readingAgain: false) }

    /// The signed version made the long way, by reading the stamped data again: what `final(issue:)` must equal.
    func finalByReading(issue: Issue) throws -> FinalDocument { try final(issue, readingAgain: true) }

    private func final(_ issue: Issue, readingAgain: Bool) throws -> FinalDocument {
        let pictures = try artwork.get().signed(by: issue.signer.id)
        let issuance = draft.issuance(for: issue)
        let data = draft.stamped(issuance)
        let issued: DocumentValues
        if !readingAgain, let reissued = values.reissued(issuance, artwork: pictures) {
            issued = reissued
        } else {
            let (document, _) = try finisher.prepare(kind, data: data)
            // The data now states the issuance; only the pictures are added to what it says.
            issued = document.reissued(issuance, artwork: pictures) ?? document
        }
        let version = try KindFinisher.version(issued, data: data, template: template, format: format)
        return FinalDocument(version: version, details: details(issuance, issued, signer: issue.signer))
    }

    /// The signed version rendered with a marker in the number's place, which `SplicedFinal` fills in. The marker is
    /// a number of 19 random digits: no data holds it (the draft's is checked), and the templates print the number
    /// as it is. Nil when the issue changes more than the common fields, a picture is missing or the marker does
    /// not reach the document: the signing then renders under the lock as before.
    func finalAwaitingNumber(_ issue: @escaping @Sendable (Int) -> Issue) -> (any FinalAwaitingNumber)? {
        let marker = Int.random(in: 1_000_000_000_000_000_000...Int.max)
        let markerText = LegalNumbering.documentNumber(marker)
        let probe = issue(marker)
        guard !draft.contains(markerText), let pictures = try? artwork.get().signed(by: probe.signer.id) else { return nil }
        let issuance = draft.issuance(for: probe)
        guard let issued = values.reissued(issuance, artwork: pictures),
              let spliced = try? template.renderSpliced(issued.values, marker: markerText) else { return nil }
        return SplicedFinal(draft: draft, format: format, spliced: spliced, issue: issue,
                            details: details(issuance, issued, signer: probe.signer))
    }

    private func details(_ issuance: Issuance, _ values: DocumentValues, signer: UserRecord) -> RegisterDetails {
        // The register keeps the recipients as the data lists them, without the punctuation the template adds.
        let recipients = issuance.recipients
        return RegisterDetails(typeName: kind.typeName, subject: kind.subject(of: values), signer: signer.fullName,
                               recipients: recipients, fileUnit: Self.fileUnit(recipients))
    }

    /// The unit that keeps the file copy, from the last recipient line (`Lưu: VT, VHXH`); `VT` when it names none.
    static func fileUnit(_ recipients: [String]) -> String {
        guard let line = recipients.last, line.hasPrefix("Lưu:") else { return "VT" }
        // What `trimmingCharacters(in: .whitespaces)` leaves. Leading ASCII spaces go first, and then text that
        // surely starts and ends with no such space (a printable ASCII character or a Latin letter) is kept as it
        // is, which spares Foundation's character sets at every signing.
        var unit = Substring(line.dropFirst(4)).unicodeScalars
        while unit.first == " " { unit = unit.dropFirst() }
        func surelyNotSpace(_ scalar: Unicode.Scalar?) -> Bool {
            guard let value = scalar?.value else { return false }
            return (0x21...0x7E).contains(value) || (0xC0...0x24F).contains(value) || (0x1E00...0x1EFF).contains(value)
        }
        guard surelyNotSpace(unit.first), surelyNotSpace(unit.last) else {
            return String(Substring(unit)).trimmingCharacters(in: .whitespaces)
        }
        return String(Substring(unit))
    }
}

/// A signed version rendered but for its number: filling the number in stamps the data and splices the number's
/// digits into the package's deflated parts.
struct SplicedFinal: FinalAwaitingNumber {
    let draft: IssuedData
    let format: DocumentFormat
    let spliced: SplicedPackage
    let issue: @Sendable (Int) -> Issue
    /// The register's details, which do not depend on the number.
    let details: RegisterDetails

    func final(number: Int) throws -> FinalDocument {
        let issuance = draft.issuance(for: issue(number))
        let bytes = spliced.filled(with: LegalNumbering.documentNumber(number))
        return FinalDocument(version: NewVersion(format: format.rawValue, data: draft.stamped(issuance), bytes: Data(bytes)),
                             details: details)
    }
}
