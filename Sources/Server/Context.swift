import Foundation
import Hummingbird
import NIOCore
import Storage

/// Who is signed in behind a request, and through which session.
public struct Identity: Sendable {
    public let user: UserRecord
    public let session: SessionRecord
    /// Whether the request proved itself with the session cookie (a browser), rather than a bearer token. Cookie
    /// requests that change something must carry the session's CSRF token.
    public let byCookie: Bool
}

/// The request context of every route: the signed-in identity (set by `SessionMiddleware`) and the peer address.
public struct VanBanContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    /// The client's IP address, for rate limits; nil when the channel has none (tests).
    public let remoteIP: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress
    }

    /// Uploads are data files and member lists; 4 MiB holds a commune's worth with room to spare.
    public var maxUploadSize: Int { 4 * 1024 * 1024 }

    /// The signed-in user, or a 401 error for the client to sign in.
    public func signedIn() throws -> Identity {
        guard let identity else { throw ServerError.signInRequired }
        return identity
    }
}
