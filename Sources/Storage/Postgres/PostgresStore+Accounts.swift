import Foundation
import PostgresNIO
import VietnameseText

extension PostgresStore {
    public func setPasswordHash(_ hash: String, of userID: String, at: Date) async throws {
        try await write { db in
            guard try await Self.user(db, userID) != nil else { throw StoreError.userNotFound(userID) }
            try await db.run("""
                INSERT INTO credentials (user_id, password_hash, changed_at) VALUES (\(userID), \(hash), \(VietnamTime.iso8601(at)))
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, changed_at = excluded.changed_at
                """)
        }
    }

    public func passwordHash(of userID: String) async throws -> String? {
        try await read { db in
            try await db.row("SELECT password_hash FROM credentials WHERE user_id = \(userID)")?.text("password_hash")
        }
    }

    public func save(_ session: SessionRecord) async throws {
        try await write { db in
            try await db.run("""
                INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at)
                VALUES (\(session.tokenSHA256), \(session.userID), \(session.csrfToken), \(session.createdAt), \(session.expiresAt))
                """)
        }
    }

    public func session(tokenSHA256: String) async throws -> SessionRecord? {
        try await read { db in
            try await db.row("SELECT * FROM sessions WHERE token_sha256 = \(tokenSHA256)").map(RowDecoding.session)
        }
    }

    public func sessionWithUser(tokenSHA256: String) async throws -> (session: SessionRecord, user: UserRecord)? {
        try await read { db in
            try await db.row("""
                SELECT s.*, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_sha256 = \(tokenSHA256)
                """).map { (try RowDecoding.session($0), try RowDecoding.user($0)) }
        }
    }

    public func deleteSession(tokenSHA256: String) async throws {
        try await write { db in try await db.run("DELETE FROM sessions WHERE token_sha256 = \(tokenSHA256)") }
    }

    public func deleteSessions(of userID: String) async throws {
        try await write { db in try await db.run("DELETE FROM sessions WHERE user_id = \(userID)") }
    }

    public func deleteSessions(expiredBy time: String) async throws -> Int {
        try await write { db in
            try await db.rows("DELETE FROM sessions WHERE expires_at <= \(time) RETURNING token_sha256").count
        }
    }
}
