import Foundation
import PostgresNIO

/// Where a PostgreSQL database is, from a URL `postgres://user[:password]@host[:port]/database` (or `postgresql://`).
///
/// The connection does not use TLS: the store is meant for a server on the same machine or a private network.
struct PostgresAddress: Sendable, CustomStringConvertible {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String

    static let defaultPort = 5432

    init(parsing url: String) throws(StoreError) {
        func refuse(_ reason: String) -> StoreError {
            .database("invalid PostgreSQL URL \(Self.withoutPassword(url)): \(reason); "
                + "expected postgres://user[:password]@host[:port]/database")
        }
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased() else {
            throw refuse("it is not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw refuse("the scheme is “\(scheme)”, not postgres or postgresql")
        }
        guard let host = parts.host, !host.isEmpty else { throw refuse("it names no host") }
        guard let user = parts.user, !user.isEmpty else { throw refuse("it names no user") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw refuse("it names no database after the host") }
        guard parts.percentEncodedQuery == nil, parts.fragment == nil else {
            throw refuse("options after “?” or “#” are not supported")
        }
        self.user = user
        password = parts.password
        self.host = host
        port = parts.port ?? Self.defaultPort
        self.database = database
    }

    /// The URL without the password, for messages and logs.
    var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
    }

    /// The same server and user, another database.
    func with(database: String) -> PostgresAddress {
        var other = self
        other.database = database
        return other
    }

    /// A pool of up to `maximumConnections`, for the store; each connection starts with `settings`.
    func clientConfiguration(maximumConnections: Int, settings: [(String, String)] = []) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = settings
        return configuration
    }

    /// One connection, for opening (migrations) and administration.
    var connectionConfiguration: PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// `url` with whatever stands between the user's colon and the `@` left out, for a URL that did not parse.
    static func withoutPassword(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }
}
