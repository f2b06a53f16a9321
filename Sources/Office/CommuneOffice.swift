import Documents
import Domain
import Foundation
import Storage
import Templating
import VietnameseText
import Workflow

/// What clerks, approvers and archivists do, whatever the interface: the command line and the server both call this.
///
/// It joins the parts: document kinds render the files, workflows decide the moves, the store keeps everything.
public struct CommuneOffice: Sendable {
    public let store: any Store
    public let workflows: WorkflowCatalog
    public let finisher: KindFinisher
    let clock: @Sendable () -> Date
    /// Called after an action that gave a number, so that a waiting signing queue makes the PDF original at once.
    public var afterSigning: @Sendable () -> Void = {}

    public init(store: any Store, workflows: WorkflowCatalog, finisher: KindFinisher,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.workflows = workflows
        self.finisher = finisher
        self.clock = clock
    }

    /// Opens the office on a repository layout: `workflows/`, `templates/`, `policies/`, and records the current
    /// workflow versions in the store. `artwork` gives the signature and seal pictures of signed versions.
    public static func open(store: any Store, root: URL, artwork: (any ArtworkSource)? = nil,
                            clock: @escaping @Sendable () -> Date = { Date() }) async throws -> CommuneOffice {
        let workflows = try WorkflowCatalog.load(directory: root.appendingPathComponent("workflows"))
        for kind in DocumentKinds.all where workflows.definition(forKind: kind.id) == nil {
            throw OfficeError.noWorkflow(kind: kind.id)
        }
        let policies = root.appendingPathComponent("policies")
        let context = FileManager.default.fileExists(atPath: policies.path)
            ? DocumentContext(policies: try TeamPolicy.loadAll(directory: policies)) : DocumentContext()
        let office = CommuneOffice(
            store: store, workflows: workflows,
            finisher: KindFinisher(templatesDirectory: root.appendingPathComponent("templates"), context: context, artwork: artwork),
            clock: clock)
        for definition in workflows.definitions.values.sorted(by: { $0.id < $1.id }) {
            try await store.register(workflow: definition, source: workflows.sources[definition.id]!)
        }
        return office
    }

    /// Starts a document from a data file: renders its first draft and puts it in its workflow's first state.
    public func createDraft(kind kindID: String, data: Data, by userID: String, format: DocumentFormat = .odt,
                            replaces: Int64? = nil, idempotencyKey: String? = nil) async throws -> ChangeOutcome {
        let kind = try KindFinisher.kind(kindID)
        guard let workflow = workflows.definition(forKind: kind.id) else { throw OfficeError.noWorkflow(kind: kind.id) }
        let (version, values) = try finisher.render(kind, data: data, format: format)
        return try await store.create(CreateDocument(
            userID: userID, kind: kind.id, typeCode: kind.typeCode, title: kind.subject(of: values), workflow: workflow,
            firstVersion: version, replacesID: replaces, idempotencyKey: idempotencyKey, at: clock()))
    }

    /// A data file rendered as a draft would be, without storing anything: the preview of a form.
    public func render(kind kindID: String, data: Data, format: DocumentFormat) throws -> NewVersion {
        try finisher.render(try KindFinisher.kind(kindID), data: data, format: format).0
    }

    /// Replaces a draft's content with a new data file.
    public func reviseDraft(_ id: Int64, data: Data, by userID: String, expectedRevision: Int? = nil,
                            idempotencyKey: String? = nil) async throws -> ChangeOutcome {
        guard let document = try await store.document(id) else { throw StoreError.documentNotFound(id) }
        let current = try await store.currentVersion(of: id)
        let format = current.flatMap { DocumentFormat(rawValue: $0.format) } ?? .odt
        let (version, _) = try finisher.render(try KindFinisher.kind(document.kind), data: data, format: format)
        return try await store.revise(ReviseDraft(
            documentID: id, userID: userID, expectedRevision: expectedRevision, version: version,
            idempotencyKey: idempotencyKey, at: clock()))
    }

    /// Takes a workflow action; signing numbers, dates and renders the final version in the same transaction.
    @discardableResult
    public func act(_ id: Int64, _ action: WorkflowAction, by userID: String, comment: String = "",
                    expectedRevision: Int? = nil, idempotencyKey: String? = nil) async throws -> ChangeOutcome {
        let outcome = try await store.act(
            ActOnDocument(documentID: id, action: action, userID: userID, comment: comment,
                          expectedRevision: expectedRevision, idempotencyKey: idempotencyKey, at: clock()),
            finisher: finisher, calendar: workflows.calendar)
        if outcome.registered != nil, !outcome.replayed { afterSigning() }
        return outcome
    }

    /// Today's date in Vietnam, for overdue lists.
    public var today: String { VietnamTime.date(of: clock()).iso }
}
