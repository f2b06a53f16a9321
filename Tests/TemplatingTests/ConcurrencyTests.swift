import TestSupport
import Foundation
import Testing
@testable import Templating

@Suite("Concurrent rendering")
struct ConcurrencyTests {
    @Test("one compiled template renders from many threads at once with identical results")
    func manyThreads() async throws {
        let template = try CompiledTemplate(contentsOf: repositoryRoot.appendingPathComponent("templates/quyet-dinh-thanh-lap-cac-to.docx"))
        let data = try TemplateValue.decodeJSON(Data(contentsOf: repositoryRoot.appendingPathComponent("samples/gia-cat.json")))
        let expected: [UInt8] = try template.render(data)
        let outputs = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<64 {
                group.addTask { try template.render(data) }
            }
            var all: [[UInt8]] = []
            for try await output in group { all.append(output) }
            return all
        }
        #expect(outputs.count == 64)
        #expect(outputs.allSatisfy { $0 == expected })
    }
}
