import Foundation
import Storage
import TestSupport
import Testing
import VietnameseText

/// Kills a signing process with SIGKILL at random moments and checks what the store holds afterwards.
@Suite("Crash during signing")
struct CrashRecoveryTests {
    @Test("20 kills at random points: no gap, no duplicate, no half-signed version, a complete audit log")
    func killedWhileSigning() async throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("v.sqlite").path
        var random = SplitMix64(seed: 20_251_123)
        var killedMidway = 0
        for _ in 0..<20 {
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["bench", "sign", "--database", db, "--count", "30", "--workers", "4"]
            process.currentDirectoryURL = CommandLineTests.root
            let err = Pipe()
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Wait until the documents are ready and signing has begun, then kill within the next 120 ms.
            var said = Data()
            while !String(decoding: said, as: UTF8.self).contains("signing") {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said += chunk
            }
            usleep(useconds_t(random.next() % 120_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedMidway += 1
            }
            process.waitUntilExit()
        }
        #expect(killedMidway >= 10, "most runs must be killed before they finish")

        let store = try SQLiteStore(path: db)
        let year = VietnamTime.date(of: Date()).year
        let register = try await store.register(communeID: "gia-cat", year: year)
        #expect(!register.isEmpty)
        #expect(register.map(\.number) == Array(1...register.count), "numbers are gapless and unique")
        #expect(Set(register.map(\.documentID)).count == register.count)
        let registered = Set(register.map(\.documentID))
        let documents = try await store.documents(DocumentFilter())
        #expect(documents.count == 600)
        for document in documents {
            let versions = try await store.versions(of: document.id)
            let history = try await store.history(of: document.id)
            #expect(history.map(\.revision) == Array(1...document.revision), "audit log of \(document.id) is complete")
            #expect(history.last?.toState == document.state)
            let finals = versions.filter(\.isFinal)
            if document.state == "signed" {
                #expect(registered.contains(document.id))
                #expect(finals.count == 1 && finals[0].sha256 == SHA256Hex.digest(finals[0].bytes))
                #expect(history.last?.action == "sign" && history.last?.versionSHA256 == finals.first?.sha256)
            } else {
                #expect(!registered.contains(document.id) && finals.isEmpty, "document \(document.id) is half-signed")
            }
        }
    }
}
