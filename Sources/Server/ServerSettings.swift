import Foundation
import Hummingbird

/// How the server listens and what its cookies promise.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Marks cookies `Secure`: set it when the server is reached over HTTPS (behind a TLS proxy).
    public var secureCookies: Bool

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
    }

    /// The session cookie: HttpOnly, SameSite=Lax (links from elsewhere still open pages; forms need the CSRF token),
    /// Secure behind TLS. An empty token with no lifetime deletes it.
    func sessionCookie(_ token: String, lifetime: TimeInterval) -> Cookie {
        Cookie(name: SessionMiddleware.cookie, value: token, maxAge: Int(lifetime), path: "/", secure: secureCookies,
               httpOnly: true, sameSite: .lax)
    }
}
