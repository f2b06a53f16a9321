import Foundation

/// A signed-in browser or API client. The store keeps only the SHA-256 of the session's secret token, so that a
/// copy of the database does not let anyone sign in.
public struct SessionRecord: Sendable, Hashable {
    /// SHA-256 of the token the client holds, lower-case hex.
    public let tokenSHA256: String
    public let userID: String
    /// The token every form and every cookie-authenticated API change must carry (CSRF).
    public let csrfToken: String
    /// ISO 8601 with the Vietnam offset, as every time in the store.
    public let createdAt: String
    /// After this time the session no longer signs anyone in; same format, so times compare as text.
    public let expiresAt: String

    public init(tokenSHA256: String, userID: String, csrfToken: String, createdAt: String, expiresAt: String) {
        self.tokenSHA256 = tokenSHA256
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension RowDecoding {
    static func session(_ row: some RecordColumns) throws -> SessionRecord {
        SessionRecord(tokenSHA256: try row.text("token_sha256"), userID: try row.text("user_id"),
                      csrfToken: try row.text("csrf_token"), createdAt: try row.text("created_at"),
                      expiresAt: try row.text("expires_at"))
    }
}
