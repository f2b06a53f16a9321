import Foundation
import GRDB
import VietnameseText

extension SQLiteStore {
    public func setPasswordHash(_ hash: String, of userID: String, at: Date) async throws {
        try await write { db in
            guard try Self.user(db, userID) != nil else { throw StoreError.userNotFound(userID) }
            try db.cachedStatement(sql: """
                INSERT INTO credentials (user_id, password_hash, changed_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at
                """).execute(arguments: [userID, hash, VietnamTime.iso8601(at)])
        }
    }

    public func passwordHash(of userID: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT password_hash FROM credentials WHERE user_id = ?"),
                                arguments: [userID])
        }
    }

    public func save(_ session: SessionRecord) async throws {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [session.tokenSHA256, session.userID, session.csrfToken, session.createdAt,
                                         session.expiresAt])
        }
    }

    public func session(tokenSHA256: String) async throws -> SessionRecord? {
        try await read { db in
            try db.cachedStatement(sql: "SELECT * FROM sessions WHERE token_sha256 = ?")
                .one([tokenSHA256], RowDecoding.session)
        }
    }

    public func sessionWithUser(tokenSHA256: String) async throws -> (session: SessionRecord, user: UserRecord)? {
        try await read { db in
            try db.cachedStatement(sql: """
                SELECT s.*, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = ?
                """).one([tokenSHA256]) { (try RowDecoding.session($0), try RowDecoding.user($0)) }
        }
    }

    public func deleteSession(tokenSHA256: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM sessions WHERE token_sha256 = ?").execute(arguments: [tokenSHA256])
        }
    }

    public func deleteSessions(of userID: String) async throws {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM sessions WHERE user_id = ?").execute(arguments: [userID])
        }
    }

    public func deleteSessions(expiredBy time: String) async throws -> Int {
        try await write { db in
            try db.cachedStatement(sql: "DELETE FROM sessions WHERE expires_at <= ?").execute(arguments: [time])
            return db.changesCount
        }
    }
}
