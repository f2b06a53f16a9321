import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import Storage
import Workflow

/// The web pages: Mustache templates from the bundle, rendered with dictionaries built by the routes. Mustache
/// escapes every `{{value}}` for HTML.
struct Pages: Sendable {
    let library: MustacheLibrary
    let stylesheet: Data

    static func load() async throws -> Pages {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ServerError.notFound("The server's page templates are missing from its bundle.")
        }
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("pages").path)
        let stylesheet = try Data(contentsOf: resources.appendingPathComponent("static/app.css"))
        return Pages(library: library, stylesheet: stylesheet)
    }

    func render(_ name: String, _ values: [String: Any], identity: Identity?, communeName: String? = nil) -> String {
        var values = values
        if let identity {
            values["identity"] = Self.identityValues(identity, communeName: communeName)
        }
        return library.render(values, withTemplate: name) ?? ""
    }

    static func identityValues(_ identity: Identity, communeName: String?) -> [String: Any] {
        let user = identity.user
        return [
            "fullName": user.fullName, "roleNames": user.roles.sorted().map(\.vietnameseName).joined(separator: ", "),
            "csrf": identity.session.csrfToken,
            "communeName": communeName ?? user.communeID,
        ]
    }

    func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    func error(_ failure: Failure, identity: Identity?, requestID: String) -> String {
        let heading = switch failure.status.code {
        case 403: "Không có quyền"
        case 404: "Không tìm thấy"
        case 429: "Tạm khóa đăng nhập"
        case 500...: "Máy chủ gặp lỗi"
        default: "Không thực hiện được"
        }
        return render("error", ["heading": heading, "message": failure.message, "requestID": requestID], identity: identity)
    }
}
