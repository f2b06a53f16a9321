import Domain
import Foundation
import Synchronization
import Templating
import Testing
import TestSupport
@testable import Documents

@Suite("Writing a batch of documents")
struct GeneratorTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-generate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("every document in every format is written once, progress counts to the total, no temporary file is left")
    func writesAll() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = try TeamFoundingDecision().documents(from: Fixtures.sample("gia-cat-to.json"), context: Fixtures.context())
        let templates = try DocumentFormat.allCases.map { try Fixtures.template("quyet-dinh-thanh-lap-to", $0) }
        let calls = Mutex<[Int]>([])
        let outputs = try DocumentGenerator.write(documents, templates: templates, to: folder, workers: 3) { done, total in
            #expect(total == 12)
            calls.withLock { $0.append(done) }
        }
        #expect(calls.withLock { $0 } == Array(1...12))
        #expect(outputs.map(\.url.lastPathComponent) == documents.flatMap { d in DocumentFormat.allCases.map { "\(d.name).\($0.rawValue)" } })
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == outputs.map(\.url.lastPathComponent).sorted())
        for output in outputs {
            let text = try DocumentText.of([UInt8](Data(contentsOf: output.url)))
            #expect(text.contains("Danh sách ấn định 4 người./."))
        }
    }

    @Test("a second run replaces the files of the first")
    func replaces() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let documents = try CommuneTeamsFoundingDecision().documents(from: Fixtures.sample("gia-cat-to.json"), context: DocumentContext())
        let template = try Fixtures.template("quyet-dinh-thanh-lap-cac-to", .docx)
        let first = try DocumentGenerator.write(documents, templates: [template], to: folder)
        try Data("old".utf8).write(to: first[0].url)
        let second = try DocumentGenerator.write(documents, templates: [template], to: folder)
        #expect(try DocumentText.of([UInt8](Data(contentsOf: second[0].url))).contains("Đào Xuân Đông"))
    }

    @Test("two documents with one file name, and a render error, are reported without a half-written file")
    func failures() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try Fixtures.template("quyet-dinh-thanh-lap-to", .odt)
        let same = [DocumentValues(name: "a", values: [:]), DocumentValues(name: "a", values: [:])]
        #expect(throws: GenerationError.self) { try DocumentGenerator.write(same, templates: [template], to: folder) }
        do {
            _ = try DocumentGenerator.write([DocumentValues(name: "thieu", values: [:])], templates: [template], to: folder)
            Issue.record("a document without its fields rendered")
        } catch {
            #expect(error.description.hasPrefix("thieu.odt: "))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
