import Foundation
@testable import Storage
import Testing

@Suite("Store: password hashes and sessions")
struct AccountTests {
    @Test("a password hash is kept per user and replaced, never for an unknown user", arguments: StoreBackend.available)
    func passwordHashes(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        #expect(try await h.store.passwordHash(of: StoreHarness.clerk.id) == nil)
        try await h.store.setPasswordHash("$2b$10$first", of: StoreHarness.clerk.id, at: h.clock.now())
        try await h.store.setPasswordHash("$2b$10$second", of: StoreHarness.clerk.id, at: h.clock.now())
        #expect(try await h.store.passwordHash(of: StoreHarness.clerk.id) == "$2b$10$second")
        #expect(try await h.store.passwordHash(of: StoreHarness.chairman.id) == nil)
        await #expect(throws: StoreError.self) {
            try await h.store.setPasswordHash("$2b$10$x", of: "nobody", at: h.clock.now())
        }
    }

    @Test("communes are listed by id, as saved; saving one again replaces it", arguments: StoreBackend.available)
    func communes(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        #expect(try await h.store.communes() == [StoreHarness.commune, StoreHarness.otherCommune])
        let renamed = CommuneRecord(id: "yen-hoa", name: "Yên Hòa", bodyCode: "UBND", numbering: .perBody, profile: Data("{}".utf8))
        try await h.store.save(renamed)
        #expect(try await h.store.communes().map(\.numbering) == [.perBody, .perBody])
    }

    @Test("sessions are found by token hash, ended one by one or when expired", arguments: StoreBackend.available)
    func sessions(_ backend: StoreBackend) async throws {
        let h = try await StoreHarness(backend)
        let early = SessionRecord(tokenSHA256: "aa", userID: StoreHarness.clerk.id, csrfToken: "c1",
                                  createdAt: "2025-08-14T09:00:00+07:00", expiresAt: "2025-08-14T17:00:00+07:00")
        let late = SessionRecord(tokenSHA256: "bb", userID: StoreHarness.chairman.id, csrfToken: "c2",
                                 createdAt: "2025-08-14T09:00:00+07:00", expiresAt: "2025-08-15T17:00:00+07:00")
        let third = SessionRecord(tokenSHA256: "cc", userID: StoreHarness.archivist.id, csrfToken: "c3",
                                  createdAt: "2025-08-14T09:00:00+07:00", expiresAt: "2025-08-16T17:00:00+07:00")
        for session in [early, late, third] { try await h.store.save(session) }
        #expect(try await h.store.session(tokenSHA256: "bb") == late)
        #expect(try await h.store.session(tokenSHA256: "zz") == nil)
        // With its user, in one read, as every request asks.
        let both = try #require(try await h.store.sessionWithUser(tokenSHA256: "bb"))
        #expect(both.session == late && both.user == StoreHarness.chairman)
        #expect(try await h.store.sessionWithUser(tokenSHA256: "zz") == nil)

        try await h.store.deleteSession(tokenSHA256: "cc")
        try await h.store.deleteSession(tokenSHA256: "cc")
        #expect(try await h.store.session(tokenSHA256: "cc") == nil)

        #expect(try await h.store.deleteSessions(expiredBy: "2025-08-14T17:00:00+07:00") == 1)
        try await h.store.save(third)
        try await h.store.deleteSessions(of: StoreHarness.archivist.id)
        #expect(try await h.store.session(tokenSHA256: "cc") == nil)
        #expect(try await h.store.session(tokenSHA256: "aa") == nil)
        #expect(try await h.store.session(tokenSHA256: "bb") == late)
    }
}
