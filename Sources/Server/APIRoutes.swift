import Documents
import Domain
import Foundation
import Hummingbird
import Office
import Storage
import Templating
import VietnameseText
import Workflow

/// The JSON API under `/api/v1`, as `openapi.yaml` describes it.
struct APIRoutes: Sendable {
    let office: CommuneOffice
    let sessions: Sessions
    let settings: ServerSettings
    let templatesFolder: URL
    let previews: Previews

    typealias Handler = @Sendable (Request, VanBanContext) async throws -> Response

    /// Every path of the API with its methods; any other method on these paths answers 405 with `Allow`.
    var routes: [(path: String, methods: [(HTTPRequest.Method, Handler)])] {
        [
            ("openapi.yaml", [(.get, { _, _ in try Self.openAPIResponse() })]),
            ("session", [(.post, signIn), (.delete, signOut)]),
            ("me", [(.get, { _, context in try JSONResponse.make(API.User(try context.signedIn().user)) })]),
            ("documents", [(.get, list), (.post, create)]),
            ("documents/:id", [(.get, show)]),
            ("documents/:id/data", [(.put, revise)]),
            ("documents/:id/actions", [(.post, act)]),
            ("documents/:id/history", [(.get, history)]),
            ("documents/:id/file", [(.get, file)]),
            ("documents/:id/signed.pdf", [(.get, { _, context in
                try await desk(context).signedPDF(try context.parameters.require("id", as: Int64.self))
            })]),
            ("documents/:id/preview", [(.get, { _, context in
                let id = try context.parameters.require("id", as: Int64.self)
                let (version, pages) = try await desk(context).previewSummary(id, previews: previews)
                struct Preview: Encodable { let version: Int; let sha256: String; let pages: Int; let pdf: String; let pageImages: [String] }
                return try JSONResponse.make(Preview(
                    version: version.sequence, sha256: version.sha256, pages: pages, pdf: "/api/v1/documents/\(id)/preview.pdf",
                    pageImages: (0..<pages).map { "/api/v1/documents/\(id)/pages/\($0 + 1)" }))
            })]),
            ("documents/:id/preview.pdf", [(.get, { _, context in
                try await desk(context).previewPDF(try context.parameters.require("id", as: Int64.self), previews: previews)
            })]),
            ("documents/:id/pages/:page", [(.get, { request, context in
                try await desk(context).previewPage(
                    try context.parameters.require("id", as: Int64.self), page: try context.parameters.require("page", as: Int.self),
                    resolution: try request.integer("dpi"), previews: previews)
            })]),
            ("documents/:id/signed.odt", [(.get, { _, context in
                try await desk(context).signedODT(try context.parameters.require("id", as: Int64.self))
            })]),
            ("templates", [(.get, templates)]),
            ("templates/:kind", [(.get, template)]),
            ("register", [(.get, register)]),
            ("export", [(.get, { request, context in
                try await desk(context).archivePackage(try Period(request, today: office.today))
            })]),
            ("members/import", [(.post, importMembers)]),
        ]
    }

    func add(to router: Router<VanBanContext>) {
        let routes = routes
        // On the router, not the group: a group's middleware runs only for requests one of its routes matched.
        router.add(middleware: MethodCheck(routes: routes.map { ($0.path, $0.methods.map(\.0)) }))
        let api = router.group("api/v1")
        for (path, methods) in routes {
            for (method, handler) in methods { api.on(RouterPath(path), method: method, use: handler) }
        }
    }

    // MARK: Session

    struct SignInBody: Decodable {
        let user: String
        let password: String
    }

    struct SignedIn: Encodable {
        let token: String
        let csrfToken: String
        let expiresAt: String
        let user: API.User
    }

    @Sendable func signIn(_ request: Request, context: VanBanContext) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw HTTPError(.unsupportedMediaType)
        }
        let body = try await request.decode(as: SignInBody.self, context: context)
        let (token, session, user) = try await sessions.signIn(userID: body.user, password: body.password, from: context.remoteIP)
        var response = try JSONResponse.make(SignedIn(token: token, csrfToken: session.csrfToken, expiresAt: session.expiresAt,
                                                      user: API.User(user)), status: .created)
        response.setCookie(settings.sessionCookie(token, lifetime: sessions.lifetime))
        return response
    }

    @Sendable func signOut(_ request: Request, context: VanBanContext) async throws -> Response {
        try await sessions.signOut(try context.signedIn())
        var response = Response(status: .noContent)
        response.setCookie(settings.sessionCookie("", lifetime: 0))
        return response
    }

    // MARK: Documents

    func desk(_ context: VanBanContext) throws -> Desk { Desk(office: office, user: try context.signedIn().user) }

    @Sendable func list(_ request: Request, context: VanBanContext) async throws -> Response {
        let desk = try desk(context)
        let state = request.uri.queryParameters.get("state")
        let overdue = try request.flag("overdue")
        let today = office.today
        let documents = try await desk.documents(state: state, overdue: overdue)
        struct Listing: Encodable { let documents: [API.Document] }
        return try JSONResponse.make(Listing(documents: documents.map {
            API.Document($0, definition: office.workflows.definitions[$0.workflowID], today: today)
        }))
    }

    /// One document as its page shows it: with the actions open to this user, its current version and its number.
    func detail(_ id: Int64, desk: Desk) async throws -> API.Document {
        let document = try await desk.document(id)
        let definition = try await desk.definition(of: document)
        var json = API.Document(document, definition: definition, today: office.today)
        json.actions = desk.actions(on: document, definition: definition).map { action in
            API.Action(action: action.rawValue, name: action.vietnameseName,
                       commentRequired: definition.transition(action, from: document.state)?.guards.contains(.commentRequired) ?? false)
        }
        json.currentVersion = try await office.store.currentVersionSummary(of: id).map(API.Version.init)
        // The document was read (and its commune checked) above; only a numbered document has a signed original.
        let registered = try await desk.registered(id, checked: true)
        json.registered = registered.map(API.Registered.init)
        if registered != nil { json.signedPdf = try await desk.signedOriginal(id, checked: true).map(API.SignedOriginal.init) }
        return json
    }

    @Sendable func show(_ request: Request, context: VanBanContext) async throws -> Response {
        try JSONResponse.make(try await detail(try context.parameters.require("id", as: Int64.self), desk: try desk(context)))
    }

    /// `POST /documents?kind=K&format=odt[&replaces=ID]` with the kind's data file as the body, byte for byte.
    @Sendable func create(_ request: Request, context: VanBanContext) async throws -> Response {
        let desk = try desk(context)
        guard let kind = request.uri.queryParameters.get("kind") else {
            throw ServerError.badRequest("Thiếu loại văn bản (tham số kind); xem GET /api/v1/templates.")
        }
        let format = try Self.format(request.uri.queryParameters.get("format"))
        let outcome = try await office.createDraft(kind: kind, data: try await request.data(context: context), by: desk.user.id,
                                                   format: format, replaces: try request.integer("replaces").map(Int64.init),
                                                   idempotencyKey: try request.idempotencyKey())
        return try await outcomeResponse(outcome, desk: desk, status: outcome.replayed ? .ok : .created)
    }

    /// `PUT /documents/{id}/data?revision=N` with the corrected data file as the body.
    @Sendable func revise(_ request: Request, context: VanBanContext) async throws -> Response {
        let desk = try desk(context)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await desk.document(id)
        guard let revision = try request.integer("revision") else {
            throw ServerError.badRequest("Thiếu lần sửa đã xem (tham số revision), để không ghi đè thay đổi của người khác.")
        }
        let outcome = try await office.reviseDraft(id, data: try await request.data(context: context), by: desk.user.id,
                                                   expectedRevision: revision, idempotencyKey: try request.idempotencyKey())
        return try await outcomeResponse(outcome, desk: desk, status: .ok)
    }

    struct ActBody: Decodable {
        let action: String
        let revision: Int?
        let comment: String?
    }

    @Sendable func act(_ request: Request, context: VanBanContext) async throws -> Response {
        let desk = try desk(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: ActBody.self, context: context)
        guard let action = WorkflowAction(rawValue: body.action) else {
            throw ServerError.badRequest("Không có thao tác “\(body.action)”: chọn "
                + WorkflowAction.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        guard let revision = body.revision else {
            throw ServerError.badRequest("Thiếu lần sửa đã xem (revision): mỗi thao tác phải nêu phiên bản văn bản mà nó dựa vào.")
        }
        _ = try await desk.document(id)
        let outcome = try await office.act(id, action, by: desk.user.id, comment: UnicodeNormalization.cleaned(body.comment ?? ""),
                                           expectedRevision: revision, idempotencyKey: try request.idempotencyKey())
        return try await outcomeResponse(outcome, desk: desk, status: .ok)
    }

    func outcomeResponse(_ outcome: ChangeOutcome, desk: Desk, status: HTTPResponse.Status) async throws -> Response {
        try JSONResponse.make(API.Outcome(document: try await detail(outcome.document.id, desk: desk), replayed: outcome.replayed,
                                          registered: outcome.registered.map(API.Registered.init)), status: status)
    }

    @Sendable func history(_ request: Request, context: VanBanContext) async throws -> Response {
        let entries = try await desk(context).history(of: try context.parameters.require("id", as: Int64.self))
        struct History: Encodable { let entries: [API.HistoryEntry] }
        return try JSONResponse.make(History(entries: entries.map(API.HistoryEntry.init)))
    }

    /// The current version's file (or `?version=N`), as stored.
    @Sendable func file(_ request: Request, context: VanBanContext) async throws -> Response {
        try await desk(context).download(try context.parameters.require("id", as: Int64.self), sequence: try request.integer("version"))
    }

    // MARK: Templates and register

    @Sendable func templates(_ request: Request, context: VanBanContext) async throws -> Response {
        _ = try context.signedIn()
        struct Kind: Encodable { let id, title, typeCode, typeName, sample: String }
        struct Kinds: Encodable { let templates: [Kind] }
        return try JSONResponse.make(Kinds(templates: DocumentKinds.all.map {
            Kind(id: $0.id, title: $0.title, typeCode: $0.typeCode, typeName: $0.typeName, sample: $0.sample)
        }))
    }

    @Sendable func template(_ request: Request, context: VanBanContext) async throws -> Response {
        _ = try context.signedIn()
        let id = try context.parameters.require("kind")
        guard let kind = DocumentKinds.named(id) else {
            throw OfficeError.unknownKind(id, known: DocumentKinds.all.map(\.id))
        }
        struct Fields: Encodable { let id, title: String; let fields: [FieldCatalog.Field] }
        return try JSONResponse.make(Fields(id: kind.id, title: kind.title,
                                            fields: try FieldCatalog.fields(of: kind, templates: templatesFolder)))
    }

    /// `?year=Y` (this year when absent) or `?from=D&to=D`: the register lines of the user's commune issued then.
    @Sendable func register(_ request: Request, context: VanBanContext) async throws -> Response {
        let desk = try desk(context)
        let period = try Period(request, today: office.today)
        struct Register: Encodable { let from, to: String; let entries: [API.Registered] }
        return try JSONResponse.make(Register(from: period.from.iso, to: period.to.iso,
                                              entries: try await desk.register(period).map(API.Registered.init)))
    }

    // MARK: Member lists

    struct ImportedMembers: Encodable {
        struct Problem: Encodable {
            let row: Int
            let column: String?
            let message: String
        }
        let teams: [Team]
        let problems: [Problem]
    }

    /// `POST /members/import?file=NAME[&village=V]` with an Excel (.xlsx) or CSV member list as the body: its teams,
    /// as a data file's `to` holds them, and the problems of its rows. Only clerks draft, so only clerks import.
    @Sendable func importMembers(_ request: Request, context: VanBanContext) async throws -> Response {
        let user = try context.signedIn().user
        guard user.roles.contains(.clerk) else {
            throw ServerError.forbidden("Chỉ \(Role.clerk.vietnameseName) mới nhập danh sách thành viên.")
        }
        guard let name = request.uri.queryParameters.get("file").map({ String($0) }), !name.isEmpty else {
            throw ServerError.badRequest("Thiếu tên tệp (tham số file), để biết tệp là .xlsx hay .csv.")
        }
        let village = request.uri.queryParameters.get("village").map { Village(name: String($0)) }
        let bytes = [UInt8](try await request.data(context: context))
        let result = try MemberImport.members(fileName: name, bytes: bytes, defaultVillage: village)
        return try JSONResponse.make(ImportedMembers(
            teams: result.teams,
            problems: result.problems.map { .init(row: $0.row, column: $0.column, message: $0.message) }))
    }

    static func format(_ text: String?) throws -> DocumentFormat {
        guard let text else { return .odt }
        guard let format = DocumentFormat(rawValue: text) else {
            throw ServerError.badRequest("Định dạng “\(text)” không có: chọn odt hoặc docx.")
        }
        return format
    }

    static func openAPIResponse() throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { throw ServerError.notFound("Không có openapi.yaml.") }
        return Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Answers 405 with `Allow` when a path of the API is asked for with a method it does not take, whatever the method
/// (the router alone would say 404, as if the path did not exist).
struct MethodCheck: RouterMiddleware {
    typealias Context = VanBanContext
    /// Each path below `/api/v1/`, with `:name` for a parameter, and its methods.
    let routes: [(path: String, methods: [HTTPRequest.Method])]

    func handle(_ request: Request, context: VanBanContext, next: (Request, VanBanContext) async throws -> Response) async throws -> Response {
        let parts = request.uri.path.split(separator: "/").dropFirst(2)
        if request.uri.path.hasPrefix("/api/v1/"), let (_, methods) = routes.first(where: { Self.matches($0.path, parts) }), !methods.contains(request.method) {
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            var response = try JSONResponse.make(
                FailureBody(error: .init(Failure(status: .methodNotAllowed, code: "method_not_allowed",
                                                 message: "Địa chỉ này chỉ nhận \(allow)."), requestID: context.id)),
                status: .methodNotAllowed)
            response.headers[.allow] = allow
            return response
        }
        return try await next(request, context)
    }

    static func matches(_ template: String, _ parts: ArraySlice<Substring>) -> Bool {
        let pattern = template.split(separator: "/")
        return pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
    }
}
