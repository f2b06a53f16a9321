import Documents
import Domain
import Foundation
import Hummingbird
import Office
import Storage
import Templating
import VietnameseText
import Workflow

/// The form to found a village's team: a new draft at `/documents/new`, an existing draft at `/documents/ID/edit`.
///
/// It works without JavaScript. Every button posts the whole form with its `op` (add a row, move or remove one,
/// import a member list, check, preview, save, save and submit), and the server answers with the form as it now
/// stands, checked against the commune's policy, each problem beside its row. Nothing is stored until the clerk
/// saves.
extension Web {
    func addFoundingForm(to router: Router<VanBanContext>) {
        router.get("documents/new", use: newFoundingForm)
        router.post("documents/new", use: postFoundingForm)
        router.get("documents/:id/edit", use: editFoundingForm)
        router.post("documents/:id/edit", use: postFoundingForm)
    }

    /// The form's hidden state: which draft it edits, at which revision, and the key that makes a repeated save one.
    struct FormTarget {
        var documentID: Int64?
        var revision: Int?
        var key: String
    }

    @Sendable func newFoundingForm(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try drafter(context)
        let commune = try await commune(of: identity)
        let form = FoundingForm.blank(commune.profile, year: Int(office.today.prefix(4))!)
        // Nothing typed yet, nothing to point out (not even the village still to choose).
        return try await foundingPage(form, target: FormTarget(key: Sessions.randomToken()), identity: identity, commune: commune,
                                      check: FoundingForm.Check())
    }

    @Sendable func editFoundingForm(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try drafter(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let document = try await formDocument(id, identity: identity)
        let definition = try await Desk(office: office, user: identity.user).definition(of: document)
        guard Self.isFormDraft(document, definition), let version = try await office.store.currentVersion(of: id) else {
            throw StoreError.notEditable(state: definition.state(document.state)?.title ?? document.state)
        }
        return try await foundingPage(try FoundingForm(data: version.data),
                                      target: FormTarget(documentID: id, revision: document.revision, key: Sessions.randomToken()),
                                      identity: identity, commune: try await commune(of: identity))
    }

    @Sendable func postFoundingForm(_ request: Request, context: VanBanContext) async throws -> Response {
        let identity = try drafter(context)
        let fields = try await FormFields.read(request, context: context)
        try Self.check(fields.value("_csrf"), identity)
        var target = FormTarget(key: fields.value("key") ?? "")
        guard !target.key.isEmpty, target.key.count <= 200 else { throw FormFields.unreadable }
        if let id = context.parameters.get("id", as: Int64.self) {
            // Whether it is still a draft, the store judges when the form is saved.
            _ = try await formDocument(id, identity: identity)
            target.documentID = id
            guard let revision = fields.value("revision").flatMap({ Int($0) }) else { throw FormFields.unreadable }
            target.revision = revision
        }
        let commune = try await commune(of: identity)
        let profile = commune.profile
        var form = try Self.foundingForm(fields)
        let op = fields.value("op") ?? "check"
        var notice: String?
        var errors: [String] = []
        var importProblems: [String] = []
        var status: HTTPResponse.Status?
        var check: FoundingForm.Check?
        if let edit = Self.tableEdit(op) {
            form.apply(edit)
        } else {
            switch op {
            case "import":
                do {
                    guard let file = fields.files["tep"], !file.bytes.isEmpty else {
                        throw OfficeError.badData("Chưa chọn tệp danh sách (Excel .xlsx hoặc .csv).")
                    }
                    let result = try MemberImport.members(fileName: file.name, bytes: file.bytes,
                                                          defaultVillage: form.chosenVillage(in: profile))
                    notice = try form.importMembers(result, fileName: file.name)
                    importProblems = result.problems.map(\.description)
                } catch let error as OfficeError {
                    errors.append(error.message)
                }
            case "preview":
                do {
                    let data = try form.data(profile)
                    let version = try office.render(kind: FoundingForm.kind, data: data, format: .odt)
                    return Desk.attachment(version.bytes, name: "xem-truoc-\(FoundingForm.kind).odt", format: .odt)
                } catch let error as OfficeError {
                    errors.append(error.message)
                }
            case "save", "submit":
                let checked = form.check(profile, finisher: office.finisher)
                check = checked
                if let unreadable = checked.unreadable {
                    errors.append(unreadable)
                } else if op == "submit" && checked.hasErrors {
                    errors.append("Chưa trình được: còn lỗi ở những chỗ đánh dấu bên dưới. Hãy sửa, hoặc lưu bản nháp để làm tiếp sau.")
                } else {
                    do {
                        return try await save(form, profile: profile, target: target, submit: op == "submit", identity: identity)
                    } catch let error as StoreError {
                        let failure = Failure.from(error)
                        guard failure.status.code < 500 else { throw error }
                        errors.append(failure.message)
                        status = failure.status
                    }
                }
            default:
                break
            }
        }
        return try await foundingPage(form, target: target, identity: identity, commune: commune, check: check, notice: notice,
                                      errors: errors, importProblems: importProblems, status: status)
    }

    /// Saves the form as a new draft or as the next version of the draft it edits, then submits it when asked, and
    /// sends the browser to the document's page.
    func save(_ form: FoundingForm, profile: CommuneProfile, target: FormTarget, submit: Bool, identity: Identity) async throws -> Response {
        let data = try form.data(profile)
        let user = identity.user.id
        // The page's key with the content: the same form posted twice is one change, while the same page posted
        // again with other content (after the back button) is another, which the revision check then judges.
        let key = "web-form-\(target.key)-\(SHA256Hex.digest(data).prefix(24))"
        let outcome = if let id = target.documentID {
            try await office.reviseDraft(id, data: data, by: user, expectedRevision: target.revision, idempotencyKey: key)
        } else {
            try await office.createDraft(kind: FoundingForm.kind, data: data, by: user, idempotencyKey: key)
        }
        let id = outcome.document.id
        guard submit else { return .redirect(to: "/documents/\(id)?saved=1", type: .normal) }
        try await office.act(id, .submit, by: user, expectedRevision: outcome.document.revision,
                             idempotencyKey: "\(key)-submit")
        return .redirect(to: "/documents/\(id)?done=submit", type: .normal)
    }

    // MARK: Reading the form

    static let rowFields = ["ho_ten", "gioi_tinh", "chuc_vu", "vai_tro", "doan_vien", "dien_thoai", "dia_chi", "phu_trach_thon", "hoi_phu_nu"]
    static let maxRows = 500

    static func foundingForm(_ fields: FormFields) throws -> FoundingForm {
        let columns = rowFields.map { fields.values($0) }
        let count = columns[0].count
        guard columns.allSatisfy({ $0.count == count }), count <= maxRows,
              let year = fields.value("nam").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), (1900...9999).contains(year)
        else { throw FormFields.unreadable }
        let rows = (0..<count).map { index -> FoundingForm.Row in
            var row = FoundingForm.Row()
            row.fullName = columns[0][index]
            row.gender = Gender(rawValue: columns[1][index])
            row.position = columns[2][index]
            row.role = TeamRole(rawValue: columns[3][index]) ?? .member
            row.youthUnion = columns[4][index] == "co"
            row.phone = columns[5][index]
            row.address = columns[6][index]
            row.villageInCharge = columns[7][index]
            row.womensUnion = columns[8][index] == "co"
            return row
        }
        return FoundingForm(
            village: fields.value("thon") ?? "", rows: rows.isEmpty ? [FoundingForm.Row()] : rows, year: year,
            teamName: fields.value("ten_to") ?? "", legalBases: fields.value("can_cu") ?? "", proposer: fields.value("de_nghi") ?? "",
            recipients: fields.value("noi_nhan") ?? "", signerName: fields.value("nguoi_ky") ?? "",
            signerTitle: fields.value("chuc_vu_nguoi_ky") ?? "")
    }

    /// `add`, `remove-3`, `up-3`, `down-3`.
    static func tableEdit(_ op: String) -> FoundingForm.Edit? {
        if op == "add" { return .add }
        let parts = op.split(separator: "-")
        guard parts.count == 2, let index = Int(parts[1]) else { return nil }
        switch parts[0] {
        case "remove": return .remove(index)
        case "up": return .up(index)
        case "down": return .down(index)
        default: return nil
        }
    }

    // MARK: Rendering

    /// The form page; `check` is the form's check when the caller has made it already.
    func foundingPage(_ form: FoundingForm, target: FormTarget, identity: Identity, commune: (record: CommuneRecord, profile: CommuneProfile),
                      check known: FoundingForm.Check? = nil, notice: String? = nil, errors: [String] = [],
                      importProblems: [String] = [], status: HTTPResponse.Status? = nil) async throws -> Response {
        let profile = commune.profile
        let check = known ?? form.check(profile, finisher: office.finisher)
        func problems(_ violations: [Violation]) -> [[String: Any]] {
            violations.map { ["message": $0.description, "isError": $0.severity == .error] }
        }
        let roles: [(TeamRole, String)] = TeamRole.allCases.map { ($0, $0.title) }
        let rows = form.rows.enumerated().map { index, row -> [String: Any] in
            var values: [String: Any] = [
                "index": index, "number": index + 1, "fullName": row.fullName, "position": row.position, "phone": row.phone,
                "address": row.address, "villageInCharge": row.villageInCharge, "womensUnion": row.womensUnion ? "co" : "khong",
                "male": row.gender == .male, "female": row.gender == .female, "youthUnion": row.youthUnion,
                "roles": roles.map { ["value": $0.0.rawValue, "title": $0.1, "selected": $0.0 == row.role] },
                "isFirst": index == 0, "isLast": index == form.rows.count - 1,
            ]
            if let found = check.byRow[index] {
                values["problems"] = problems(found)
                values["hasError"] = found.contains { $0.severity == .error }
            }
            return values
        }
        let chosen = form.chosenVillage(in: profile)
        var villages = profile.villages.map { village -> [String: Any] in
            ["name": village.name, "title": VietnameseCase.capitalizedFirst(village.displayName),
             "selected": village == chosen]
        }
        // A village the commune's list does not have (from an older draft or a file) stays selectable.
        if let chosen, !profile.villages.contains(chosen) {
            villages.append(["name": chosen.name, "title": VietnameseCase.capitalizedFirst(chosen.displayName), "selected": true])
        }
        var values: [String: Any] = [
            "heading": target.documentID.map { "Sửa quyết định thành lập Tổ (văn bản \($0))" } ?? "Thành lập Tổ Công nghệ số cộng đồng",
            "action": target.documentID.map { "/documents/\($0)/edit" } ?? "/documents/new",
            "csrf": identity.session.csrfToken, "key": target.key, "villages": villages, "noVillage": chosen == nil,
            "hasVillages": !villages.isEmpty, "villageName": form.village,
            "rows": rows, "year": form.year, "teamName": form.teamName, "legalBases": form.legalBases, "proposer": form.proposer,
            "recipients": form.recipients, "signerName": form.signerName, "signerTitle": form.signerTitle,
            "general": problems(check.general), "hasGeneral": !check.general.isEmpty,
            "errors": errors + (check.unreadable.map { errors.isEmpty ? [$0] : [] } ?? []),
            "importProblems": importProblems, "hasImportProblems": !importProblems.isEmpty,
            "ready": !check.hasErrors, "memberCount": form.rows.filter { !$0.isBlank }.count,
        ]
        if let id = target.documentID {
            values["documentID"] = id
            values["revision"] = target.revision ?? 0
        }
        if let notice { values["notice"] = notice }
        return try await render("founding", values, identity: identity, commune: commune.record,
                                status: status ?? (errors.isEmpty ? .ok : .unprocessableContent))
    }

    // MARK: Helpers

    /// Whether `user` may draft founding decisions: the founding workflow's drafting roles say so.
    func mayDraft(_ user: UserRecord) -> Bool {
        office.workflows.definition(forKind: FoundingForm.kind).map { !$0.draftingRoles.isDisjoint(with: user.roles) } ?? false
    }

    /// The signed-in user, when they may draft.
    func drafter(_ context: VanBanContext) throws -> Identity {
        let identity = try context.signedIn()
        guard mayDraft(identity.user) else {
            let roles = office.workflows.definition(forKind: FoundingForm.kind)?.draftingRoles.sorted().map(\.vietnameseName) ?? []
            throw ServerError.forbidden("Chỉ \(roles.joined(separator: " hoặc ")) mới soạn văn bản.")
        }
        return identity
    }

    /// Whether the form edits `document`: a founding decision still in its workflow's first state.
    static func isFormDraft(_ document: DocumentRecord, _ definition: WorkflowDefinition) -> Bool {
        document.kind == FoundingForm.kind && document.state == definition.initialState
    }

    /// The user's commune with its profile, read once per request.
    func commune(of identity: Identity) async throws -> (record: CommuneRecord, profile: CommuneProfile) {
        guard let record = try await office.store.commune(identity.user.communeID) else {
            throw StoreError.communeNotFound(identity.user.communeID)
        }
        return (record, try CommuneProfile.read(record.profile))
    }

    /// A founding decision of the user's commune (another commune's answers as missing).
    func formDocument(_ id: Int64, identity: Identity) async throws -> DocumentRecord {
        let document = try await Desk(office: office, user: identity.user).document(id)
        guard document.kind == FoundingForm.kind else {
            throw ServerError.notFound("Văn bản \(id) không phải quyết định thành lập một Tổ; biểu mẫu này chỉ sửa loại văn bản đó.")
        }
        return document
    }
}
