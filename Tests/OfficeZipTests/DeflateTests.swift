import OfficeZip
import Testing

@Suite("Deflating")
struct DeflateTests {
    func deflatedArchive(level: Int32, bytes: [UInt8]) -> [UInt8] {
        var writer = ZipWriter()
        writer.addDeflated(name: "content.xml", bytes: bytes, level: level)
        return writer.finish()
    }

    @Test("reused streams carry no state over: output depends only on input and level")
    func reuseIsStateless() {
        let first = sampleXML(paragraphs: 100)
        let second = pseudoRandomBytes(count: 5000, seed: 5)
        let reference = deflatedArchive(level: 1, bytes: first)
        _ = deflatedArchive(level: 9, bytes: second)
        _ = deflatedArchive(level: 1, bytes: second)
        #expect(deflatedArchive(level: 1, bytes: first) == reference)
    }

    @Test("higher levels compress at least as well on XML")
    func levelsMatter() {
        let xml = sampleXML(paragraphs: 400)
        #expect(deflatedArchive(level: 9, bytes: xml).count <= deflatedArchive(level: 1, bytes: xml).count)
    }

    @Test("many writers deflating at once each get correct output")
    func concurrentWriters() async throws {
        let results = await withTaskGroup(of: Bool.self, returning: [Bool].self) { group in
            for task in 0..<24 {
                group.addTask {
                    let body = sampleXML(paragraphs: 20 + task)
                    let level = Int32(task % 9 + 1)
                    guard let archive = try? ZipArchive(bytes: deflatedArchive(level: level, bytes: body)) else { return false }
                    return (try? archive.contents(of: archive.entries[0])) == body
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 24)
        #expect(results.allSatisfy { $0 })
    }
}
