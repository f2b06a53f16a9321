import Foundation
@testable import Storage
import Testing
import Workflow

@Suite("Stores: writes that arrive together share a commit")
struct GroupCommitTests {
    /// The transactions the store's group commit has run so far.
    static func transactions(of store: any Store) async throws -> Int {
        if let store = store as? SQLiteStore { return await store.batcher.transactions }
        let store = try #require(store as? PostgresStore)
        return await store.batcher.transactions
    }

    @Test("40 signings at once, every other one failing: fewer commits than signings; the failed take no number",
          arguments: StoreBackend.available)
    func failuresInASharedCommit(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        var ids: [Int64] = []
        for _ in 0..<40 { ids.append(try await h.document(in: "approved")) }
        let before = try await Self.transactions(of: h.store)
        let numberedBefore = (h.store as? PostgresStore)?.numberingCounts
        let outcomes = await withTaskGroup(of: (Int64, Bool).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let fails = index % 2 == 1
                    let signed = try? await h.act(id, .sign, by: StoreHarness.chairman, finisher: StubFinisher(fails: fails))
                    return (id, signed != nil)
                }
            }
            return await group.reduce(into: [Int64: Bool]()) { $0[$1.0] = $1.1 }
        }
        let commits = try await Self.transactions(of: h.store) - before
        #expect(commits < 40, "the signings were grouped: \(commits) commits")
        if let store = h.store as? PostgresStore, let numberedBefore {
            // PostgreSQL numbers a transaction's signings together and writes them in one statement.
            let counts = store.numberingCounts
            let statements = counts.statements - numberedBefore.statements
            #expect(counts.signings - numberedBefore.signings == 20)
            #expect(statements < 20, "the 20 signings were written in \(statements) statements")
        }
        let signed = ids.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        let failed = ids.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        #expect(signed.allSatisfy { outcomes[$0] == true } && failed.allSatisfy { outcomes[$0] == false })
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...20))
        #expect(Set(register.map(\.documentID)) == Set(signed))
        for id in failed {
            #expect(try await h.store.document(id)?.state == "approved")
            #expect(try await h.store.history(of: id).last?.action == "approve")
            #expect(try await h.store.versions(of: id).contains(where: \.isFinal) == false)
        }
    }

    @Test("PostgreSQL: writes the server refuses, sent among signings, fail alone; every signing is kept and numbered",
          .enabled(if: PostgresStoreTests.hasServer))
    func serverErrorInASharedCommit() async throws {
        let h = try await StoreHarness(.postgres)
        let store = try #require(h.store as? PostgresStore)
        var ids: [Int64] = []
        for _ in 0..<20 { ids.append(try await h.document(in: "approved")) }
        let before = await store.batcher.transactions
        // A refused statement aborts the transaction it runs in; a batch committed after one without taking it
        // back would lose every signing in it without a word (PostgreSQL answers COMMIT with ROLLBACK then).
        let outcomes = await withTaskGroup(of: (Int64?, Bool).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    (id, (try? await h.act(id, .sign, by: StoreHarness.chairman)) != nil)
                }
                if index % 2 == 0 {
                    group.addTask {
                        let changed = try? await store.write { db in
                            try await db.run("UPDATE versions SET format = 'x' WHERE document_id = \(id)")
                            return true
                        }
                        return (nil, changed == true)
                    }
                }
            }
            return await group.reduce(into: [(Int64?, Bool)]()) { $0.append($1) }
        }
        let commits = await store.batcher.transactions - before
        #expect(commits < 30, "the changes were grouped: \(commits) transactions for 30 changes")
        let refusedWrites = outcomes.filter { $0.0 == nil && !$0.1 }.count
        let signings = outcomes.filter { $0.0 != nil && $0.1 }.count
        #expect(refusedWrites == 10, "the server refused every change of a version")
        #expect(signings == 20, "every signing went through")
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...20))
        #expect(Set(register.map(\.documentID)) == Set(ids))
        for id in ids {
            #expect(try await h.store.document(id)?.state == "signed")
            #expect(try await h.store.versions(of: id).map(\.format) == ["odt", "odt"])
        }
    }

    @Test("PostgreSQL: in a shared transaction a change that fails takes back its own writes and no one else's",
          .enabled(if: PostgresStoreTests.hasServer))
    func savepoints() async throws {
        let h = try await StoreHarness(.postgres)
        let store = try #require(h.store as? PostgresStore)
        func insert(_ id: String, numbering: String = "per_body") -> PostgresStore.Body {
            PostgresStore.Body { db in
                try await db.run("""
                    INSERT INTO communes (id, name, body_code, numbering, profile)
                    VALUES (\(id), \(id), 'UBND', \(numbering), '\\x7b7d'::bytea)
                    """)
                return id
            }
        }
        func thenFail(_ body: PostgresStore.Body) -> PostgresStore.Body {
            PostgresStore.Body { db in
                _ = try await body.run(db)
                throw StoreError.documentNotFound(1)
            }
        }
        // The first two fail before anything is kept; then a server error (a CHECK constraint) and a thrown error
        // come after kept writes.
        let bodies = [thenFail(insert("a")), insert("b", numbering: "sai"), insert("c"), insert("d", numbering: "sai"),
                      thenFail(insert("e")), insert("f")]
        let results = try await store.read { db in try await PostgresStore.together(bodies, in: db) }
        #expect(results.map { (try? $0.get()) as? String } == [nil, nil, "c", nil, nil, "f"])
        let kept = try await store.read { db in
            try await db.rows("SELECT id FROM communes WHERE length(id) = 1 ORDER BY id").map { try $0.text("id") }
        }
        #expect(kept == ["c", "f"])
    }

    @Test("the same signing sent ten times at once with one key: one number, nine replays of it",
          arguments: StoreBackend.available)
    func oneKeyTenTimes(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let others = [try await h.document(in: "approved"), try await h.document(in: "approved")]
        let id = try await h.document(in: "approved")
        let outcomes = try await withThrowingTaskGroup(of: ChangeOutcome?.self) { group in
            // Signings of other documents around it, so that the retries share transactions with other signings.
            for other in others { group.addTask { try await h.act(other, .sign, by: StoreHarness.chairman); return nil } }
            for _ in 0..<10 { group.addTask { try await h.act(id, .sign, by: StoreHarness.chairman, key: "ky-1") } }
            return try await group.reduce(into: [ChangeOutcome]()) { if let outcome = $1 { $0.append(outcome) } }
        }
        #expect(outcomes.count(where: { !$0.replayed }) == 1)
        #expect(Set(outcomes.compactMap(\.registered?.number)).count == 1)
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == [1, 2, 3])
        #expect(try await h.store.history(of: id).filter { $0.action == "sign" }.count == 1)
    }

    @Test("one key used for two documents among signings at once: one of the two is refused, the rest are numbered without a gap",
          arguments: StoreBackend.available)
    func oneKeyTwoDocuments(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        var ids: [Int64] = []
        for _ in 0..<8 { ids.append(try await h.document(in: "approved")) }
        let results = await withTaskGroup(of: (Int64, Result<ChangeOutcome, any Error>).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let key = index == 2 || index == 5 ? "ky-chung" : "ky-\(index)"
                    do { return (id, .success(try await h.act(id, .sign, by: StoreHarness.chairman, key: key))) }
                    catch { return (id, .failure(error)) }
                }
            }
            return await group.reduce(into: [Int64: Result<ChangeOutcome, any Error>]()) { $0[$1.0] = $1.1 }
        }
        let refused = ids.filter {
            if case let .failure(error) = results[$0]!, case StoreError.idempotencyKeyReused = error { return true }
            return false
        }
        #expect(refused.count == 1 && [ids[2], ids[5]].contains(refused.first ?? 0))
        let signed = ids.filter { (try? results[$0]!.get()) != nil }
        #expect(signed.count == 7)
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...7))
        #expect(Set(register.map(\.documentID)) == Set(signed))
    }

    @Test("PostgreSQL: a signing the server refuses to store fails alone when written together with others; the rest keep gapless numbers",
          .enabled(if: PostgresStoreTests.hasServer))
    func refusedStatementAmongSignings() async throws {
        let h = try await StoreHarness(.postgres)
        let store = try #require(h.store as? PostgresStore)
        var ids: [Int64] = []
        for _ in 0..<24 { ids.append(try await h.document(in: "approved")) }
        let before = store.numberingCounts
        let outcomes = await withTaskGroup(of: (Int64, Bool).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let finisher = StubFinisher(poisonsFormat: index % 6 == 3)
                    return (id, (try? await h.act(id, .sign, by: StoreHarness.chairman, finisher: finisher)) != nil)
                }
            }
            return await group.reduce(into: [Int64: Bool]()) { $0[$1.0] = $1.1 }
        }
        let poisoned = ids.enumerated().filter { $0.offset % 6 == 3 }.map(\.element)
        let signed = ids.filter { !poisoned.contains($0) }
        #expect(poisoned.allSatisfy { outcomes[$0] == false } && signed.allSatisfy { outcomes[$0] == true })
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...20))
        #expect(Set(register.map(\.documentID)) == Set(signed))
        for id in poisoned {
            #expect(try await h.store.document(id)?.state == "approved")
            #expect(try await h.store.versions(of: id).contains(where: \.isFinal) == false)
        }
        let counts = store.numberingCounts
        #expect(counts.oneByOne > before.oneByOne, "a failed statement made its transaction write one by one")
    }

    @Test("PostgreSQL: signings rendered before their numbers only have them filled in under the lock, each its own",
          .enabled(if: PostgresStoreTests.hasServer))
    func filledInUnderTheLock() async throws {
        let h = try await StoreHarness(.postgres)
        var ids: [Int64] = []
        for _ in 0..<20 { ids.append(try await h.document(in: "approved")) }
        let finals = StubFinisher.FinalCount()
        let finisher = StubFinisher(finals: finals)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in ids { group.addTask { try await h.act(id, .sign, by: StoreHarness.chairman, finisher: finisher) } }
            try await group.waitForAll()
        }
        #expect(finals.filled >= 20 && finals.rendered == 0, "filled \(finals.filled), rendered \(finals.rendered)")
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...20))
        for line in register {
            let final = try #require(try await h.store.currentVersion(of: line.documentID))
            #expect(final.isFinal && String(decoding: final.bytes, as: UTF8.self).contains("Số: \(line.notation)"))
        }
    }
}
