import Conversion
import Documents
import Foundation
import Hummingbird
import Office
import Storage
import VietnameseText
import Workflow

/// The web pages for clerks, approvers and archivists: server-rendered, in Vietnamese, with plain forms. Every form
/// carries the session's CSRF token; the log-in form, before any session, carries a token from its own cookie.
struct Web: Sendable {
    let office: CommuneOffice
    let sessions: Sessions
    let settings: ServerSettings
    let pages: Pages
    let previews: Previews

    static let loginCookie = "vanban_login"

    func add(to router: Router<VanBanContext>) {
        let css = pages.stylesheet
        router.get("static/app.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: css)))
        }
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("/", use: dashboard)
        addFoundingForm(to: router)
        router.get("documents/:id", use: document)
        router.get("documents/:id/file", use: file)
        router.get("documents/:id/signed.pdf") { _, context in
            try await Desk(office: office, user: try context.signedIn().user).signedPDF(try context.parameters.require("id", as: Int64.self))
        }
        router.get("documents/:id/preview", use: preview)
        router.get("documents/:id/preview.pdf") { _, context in
            try await Desk(office: office, user: try context.signedIn().user)
                .previewPDF(try context.parameters.require("id", as: Int64.self), previews: previews)
        }
        router.get("documents/:id/pages/:page") { request, context in
            try await Desk(office: office, user: try context.signedIn().user).previewPage(
                try context.parameters.require("id", as: Int64.self), page: try context.parameters.require("page", as: Int.self),
                resolution: try request.integer("dpi"), previews: previews)
        }
        router.get("documents/:id/signed.odt") { _, context in
            try await Desk(office: office, user: try context.signedIn().user).signedODT(try context.parameters.require("id", as: Int64.self))
        }
        router.post("documents/:id/act", use: act)
        router.get("register", use: register)
        router.get("register.csv", use: registerCSV)
        router.get("register/export.zip", use: registerExport)
    }

    // MARK: Signing in and out

    struct LoginForm: Decodable {
        let user: String?
        let password: String?
        let next: String?
        let _csrf: String?
    }

    @Sendable func loginPage(_ request: Request, context: VanBanContext) async throws -> Response {
        if context.identity != nil { return .redirect(to: "/", type: .found) }
        return loginResponse(next: request.uri.queryParameters.get("next").map { String($0) } ?? "/", user: "", error: nil, status: .ok)
    }

    /// The log-in page with a fresh token in its form and its cookie (a forged log-in from another site has neither).
    func loginResponse(next: String, user: String, error: String?, status: HTTPResponse.Status) -> Response {
        let token = Sessions.randomToken()
        var values: [String: Any] = ["csrf": token, "next": Self.localPath(next), "user": user]
        if let error { values["error"] = error }
        var response = pages.response(pages.render("login", values, identity: nil), status: status)
        response.setCookie(Cookie(name: Self.loginCookie, value: token, maxAge: 3600, path: "/login",
                                  secure: settings.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func login(_ request: Request, context: VanBanContext) async throws -> Response {
        let form = try await Self.form(LoginForm.self, request, context)
        let next = Self.localPath(form.next ?? "/")
        guard Self.sameSecret(form._csrf, request.cookies[Self.loginCookie]?.value) else {
            return loginResponse(next: next, user: form.user ?? "", error: Failure.from(ServerError.csrfMissing).message,
                                 status: .forbidden)
        }
        do {
            let (token, _, _) = try await sessions.signIn(userID: form.user ?? "", password: form.password ?? "",
                                                          from: context.remoteIP)
            var response = Response.redirect(to: next, type: .normal)
            response.setCookie(settings.sessionCookie(token, lifetime: sessions.lifetime))
            response.setCookie(Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/login",
                                      secure: settings.secureCookies, httpOnly: true, sameSite: .strict))
            return response
        } catch let error as ServerError {
            let failure = Failure.from(error)
            return loginResponse(next: next, user: form.user ?? "", error: failure.message, status: failure.status)
        }
    }

    struct TokenForm: Decodable { let _csrf: String? }

    @Sendable func logout(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        try Self.check(try await Self.form(TokenForm.self, request, context)._csrf, identity)
        try await sessions.signOut(identity)
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(settings.sessionCookie("", lifetime: 0))
        return response
    }

    // MARK: Pages

    /// A page in the layout; `commune` is the user's, read here when the caller has not read it already.
    func render(_ name: String, _ values: [String: Any], identity: Identity, commune known: CommuneRecord? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let commune = if let known { known } else { try await office.store.commune(identity.user.communeID) }
        return pages.response(pages.render(name, values, identity: identity, communeName: commune.map { "xã \($0.name)" }),
                              status: status)
    }

    @Sendable func dashboard(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let desk = Desk(office: office, user: identity.user)
        let all = try await desk.documents()
        let today = office.today
        let state = request.uri.queryParameters.get("state").map { String($0) }
        let overdueOnly = try request.flag("overdue")
        let definitions = office.workflows.definitions
        func title(_ document: DocumentRecord) -> String {
            definitions[document.workflowID]?.state(document.state)?.title ?? document.state
        }
        func isOverdue(_ document: DocumentRecord) -> Bool { document.isOverdue(on: today) }
        func row(_ document: DocumentRecord) -> [String: Any] {
            var row: [String: Any] = ["id": document.id, "title": document.title, "state": document.state,
                                      "stateTitle": title(document), "overdue": isOverdue(document),
                                      "updated": Self.displayTime(document.updatedAt)]
            if let due = document.dueOn { row["dueOn"] = due.short }
            return row
        }
        let stateOrder = ["draft", "commune_review", "approved", "signed", "archived", "withdrawn"]
        var counts: [String: (title: String, count: Int)] = [:]
        for document in all { counts[document.state, default: (title(document), 0)].count += 1 }
        let countRows = counts.keys.sorted { (stateOrder.firstIndex(of: $0) ?? 99, $0) < (stateOrder.firstIndex(of: $1) ?? 99, $1) }
            .map { key -> [String: Any] in
                ["state": key, "title": counts[key]!.title, "count": counts[key]!.count, "selected": key == state]
            }
        var inbox: [[String: Any]] = []
        for document in all where ["draft", "commune_review", "approved", "signed"].contains(document.state) {
            guard let definition = definitions[document.workflowID], definition.version == document.workflowVersion else { continue }
            if !desk.actions(on: document, definition: definition).isEmpty, document.state != "draft" || document.authorID == identity.user.id {
                inbox.append(row(document))
            }
        }
        let shown = all.filter { (state == nil || $0.state == state) && (!overdueOnly || isOverdue($0)) }.reversed()
        let commune = try await office.store.commune(identity.user.communeID)
        let listTitle = overdueOnly ? "Văn bản quá hạn xử lý"
            : state.map { key in "Văn bản “\(counts[key]?.title ?? key)”" } ?? "Tất cả văn bản (mới nhất trước)"
        return try await render("dashboard", [
            "communeTitle": commune.map { "xã \($0.name)" } ?? identity.user.communeID,
            "counts": countRows, "overdueCount": all.filter(isOverdue).count, "overdueSelected": overdueOnly,
            "inbox": inbox, "hasInbox": !inbox.isEmpty, "documents": shown.map(row), "hasDocuments": !shown.isEmpty,
            "filtered": state != nil || overdueOnly, "listTitle": listTitle,
            "canDraft": mayDraft(identity.user),
        ], identity: identity, commune: commune)
    }

    @Sendable func document(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let done = request.uri.queryParameters.get("done").flatMap { WorkflowAction(rawValue: String($0)) }
        let saved = request.uri.queryParameters.get("saved") != nil
        return try await documentPage(id, identity: identity,
                                      notice: done.map { "Đã \($0.vietnameseName) văn bản." } ?? (saved ? "Đã lưu bản nháp." : nil),
                                      error: nil, status: .ok)
    }

    func documentPage(_ id: Int64, identity: Identity, notice: String?, error: Failure?, status: HTTPResponse.Status) async throws -> Response {
        let desk = Desk(office: office, user: identity.user)
        let document = try await desk.document(id)
        let definition = try await desk.definition(of: document)
        func stateTitle(_ state: String) -> String { definition.state(state)?.title ?? state }
        var values: [String: Any] = [
            "id": document.id, "title": document.title, "state": document.state, "stateTitle": stateTitle(document.state),
            "revision": document.revision, "kindTitle": DocumentKinds.named(document.kind)?.title ?? document.kind,
        ]
        if let due = document.dueOn {
            values["dueOn"] = due.short
            values["overdue"] = document.isOverdue(on: office.today)
        }
        if let notice { values["notice"] = notice }
        if let error { values["error"] = ["lines": error.message.split(separator: "\n").map(String.init)] }
        if let version = try await office.store.currentVersionSummary(of: id) {
            values["version"] = ["formatName": version.format.uppercased(), "sequence": version.sequence,
                                 "isFinal": version.isFinal, "shaShort": String(version.sha256.prefix(16))]
        }
        let registered = try await desk.registered(id, checked: true)
        if let line = registered {
            values["registered"] = ["notation": line.notation, "signer": line.details.signer,
                                    "issued": VietnameseDate(parsing: line.issuedOn)?.short ?? line.issuedOn]
        }
        // Only a numbered document has a signed original.
        switch registered == nil ? nil : try await desk.signedOriginal(id, checked: true) {
        case let .stored(pdf)?:
            var signed: [String: Any] = ["shaShort": String(pdf.sha256.prefix(16)), "at": Self.displayTime(pdf.createdAt)]
            if let odt = pdf.odtSHA256 { signed["odt"] = ["shaShort": String(odt.prefix(16))] }
            values["signedPDF"] = signed
        case let .waiting(job)?:
            values["signingPDF"] = job.lastError.isEmpty ? ["waiting": true] : ["problem": job.lastError]
        case nil: break
        }
        if let replaced = document.replacesID {
            values["replaces"] = ["id": replaced, "notation": try await office.store.registerEntry(of: replaced)?.notation ?? "số hiệu \(replaced)"]
        }
        let replacements = try await office.store.documents(DocumentFilter(communeID: document.communeID, replaces: id))
            .filter { $0.state != "withdrawn" }
        if let replacement = replacements.first {
            values["replacedBy"] = ["id": replacement.id, "title": replacement.title,
                                    "notation": try await office.store.registerEntry(of: replacement.id)?.notation ?? "chưa ban hành"]
        }
        values["editable"] = Self.isFormDraft(document, definition) && mayDraft(identity.user)
        let actions = desk.actions(on: document, definition: definition)
        values["hasActions"] = !actions.isEmpty
        values["actions"] = actions.map { action -> [String: Any] in
            let needsComment = definition.transition(action, from: document.state)?.guards.contains(.commentRequired) ?? false
            return ["id": document.id, "action": action.rawValue, "revision": document.revision, "csrf": identity.session.csrfToken,
                    "key": Sessions.randomToken(), "commentRequired": needsComment,
                    "label": action.vietnameseName.prefix(1).uppercased() + action.vietnameseName.dropFirst()]
        }
        values["history"] = try await desk.history(of: id).reversed().map { entry -> [String: Any] in
            var line: [String: Any] = [
                "at": Self.displayTime(entry.at), "userName": entry.userName, "roleName": entry.role.vietnameseName,
                "actionName": entry.actionName,
                "states": (entry.fromState.map { stateTitle($0) + " → " } ?? "") + stateTitle(entry.toState),
            ]
            // Mustache shows a section for an empty string too: only a real comment gets its quote.
            if !entry.comment.isEmpty { line["comment"] = entry.comment }
            return line
        }
        return try await render("document", values, identity: identity, status: status)
    }

    @Sendable func file(_ request: Request, context: VanBanContext) async throws -> Response {
        try await Desk(office: office, user: try context.signedIn().user)
            .download(try context.parameters.require("id", as: Int64.self), sequence: try request.integer("version"))
    }

    struct ActForm: Decodable {
        let action: String?
        let revision: Int?
        let key: String?
        let comment: String?
        let _csrf: String?
    }

    @Sendable func act(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let form = try await Self.form(ActForm.self, request, context)
        try Self.check(form._csrf, identity)
        guard let action = form.action.flatMap(WorkflowAction.init(rawValue:)), let revision = form.revision,
              (form.key?.count ?? 0) <= 200 else {
            throw ServerError.badRequest("Biểu mẫu thiếu thao tác hoặc lần sửa; hãy tải lại trang rồi làm lại.")
        }
        _ = try await Desk(office: office, user: identity.user).document(id)
        do {
            try await office.act(id, action, by: identity.user.id, comment: UnicodeNormalization.cleaned(form.comment ?? ""),
                                 expectedRevision: revision, idempotencyKey: form.key.map { "web-" + $0 })
            return .redirect(to: "/documents/\(id)?done=\(action.rawValue)", type: .normal)
        } catch let error as StoreError {
            let failure = Failure.from(error)
            guard failure.status.code < 500 else { throw error }
            return try await documentPage(id, identity: identity, notice: nil, error: failure, status: failure.status)
        }
    }

    @Sendable func register(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let period = try Period(request, today: office.today)
        let entries = try await Desk(office: office, user: identity.user).register(period)
        let notes = try await RegisterTable.notes(for: entries, in: office.store)
        let byYear = period.query.hasPrefix("year=")
        return try await render("register", [
            "title": period.title, "year": period.from.year, "hasEntries": !entries.isEmpty, "query": period.query,
            "canExport": identity.user.roles.contains(.archivist),
            "from": byYear ? "" : period.from.iso, "to": byYear ? "" : period.to.iso,
            "entries": entries.map { entry -> [String: Any] in
                ["documentID": entry.documentID, "notation": entry.notation,
                 "issued": VietnameseDate(parsing: entry.issuedOn)?.short ?? entry.issuedOn, "typeName": entry.details.typeName,
                 "subject": entry.details.subject, "signer": entry.details.signer,
                 "recipients": entry.details.recipients.joined(separator: "; "), "note": notes[entry.documentID] ?? ""]
            },
        ], identity: identity)
    }

    /// The register of a period as CSV for Excel (the columns of NĐ 30, PL IV).
    @Sendable func registerCSV(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let period = try Period(request, today: office.today)
        let entries = try await Desk(office: office, user: identity.user).register(period)
        let name = "so-van-ban-di-\(identity.user.communeID)-\(period.from.iso)-\(period.to.iso).csv"
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\"",
            .cacheControl: "no-store",
        ], body: ResponseBody(byteBuffer: ByteBuffer(string: RegisterTable.csv(entries, notes: try await RegisterTable.notes(for: entries, in: office.store)))))
    }

    /// The current version's pages as images, one under the other, with the PDF to open or print.
    @Sendable func preview(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        let id = try context.parameters.require("id", as: Int64.self)
        let desk = Desk(office: office, user: identity.user)
        let document = try await desk.document(id)
        var values: [String: Any] = ["id": id, "title": document.title]
        do {
            let (version, pages) = try await desk.previewSummary(id, previews: previews)
            values["version"] = version.sequence
            values["pages"] = (1...max(1, pages)).map { ["number": $0, "count": pages] }
            values["pageCount"] = pages
        } catch let error as ConversionError {
            values["problem"] = error.description
        }
        return try await render("preview", values, identity: identity)
    }

    /// The archive package of a period, for archivists.
    @Sendable func registerExport(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try context.signedIn()
        return try await Desk(office: office, user: identity.user).archivePackage(try Period(request, today: office.today))
    }

    // MARK: Helpers

    static func form<T: Decodable>(_ type: T.Type, _ request: Request, _ context: VanBanContext) async throws -> T {
        let body = String(decoding: try await request.data(context: context), as: UTF8.self)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: body)
        } catch {
            throw ServerError.badRequest("Biểu mẫu gửi lên không đọc được; hãy tải lại trang rồi làm lại.")
        }
    }

    /// A form's CSRF token must be the session's.
    static func check(_ token: String?, _ identity: Identity) throws {
        guard sameSecret(token, identity.session.csrfToken) else { throw ServerError.csrfMissing }
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func sameSecret(_ given: String?, _ expected: String?) -> Bool {
        guard let given, let expected, !expected.isEmpty else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Only paths of this site are followed after log-in; anything else goes to the front page.
    static func localPath(_ path: String) -> String {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") ? path : "/"
    }

    static func escapeQuery(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }

    /// `2025-08-14T16:31:45+07:00` → `14/08/2025 16:31`.
    static func displayTime(_ iso: String) -> String {
        let parts = iso.split(separator: "T")
        guard parts.count == 2, let date = VietnameseDate(parsing: String(parts[0])) else { return iso }
        return "\(date.short) \(parts[1].prefix(5))"
    }
}
