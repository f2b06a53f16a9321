import Foundation
@testable import Storage
import Testing
import VietnameseText
import Workflow

@Suite("Store: the final version rendered before the write lock, the number filled in under it")
struct FinalBeforeLockTests {
    @Test("used only when made from the current version for the very issue the locked change gives")
    func usedOnlyWhenItFits() async throws {
        let h = try await StoreHarness(.sqlite)
        let signing = try await SigningUnderLock(h)
        let (document, current, older, at) = (signing.document, signing.current, signing.older, signing.request.at)
        let signed = signing.signedBytes

        /// Plans the signing with a final rendered before the lock from `version`, signed by `signer` at `instant`;
        /// returns the signed bytes and how the final was made.
        func plan(from version: VersionRecord, signer: UserRecord = StoreHarness.chairman, instant: Date? = nil)
            throws -> (bytes: String, filled: Int, rendered: Int) {
            let finals = StubFinisher.FinalCount()
            let finisher = StubFinisher(finals: finals)
            let prepared = finisher.prepare(document, version: version)
            let issue: @Sendable (Int) -> Storage.Issue = { number in
                ChangePlanner.issue(number: number, of: document, commune: StoreHarness.commune, signer: signer, at: instant ?? at)
            }
            let beforeLock = try #require(prepared.finalAwaitingNumber(issue).map {
                FinalBeforeLock(versionSHA256: prepared.versionSHA256, issue: issue, awaiting: $0)
            })
            let made = try ChangePlanner.plan(signing.request, facts: signing.facts, finisher: finisher, beforeLock: beforeLock,
                                              calendar: StoreHarness.workflows.calendar)
            let bytes = try #require(made.newVersion?.version.bytes)
            #expect(made.registered?.notation == "05/QĐ-UBND")
            return (String(decoding: bytes, as: UTF8.self), finals.filled, finals.rendered)
        }

        // Made from the current version for the same issue: the number is only filled in.
        let fits = try plan(from: current)
        #expect(fits.bytes == signed && fits.filled == 1 && fits.rendered == 0)
        // Made from a version that is no longer the current one: rendered under the lock from the current one.
        let stale = try plan(from: older)
        #expect(stale.bytes == signed && stale.filled == 0 && stale.rendered == 1)
        // Made for another signer or another instant (what a snapshot could see before a change): rendered again.
        for other in [try plan(from: current, signer: StoreHarness.clerk), try plan(from: current, instant: at.addingTimeInterval(1))] {
            #expect(other.bytes == signed && other.filled == 0 && other.rendered == 1)
        }
    }

    @Test("40 signings at once, every third failing: each signed version names its own number, filled in, never rendered under the lock")
    func signedVersionsNameTheirNumbers() async throws {
        let h = try await StoreHarness(.sqlite)
        var ids: [Int64] = []
        for _ in 0..<40 { ids.append(try await h.document(in: "approved")) }
        let finals = StubFinisher.FinalCount()
        let results = await withTaskGroup(of: (Int64, Bool).self) { group in
            for (index, id) in ids.enumerated() {
                group.addTask {
                    let finisher = index % 3 == 1 ? StubFinisher(fails: true) : StubFinisher(finals: finals)
                    let signed = try? await h.act(id, .sign, by: StoreHarness.chairman, finisher: finisher)
                    return (id, signed != nil)
                }
            }
            return await group.reduce(into: [Int64: Bool]()) { $0[$1.0] = $1.1 }
        }
        let signed = ids.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
        #expect(signed.allSatisfy { results[$0] == true })
        #expect(finals.filled == signed.count && finals.rendered == 0, "filled \(finals.filled), rendered \(finals.rendered)")
        let register = try await h.store.register(communeID: "gia-cat", year: 2025)
        #expect(register.map(\.number) == Array(1...signed.count))
        for line in register {
            let final = try #require(try await h.store.versions(of: line.documentID).last)
            #expect(final.isFinal)
            #expect(String(decoding: final.bytes, as: UTF8.self).hasSuffix("| Số: \(line.notation) | ngày 14 tháng 8 năm 2025 | Hoàng Văn Hùng"),
                    "document \(line.documentID) numbered \(line.notation)")
        }
    }
}
