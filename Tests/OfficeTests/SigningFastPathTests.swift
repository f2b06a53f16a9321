import Documents
import Domain
import VietnameseText
import Foundation
import OfficeZip
@testable import Office
@testable import Storage
import Templating
import TestSupport
import Testing

/// Signing fills the number, date and signer into values prepared before the store's lock, instead of reading the
/// data again; these tests hold it to the long way, byte for byte.
@Suite("Office: signing from prepared values")
struct SigningFastPathTests {
    static let finisher = KindFinisher(
        templatesDirectory: repositoryRoot.appendingPathComponent("templates"),
        context: DocumentContext(policies: try! TeamPolicy.loadAll(directory: repositoryRoot.appendingPathComponent("policies"))))

    static let viceChairman = UserRecord(id: "phochutich", fullName: "Hoàng Văn Minh", title: "Phó Chủ tịch",
                                         communeID: "gia-cat", roles: [.approver])

    /// A kind's sample as one document's data: the founding decision of one village keeps the first team only.
    static func sampleData(_ kind: any DocumentKind) throws -> Data {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent(kind.sample))
        guard kind.id == "quyet-dinh-thanh-lap-to" else { return data }
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        root["to"] = Array(try #require(root["to"] as? [Any]).prefix(1))
        return try JSONSerialization.data(withJSONObject: root)
    }

    static func prepared(_ kind: any DocumentKind, format: DocumentFormat, finisher: KindFinisher = finisher) throws -> PreparedKindVersion {
        let data = try sampleData(kind)
        let document = DocumentRecord(
            id: 1, communeID: "gia-cat", kind: kind.id, typeCode: kind.typeCode, title: kind.title, workflowID: "w",
            workflowVersion: 1, state: "approved", revision: 3, authorID: "canbo", createdAt: "", updatedAt: "", dueOn: nil, replacesID: nil)
        let version = VersionRecord(
            id: 1, documentID: 1, sequence: 1, format: format.rawValue, data: data, bytes: Data(), sha256: "draft",
            authorID: "canbo", createdAt: "", isFinal: false)
        let prepared = finisher.prepare(document, version: version)
        if let unreadable = prepared as? UnreadableVersion { Issue.record("\(kind.id): \(unreadable.error)") }
        return try #require(prepared as? PreparedKindVersion)
    }

    static func issue(_ day: String, number: Int) -> Storage.Issue {
        Storage.Issue(number: number, notation: "\(number)/QĐ-UBND", date: VietnameseDate(parsing: day)!, signer: viceChairman,
                      at: ISO8601DateFormatter().date(from: "\(day)T16:31:45+07:00")!)
    }

    @Test("every kind, ODT and DOCX, issued in the draft's year and the next: the same file and data as reading again",
          arguments: DocumentKinds.all.map(\.id), [DocumentFormat.odt, .docx])
    func sameAsReadingAgain(_ kindID: String, _ format: DocumentFormat) throws {
        let kind = try #require(DocumentKinds.named(kindID))
        let prepared = try Self.prepared(kind, format: format)
        let year = prepared.draft.issuance.year
        for issue in [Self.issue("\(year)-12-05", number: 7), Self.issue("\(year + 1)-01-02", number: 1)] {
            let shortWay = prepared.values.reissued(prepared.draft.issuance.issued(
                number: 7, date: issue.date, signerName: "A", signerTitle: "Chủ tịch")) != nil
            // Only a plan whose target year is its year of issue is read again in another year.
            #expect(shortWay == (issue.date.year == year || kindID != "ke-hoach-hoat-dong"))
            try expectSame(prepared, issue)
        }
    }

    func expectSame(_ prepared: PreparedKindVersion, _ issue: Storage.Issue) throws {
        let short = try prepared.final(issue: issue)
        let long = try prepared.finalByReading(issue: issue)
        #expect(short.version.bytes == long.version.bytes)
        #expect(short.version.data == long.version.data)
        #expect(short.details == long.details)
        #expect(try DocumentText.of([UInt8](short.version.bytes)).contains("Hoàng Văn Minh"))
        #expect(try DocumentText.of([UInt8](short.version.bytes)).contains(issue.date.long))
    }

    @Test("every kind, ODT and DOCX: rendered before its number and filled in, a final holds the same parts, data and details",
          arguments: DocumentKinds.all.map(\.id), [DocumentFormat.odt, .docx])
    func filledInLikeRendered(_ kindID: String, _ format: DocumentFormat) throws {
        let kind = try #require(DocumentKinds.named(kindID))
        let prepared = try Self.prepared(kind, format: format)
        let day = "\(prepared.draft.issuance.year)-12-05"
        let awaiting = try #require(prepared.finalAwaitingNumber { Self.issue(day, number: $0) })
        for number in [1, 9, 10, 123] {
            let filled = try awaiting.final(number: number)
            let rendered = try prepared.final(issue: Self.issue(day, number: number))
            #expect(filled.version.data == rendered.version.data)
            #expect(filled.details == rendered.details)
            #expect(filled.version.format == rendered.version.format)
            let filledPackage = try ZipArchive(bytes: [UInt8](filled.version.bytes))
            let renderedPackage = try ZipArchive(bytes: [UInt8](rendered.version.bytes))
            #expect(filledPackage.entries.map(\.name) == renderedPackage.entries.map(\.name))
            for (mine, theirs) in zip(filledPackage.entries, renderedPackage.entries) {
                #expect(try filledPackage.contents(of: mine) == renderedPackage.contents(of: theirs), "\(mine.name)")
            }
            #expect(try DocumentText.of([UInt8](filled.version.bytes)).contains(LegalNumbering.documentNumber(number) + "/"))
        }
    }

    @Test("a final is not rendered before its number when the year of issue changes more than the common fields")
    func notAwaitedInAnotherYear() throws {
        let prepared = try Self.prepared(try #require(DocumentKinds.named("ke-hoach-hoat-dong")), format: .odt)
        let day = "\(prepared.draft.issuance.year + 1)-01-05"
        #expect(prepared.finalAwaitingNumber { Self.issue(day, number: $0) } == nil)
    }

    @Test("a year of issue other than the draft's reads the data again: a plan's target year follows it")
    func anotherYearReadsAgain() throws {
        let kind = try #require(DocumentKinds.named("ke-hoach-hoat-dong"))
        let prepared = try Self.prepared(kind, format: .odt)
        let nextYear = prepared.draft.issuance.year + 1
        let issue = Self.issue("\(nextYear)-01-05", number: 1)
        let issuance = prepared.draft.issuance.issued(number: 1, date: issue.date, signerName: "A", signerTitle: "B")
        #expect(prepared.values.reissued(issuance) == nil)
        #expect(try prepared.final(issue: issue).version.bytes == prepared.finalByReading(issue: issue).version.bytes)
    }

    @Test("the stamped data keeps every byte of the draft outside “van_ban”")
    func stampKeepsTheRest() throws {
        let draft = Data("\u{FEFF}{ \"z\" : {\"van_ban\": \"}{\\\"\"}, \"van_ban\" :{\"nam\":2025, \"can_cu\": [\"a\"]} ,\"a\":[1,{\"b\":null}]}".utf8)
        let data = try IssuedData(draft)
        #expect(data.issuance.year == 2025 && data.issuance.legalBases == ["a"])
        let stamped = data.stamped(data.issuance.issued(
            number: 3, date: VietnameseDate(parsing: "2025-02-01")!, signerName: "Hoàng Văn Minh", signerTitle: "Phó Chủ tịch"))
        let text = String(decoding: stamped, as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}{ \"z\" : {\"van_ban\": \"}{\\\"\"}, \"van_ban\" :{"))
        #expect(text.hasSuffix("} ,\"a\":[1,{\"b\":null}]}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.dropFirst().utf8)) as? [String: Any])
        let issuance = try #require(object["van_ban"] as? [String: Any])
        #expect(issuance["so"] as? Int == 3 && issuance["ngay_ban_hanh"] as? String == "2025-02-01")
        #expect((issuance["nguoi_ky"] as? [String: Any])?["ho_ten"] as? String == "Hoàng Văn Minh")
    }

    @Test("data without “van_ban”, with it twice, or an escaped spelling of it, is told apart")
    func stampRefusals() throws {
        #expect(throws: IssuedData.Failure.self) { try IssuedData(Data(#"{"xa": {}}"#.utf8)) }
        #expect(throws: IssuedData.Failure.self) { try IssuedData(Data(#"{"van_ban": {"nam": 2025}, "van\u005fban": {"nam": 2026}}"#.utf8)) }
        #expect(try IssuedData(Data(#"{"van\u005fban": {"nam": 2026}}"#.utf8)).issuance.year == 2026)
        #expect(throws: IssuedData.Failure.self) { try IssuedData(Data("[1]".utf8)) }
    }

    @Test("the register's file unit: the last line's text after “Lưu:”, trimmed of spaces as Foundation trims them")
    func fileUnit() {
        let lines = ["Lưu: VT, VHXH", "Lưu:VT", "Lưu:   VT , X ", "Lưu: VT\t", "Lưu:\u{00A0}VT\u{2003}", "Lưu: \u{0301}VT", "Lưu:",
                     "Lưu: \nVT", "Lưu: Đ", "Như Điều 4", "Lưu : VT"]
        for line in lines {
            let expected = line.hasPrefix("Lưu:") ? String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces) : "VT"
            #expect(PreparedKindVersion.fileUnit(["Như Điều 4", line]) == expected, "\(line.debugDescription)")
        }
        #expect(PreparedKindVersion.fileUnit([]) == "VT")
    }
}
