import Foundation
import Hummingbird
import HTTPTypes

/// Finds who is behind a request: a bearer token (API clients) or the session cookie (browsers). Cookie requests to
/// the API that change something must also send the session's CSRF token in `X-CSRF-Token`; web forms carry it in a
/// hidden field, which their routes check (`Web.checkForm`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = VanBanContext
    static let cookie = "vanban_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let sessions: Sessions

    func handle(_ request: Request, context: VanBanContext, next: (Request, VanBanContext) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            context.identity = try await sessions.identity(token: String(authorization.dropFirst(7)), byCookie: false)
        } else if let cookie = request.cookies[Self.cookie] {
            context.identity = try await sessions.identity(token: cookie.value, byCookie: true)
        }
        // Signing in acts for no one yet, so it needs no token; it takes only JSON, which another site's form cannot send.
        let signingIn = request.method == .post && request.uri.path == "/api/v1/session"
        if let identity = context.identity, identity.byCookie, request.uri.path.hasPrefix("/api/"), !signingIn,
           ![.get, .head, .options].contains(request.method),
           !Web.sameSecret(request.headers[Self.csrfHeader], identity.session.csrfToken) {
            throw ServerError.csrfMissing
        }
        return try await next(request, context)
    }
}

extension Request {
    /// The `Idempotency-Key` header, when the client named its request. A key longer than 200 characters is refused,
    /// not cut: two long keys that differ only at their ends would otherwise name one request.
    func idempotencyKey() throws -> String? {
        guard let key = headers[HTTPField.Name("Idempotency-Key")!]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else {
            return nil
        }
        guard key.count <= 200 else { throw ServerError.badRequest("Idempotency-Key dài quá 200 ký tự.") }
        return key
    }

    /// The whole body, up to the context's upload limit (413 beyond it).
    func buffer(context: VanBanContext) async throws -> ByteBuffer {
        try await body.collect(upTo: context.maxUploadSize)
    }

    func data(context: VanBanContext) async throws -> Data {
        Data(buffer: try await buffer(context: context))
    }
}

extension Request {
    /// An integer query parameter: nil when absent, a 400 naming it when given once but not as a whole number, or
    /// given more than once.
    func integer(_ name: String) throws -> Int? {
        let values = uri.queryParameters.getAll(name)
        guard !values.isEmpty else { return nil }
        guard values.count == 1, let value = Int(values[0]) else {
            throw ServerError.badRequest("Tham số “\(name)” phải là một số nguyên.")
        }
        return value
    }

    /// A true/false query parameter: false when absent, a 400 for anything but `true` or `false`.
    func flag(_ name: String) throws -> Bool {
        let values = uri.queryParameters.getAll(name)
        guard !values.isEmpty else { return false }
        guard values.count == 1, values[0] == "true" || values[0] == "false" else {
            throw ServerError.badRequest("Tham số “\(name)” chỉ nhận true hoặc false.")
        }
        return values[0] == "true"
    }
}
