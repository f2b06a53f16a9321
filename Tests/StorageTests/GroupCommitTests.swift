import Foundation
@testable import Storage
import Testing
import Workflow

@Suite("SQLite: writes that arrive together share a commit")
struct GroupCommitTests {
    @Test("40 signings at once, every other one failing: fewer commits than signings; the failed take no number")
    func failuresInASharedCommit() async throws {
        let h = try await StoreHarness(.sqlite)
        let store = try #require(h.store as? SQLiteStore)
        var ids: [Int64] = []
        for _ in 0..<40 { ids.append(try await h.document(in: "approved")) }
        let before = await store.batcher.transactions
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
        let commits = await store.batcher.transactions - before
        #expect(commits < 40, "the signings were grouped: \(commits) commits")
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
}
