import Foundation
import Storage
import Testing
import Workflow

@Suite("Store: nobody acts outside their role or commune")
struct AuthorizationTests {
    @Test("from every state, every action is refused to every user whose role may not take it, and to another commune's users",
          arguments: StoreBackend.available)
    func everyTransitionEveryRole(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        var refusals = 0, moves = 0
        for state in h.definition.states.map(\.id) {
            for action in WorkflowAction.allCases {
                for user in StoreHarness.everyone {
                    let id = try await h.document(in: state)
                    let before = try await h.store.history(of: id).count
                    let transition = h.definition.transition(action, from: state)
                    let mayTake = user.communeID == "gia-cat" && transition.map { !$0.roles.isDisjoint(with: user.roles) } == true
                        && !(transition?.guards.contains(.signerNotAuthor) == true && user.id == "lan")
                    do {
                        try await h.act(id, action, by: user, comment: "Ý kiến")
                        #expect(mayTake, "\(user.id) took \(action) from \(state)")
                        moves += 1
                    } catch let error as StoreError {
                        #expect(!mayTake, "\(user.id) refused \(action) from \(state): \(error)")
                        if user.communeID != "gia-cat" { #expect(error.description.contains("thuộc xã khác")) }
                        #expect(try await h.store.history(of: id).count == before)
                        refusals += 1
                    }
                }
            }
        }
        // Users who may: submit (lan), return from 2 states (hung, son), approve and sign (hung, son), archive (mai),
        // withdraw from 3 states (lan, hung, son): 1 + 4 + 2 + 2 + 1 + 9.
        #expect(moves == 19)
        #expect(refusals == 6 * 6 * 5 - 19)
    }

    @Test("only a drafting user of a commune creates or revises its documents", arguments: StoreBackend.available)
    func creation(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        do {
            _ = try await h.create(by: StoreHarness.archivist)
            Issue.record("an archivist created a draft")
        } catch let error as StoreError {
            #expect(error.description == "Chỉ Cán bộ soạn thảo mới được lập văn bản mới.")
        }
        let id = try await h.create().document.id
        let strangerRevision = ReviseDraft(documentID: id, userID: "tuan", expectedRevision: nil,
                                           version: StoreHarness.draft("x"), at: h.clock.now())
        await #expect(throws: StoreError.self) { try await h.store.revise(strangerRevision) }
        let stranger = try await h.create(by: StoreHarness.stranger)
        #expect(stranger.document.communeID == "yen-hoa")
    }
}
