import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Storage
import TestSupport
import Testing
import VietnameseText

/// Kills `vanban serve` with SIGKILL while clerks and approvers work through the API, restarts it, and checks that
/// everything the server acknowledged is still there and that retries act once.
@Suite("Server killed mid-story")
struct ServerCrashTests {
    /// A running `vanban serve` on its own store and a free port.
    struct Server {
        let process: Process
        let base: URL
        let passwords: [String: String]

        static func start(database: String) throws -> Server {
            let process = Process()
            process.executableURL = CommandLineTests.binary
            process.arguments = ["serve", "--database", database, "--port", "0"]
            process.currentDirectoryURL = CommandLineTests.root
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var said = ""
            while !said.contains("vanthu") {
                let chunk = out.fileHandleForReading.availableData
                guard !chunk.isEmpty else { throw Failure(description: "the server stopped before it was ready: \(said)") }
                said += String(decoding: chunk, as: UTF8.self)
            }
            let address = said.components(separatedBy: "tại ")[1].prefix { $0 != " " }
            var passwords: [String: String] = [:]
            for line in said.split(separator: "\n") where line.contains("mật khẩu") {
                let words = line.split(separator: " ")
                passwords[String(words[0])] = String(words[3])
            }
            return Server(process: process, base: URL(string: String(address) + "/api/v1/")!, passwords: passwords)
        }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        /// One API call; returns the status and the JSON body.
        func call(_ method: String, _ path: String, token: String? = nil, body: Data? = nil, key: String? = nil)
            async throws -> (status: Int, json: [String: Any]) {
            var request = URLRequest(url: URL(string: path, relativeTo: base)!)
            request.httpMethod = method
            request.timeoutInterval = 30
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let key { request.setValue(key, forHTTPHeaderField: "Idempotency-Key") }
            let (data, response) = try await Self.session.data(for: request)
            let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as! HTTPURLResponse).statusCode, json)
        }

        /// An API client keeps no cookies; it signs its calls with the bearer token.
        static let session: URLSession = {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieStorage = nil
            configuration.httpShouldSetCookies = false
            return URLSession(configuration: configuration)
        }()

        func token(_ user: String) async throws -> String {
            guard let password = passwords[user] else { throw Failure(description: "no password for \(user) in \(passwords)") }
            let body = try JSONSerialization.data(withJSONObject: ["user": user, "password": password])
            let answer = try await call("POST", "session", body: body)
            guard let token = answer.json["token"] as? String else {
                throw Failure(description: "signing in as \(user) failed: \(answer.status) \(answer.json)")
            }
            return token
        }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// What the server said it did: creations by key, and actions by key with their document.
    actor Acknowledged {
        var creations: [String: Int64] = [:]
        var actions: [(key: String, document: Int64, action: String)] = []
        func created(_ key: String, _ id: Int64) { creations[key] = id }
        var count: Int { creations.count + actions.count }
        func acted(_ key: String, _ id: Int64, _ action: String) { actions.append((key, id, action)) }
    }

    @Test("killed 3 times while 12 clerks and approvers work: all that was acknowledged survives; retries act once")
    func killedMidStory() async throws {
        let dir = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let database = dir.appendingPathComponent("v.sqlite").path
        let sample = try Data(contentsOf: CommandLineTests.root.appendingPathComponent("samples/gia-cat-to.json"))
        let acknowledged = Acknowledged()
        var random = SplitMix64(seed: 20_261_123)
        for round in 0..<3 {
            let server = try Server.start(database: database)
            let clerk = try await server.token("canbo"), chairman = try await server.token("chutich")
            let work = Task {
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<12 {
                        group.addTask {
                            let key = "r\(round)-w\(worker)"
                            guard let created = try? await server.call("POST", "documents?kind=quyet-dinh-thanh-lap-cac-to",
                                                                       token: clerk, body: sample, key: key),
                                  created.status == 201,
                                  let id = (created.json["document"] as? [String: Any])?["id"] as? Int else { return }
                            await acknowledged.created(key, Int64(id))
                            for (step, (action, token)) in [("submit", clerk), ("approve", chairman), ("sign", chairman)].enumerated() {
                                let body = try! JSONSerialization.data(withJSONObject: ["action": action, "revision": step + 1])
                                guard let done = try? await server.call("POST", "documents/\(id)/actions", token: token, body: body,
                                                                        key: "\(key)-\(action)"),
                                      done.status == 200 else { return }
                                await acknowledged.acted("\(key)-\(action)", Int64(id), action)
                            }
                        }
                    }
                }
            }
            // Kill once some work was acknowledged (however loaded the machine), a random moment later.
            let before = await acknowledged.count
            let deadline = Date().addingTimeInterval(60)
            while await acknowledged.count < before + 3, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
            usleep(useconds_t(random.next() % 200_000))
            server.kill()
            await work.value
        }

        let server = try Server.start(database: database)
        defer { server.kill() }
        let clerk = try await server.token("canbo")
        let creations = await acknowledged.creations, actions = await acknowledged.actions
        #expect(creations.count >= 3, "enough work was acknowledged before the kills to mean something")
        #expect(actions.count < creations.count * 3, "some work was cut short by a kill")
        // A retried creation answers with the document it made, and makes no second one.
        for (key, id) in creations {
            let again = try await server.call("POST", "documents?kind=quyet-dinh-thanh-lap-cac-to", token: clerk, body: sample, key: key)
            #expect(again.status == 200 && again.json["replayed"] as? Bool == true)
            #expect((again.json["document"] as? [String: Any])?["id"] as? Int == Int(id))
        }
        let store = try SQLiteStore(path: database)
        for (key, id, action) in actions {
            #expect(try await store.history(of: id).contains { $0.action == action }, "\(key) was acknowledged but is lost")
        }
        let documents = try await store.documents(DocumentFilter())
        #expect(Set(documents.map(\.id)).isSuperset(of: Set(creations.values)))
        for document in documents {
            let history = try await store.history(of: document.id)
            #expect(history.map(\.revision) == Array(1...document.revision), "the audit log of \(document.id) is complete")
        }
        let register = try await store.register(communeID: "gia-cat", year: VietnamTime.date(of: Date()).year)
        #expect(register.map(\.number) == Array(stride(from: 1, through: register.count, by: 1)), "numbers are gapless")
        // A signing may be stored and the kill come before its answer, so the register may hold more than was said.
        #expect(register.count >= actions.filter { $0.action == "sign" }.count, "every acknowledged signing has its number")
        // Every signing left a job; the PDFs the kills cut short are made after the restart, each once.
        for line in register { #expect(try await store.signingJob(of: line.documentID) != nil, "\(line.notation) has no signing job") }
        guard LibreOffice.poolShouldRun else {
            print("signed PDFs after the kills not checked: \(LibreOffice.poolSkipReason)")
            return
        }
        var missing = register.map(\.documentID)
        let deadline = Date().addingTimeInterval(240)
        while !missing.isEmpty, Date() < deadline {
            var still: [Int64] = []
            for id in missing where try await store.signedPDF(of: id) == nil { still.append(id) }
            missing = still
            if !missing.isEmpty { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(missing.isEmpty, "signed but no PDF original after the restart: \(missing)")
        #expect(try await store.pendingSigningJobs().isEmpty)
    }
}
