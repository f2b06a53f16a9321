import Foundation
import Storage
import Testing
import VietnameseText

/// Several `vanban` processes signing on one store at once, as several servers of one deployment would.
@Suite("Signing from several processes on one store")
struct MultiProcessSigningTests {
    /// Runs `vanban bench sign` with `--processes 3` on a store and returns the JSON it printed.
    static func benchSign(_ storeArguments: [String], count: Int) throws -> [String: Any] {
        let process = Process(), output = Pipe()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["bench", "sign"] + storeArguments
            + ["--count", String(count), "--workers", "4", "--processes", "3", "--json"]
        process.currentDirectoryURL = CommandLineTests.root
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: printed) as? [String: Any])
    }

    /// What every such run must leave: each document signed once, numbers 1 to `count` each exactly once.
    static func expectEverySignedOnce(_ store: any Store, count: Int) async throws {
        let register = try await store.register(communeID: "gia-cat", year: VietnamTime.date(of: Date()).year)
        #expect(register.map(\.number) == Array(1...count), "numbers 1 to \(count), each once")
        #expect(Set(register.map(\.documentID)).count == count)
        let documents = try await store.documents(DocumentFilter())
        #expect(documents.count == count && documents.allSatisfy { $0.state == "signed" })
    }

    @Test("1,000 signings from 3 processes sharing one PostgreSQL database: numbers 1 to 1,000 each exactly once")
    func threeProcessesOnPostgres() async throws {
        guard let server = ProcessInfo.processInfo.environment["VANBAN_TEST_DATABASE_URL"] else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("CI runs the PostgreSQL tests: VANBAN_TEST_DATABASE_URL must be set (scripts/test.sh sets it)")
            } else {
                FileHandle.standardError.write(Data(
                    "PostgreSQL multi-process test skipped: VANBAN_TEST_DATABASE_URL is not set (scripts/postgres.sh start prints one)\n".utf8))
            }
            return
        }
        // A database of its own, which the bench creates; the store tests sweep old vanban_t_* databases.
        let name = "vanban_t_\(Int(Date().timeIntervalSince1970))_" + UUID().uuidString.prefix(8).lowercased()
        let url = String(server[..<server.lastIndex(of: "/")!]) + "/" + name
        let printed = try Self.benchSign(["--database-url", url], count: 1_000)
        #expect(printed["signed"] as? Int == 1_000 && printed["processes"] as? Int == 3)
        let store = try await PostgresStore.open(url: url)
        try await Self.expectEverySignedOnce(store, count: 1_000)
        await store.close()
    }

    @Test("300 signings from 3 processes sharing one SQLite file: numbers 1 to 300 each exactly once")
    func threeProcessesOnSQLite() async throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("v.sqlite").path
        let printed = try Self.benchSign(["--database", db], count: 300)
        #expect(printed["signed"] as? Int == 300)
        try await Self.expectEverySignedOnce(try SQLiteStore(path: db), count: 300)
    }
}
