import Foundation
import HummingbirdBcrypt
import Storage
import VietnameseText

/// Signs people in and out: checks passwords against their bcrypt hashes, makes sessions with random tokens, and
/// limits failed attempts.
public struct Sessions: Sendable {
    public let store: any Store
    /// How long a session signs its user in.
    public let lifetime: TimeInterval
    let limiter: LoginLimiter
    let clock: @Sendable () -> Date
    /// bcrypt's work factor; tests lower it, never below 4 (bcrypt's own minimum).
    let cost: UInt8

    public init(store: any Store, lifetime: TimeInterval = 8 * 3600, limiter: LoginLimiter = LoginLimiter(),
                cost: UInt8 = 11, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.lifetime = lifetime
        self.limiter = limiter
        self.cost = cost
        self.clock = clock
    }

    /// A new session for `userID` when `password` is theirs; the token is returned once and only its hash is kept.
    public func signIn(userID rawUserID: String, password: String, from address: String?) async throws -> (token: String, session: SessionRecord, user: UserRecord) {
        let userID = rawUserID.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let keys = [ "user:" + userID ] + (address.map { ["ip:" + $0] } ?? [])
        let now = clock()
        if let wait = await limiter.waitBeforeNextAttempt(keys, at: now) { throw ServerError.tooManyAttempts(minutes: wait) }
        let hash = try await store.passwordHash(of: userID)
        // Without a hash, verify against a made-up one anyway, so that a wrong name takes as long as a wrong password.
        let matches = await Self.verify(password, hash: hash ?? Self.decoyHash)
        guard matches, hash != nil, let user = try await store.user(userID) else {
            await limiter.recordFailure(keys, at: now)
            throw ServerError.wrongCredentials
        }
        await limiter.recordSuccess(keys)
        let token = Self.randomToken(), csrf = Self.randomToken()
        let session = SessionRecord(
            tokenSHA256: Self.digest(token), userID: user.id, csrfToken: csrf, createdAt: VietnamTime.iso8601(now),
            expiresAt: VietnamTime.iso8601(now.addingTimeInterval(lifetime)))
        try await store.save(session)
        // Expired sessions are swept when someone signs in, which is often enough to keep the table small.
        try await store.deleteSessions(expiredBy: VietnamTime.iso8601(now))
        return (token, session, user)
    }

    /// The identity behind a token, or nil when the token is unknown, expired or its user is gone.
    func identity(token: String, byCookie: Bool) async throws -> Identity? {
        guard !token.isEmpty, token.count <= 128,
              let (session, user) = try await store.sessionWithUser(tokenSHA256: Self.digest(token)),
              session.expiresAt > VietnamTime.iso8601(clock()) else { return nil }
        return Identity(user: user, session: session, byCookie: byCookie)
    }

    public func signOut(_ identity: Identity) async throws {
        try await store.deleteSession(tokenSHA256: identity.session.tokenSHA256)
    }

    /// Sets a user's password and ends their sessions, so that whoever held the old one is signed out; bcrypt runs
    /// off the caller's thread.
    public func setPassword(_ password: String, of userID: String) async throws {
        guard password.count >= 8 else { throw ServerError.badRequest("Mật khẩu cần ít nhất 8 ký tự.") }
        let cost = cost
        let hash = await Self.offload { Bcrypt.hash(password, cost: cost) }
        try await store.setPasswordHash(hash, of: userID, at: clock())
        try await store.deleteSessions(of: userID)
    }

    static func verify(_ password: String, hash: String) async -> Bool {
        await offload { Bcrypt.verify(password, hash: hash) }
    }

    /// bcrypt takes tens of milliseconds by design; it must not hold up the server's event loops.
    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }

    private static let decoyHash = Bcrypt.hash("not a password of anyone", cost: 11)

    /// 32 random bytes as URL-safe text.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String { SHA256Hex.digest(Data(token.utf8)) }
}

/// Counts failed sign-ins per user name and per address: after `limit` failures within `window`, further attempts
/// wait until the oldest failure leaves the window. In memory, per process: several processes each keep their own
/// count, which only multiplies the limit by the number of processes.
public actor LoginLimiter {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Whole minutes to wait before trying again, or nil when an attempt may be made now.
    func waitBeforeNextAttempt(_ keys: [String], at now: Date) -> Int? {
        var longest: TimeInterval = 0
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let oldest = recent.first {
                longest = max(longest, window - now.timeIntervalSince(oldest))
            }
        }
        return longest > 0 ? max(1, Int((longest / 60).rounded(.up))) : nil
    }

    func recordFailure(_ keys: [String], at now: Date) {
        for key in keys { failures[key, default: []].append(now) }
    }

    func recordSuccess(_ keys: [String]) {
        // Only the user's count is forgiven; an address that tried many names keeps its record.
        for key in keys where key.hasPrefix("user:") { failures[key] = nil }
    }
}
