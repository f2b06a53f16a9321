import ArgumentParser
import Foundation
import Office
import Storage
import Templating
import VietnameseText
import Workflow

/// `vanban docs`: documents in the store and their workflow.
struct Docs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, create, edit, move and read documents in the store (after `vanban init`).",
        subcommands: [List.self, Create.self, Edit.self, Act.self, History.self, Show.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List documents, newest last.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Only documents in this state (draft, commune_review, approved, signed, archived, withdrawn).")
        var state: String?
        @Flag(help: "Only documents past their review due day.")
        var overdue = false
        @Option(help: "Only documents of this commune.")
        var commune: String?

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    let documents = try await office.store.documents(DocumentFilter(
                        communeID: commune, state: state, overdueOn: overdue ? office.today : nil))
                    guard !documents.isEmpty else {
                        print(overdue ? "Không có văn bản nào quá hạn." : "Chưa có văn bản nào.")
                        return
                    }
                    print("Số  Trạng thái        Hạn xử lý   Sửa  Loại                          Tiêu đề")
                    for document in documents {
                        let state = office.workflows.definitions[document.workflowID]?.state(document.state)?.title ?? document.state
                        print(Self.column(String(document.id), 3) + " " + Self.column(state, 17) + " "
                            + Self.column(document.dueOn?.short ?? "", 11) + " " + Self.column(String(document.revision), 4) + " "
                            + Self.column(document.kind, 29) + " " + document.title)
                    }
                }
            }
        }

        static func column(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a document from a data file: its first draft is rendered and stored.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document kind, as `vanban generate --help` lists them.")
        var kind: String
        @Option(help: "The data file (JSON) of one document.")
        var data: String
        @Option(name: .customLong("as"), help: "The user who drafts it (see `vanban init`).")
        var user: String
        @Option(help: "The draft's file format: odt or docx.")
        var format = "odt"
        @Option(help: "A key naming this request: running it again with the same key creates nothing new.")
        var key: String?
        @Option(help: "The signed document this one corrects (its number in the store); both stay in the register.")
        var replaces: Int64?

        func run() async throws {
            try await reportingFailures {
                guard let format = DocumentFormat(rawValue: format) else {
                    throw CommandFailure("Định dạng “\(format)” không có: chọn odt hoặc docx.", exitCode: 2)
                }
                try await storeOptions.withOffice { office in
                    let outcome = try await office.createDraft(
                        kind: kind, data: Data(try CommandIO.read(data)), by: user, format: format, replaces: replaces, idempotencyKey: key)
                    var replacing = ""
                    if let id = outcome.document.replacesID {
                        replacing = ", thay thế văn bản \(try await office.store.registerEntry(of: id)?.notation ?? String(id))"
                    }
                    print("\(outcome.replayed ? "Đã có từ trước" : "Đã tạo") văn bản số hiệu \(outcome.document.id): "
                        + "\(outcome.document.title) (dự thảo, lần sửa \(outcome.document.revision)\(replacing)).")
                }
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store new content for a draft from a data file.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document's number in the store.")
        var id: Int64
        @Option(help: "The corrected data file (JSON).")
        var data: String
        @Option(name: .customLong("as"), help: "The user who edits it.")
        var user: String
        @Option(help: "The revision you looked at; refused if the document changed since.")
        var revision: Int?

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    let outcome = try await office.reviseDraft(id, data: Data(try CommandIO.read(data)), by: user,
                                                               expectedRevision: revision)
                    print("Đã lưu bản dự thảo mới của văn bản \(id) (lần sửa \(outcome.document.revision)).")
                }
            }
        }
    }

    struct Act: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a document on: submit, return, approve, sign, archive or withdraw.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document's number in the store.")
        var id: Int64
        @Argument(help: "submit, return, approve, sign, archive or withdraw.")
        var action: String
        @Option(name: .customLong("as"), help: "The user who acts.")
        var user: String
        @Option(help: "Why (required to return or withdraw).")
        var comment = ""
        @Option(help: "The revision you looked at; refused if the document changed since.")
        var revision: Int?
        @Option(help: "A key naming this request: running it again with the same key does not act twice.")
        var key: String?

        func run() async throws {
            try await reportingFailures {
                guard let action = WorkflowAction(rawValue: action) else {
                    throw CommandFailure("Không có thao tác “\(action)”: chọn "
                        + WorkflowAction.allCases.map(\.rawValue).joined(separator: ", ") + ".", exitCode: 2)
                }
                try await storeOptions.withOffice { office in
                    let outcome = try await office.act(id, action, by: user, comment: UnicodeNormalization.cleaned(comment),
                                                       expectedRevision: revision, idempotencyKey: key)
                    let definition = office.workflows.definitions[outcome.document.workflowID]
                    let state = definition?.state(outcome.document.state)?.title ?? outcome.document.state
                    var line = "\(outcome.replayed ? "Đã làm từ trước" : "Đã \(action.vietnameseName)") văn bản \(id): nay “\(state)”"
                    if let due = outcome.document.dueOn { line += ", hạn xử lý \(due.short)" }
                    if let registered = outcome.registered {
                        let date = VietnameseDate(parsing: registered.issuedOn)?.short ?? registered.issuedOn
                        line += "; số \(registered.notation), ngày \(date)"
                    }
                    print(line + ".")
                }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a document's audit log.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document's number in the store.")
        var id: Int64

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    guard let document = try await office.store.document(id) else { throw StoreError.documentNotFound(id) }
                    let definition = try await office.store.workflow(id: document.workflowID, version: document.workflowVersion)
                    func title(_ state: String) -> String { definition?.state(state)?.title ?? state }
                    print("Văn bản \(id): \(document.title)")
                    for entry in try await office.store.history(of: id) {
                        let states = (entry.fromState.map { "\(title($0)) → " } ?? "") + title(entry.toState)
                        var line = "\(entry.revision). \(entry.at)  \(entry.userName) (\(entry.role.vietnameseName))  "
                            + "\(entry.actionName)  \(states)  sha256 \(entry.versionSHA256.prefix(12))"
                        if !entry.comment.isEmpty { line += "\n   Ý kiến: \(entry.comment)" }
                        print(line)
                    }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a document's current version (or an older one) to a file.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The document's number in the store.")
        var id: Int64
        @Option(help: "The file to write.")
        var out: String
        @Option(help: "Which version (1 is the first draft); the latest when absent.")
        var version: Int?

        func run() async throws {
            try await reportingFailures {
                try await storeOptions.withOffice { office in
                    let versions = try await office.store.versions(of: id)
                    guard !versions.isEmpty else { throw StoreError.documentNotFound(id) }
                    guard let chosen = version.map({ wanted in versions.first { $0.sequence == wanted } }) ?? versions.last else {
                        throw CommandFailure("Văn bản \(id) không có phiên bản \(version!); có 1 đến \(versions.count).")
                    }
                    try CommandIO.write(Array(chosen.bytes), to: out)
                    print("Đã ghi phiên bản \(chosen.sequence)\(chosen.isFinal ? " (bản ký ban hành)" : "") của văn bản \(id) "
                        + "(\(chosen.format.uppercased()), sha256 \(chosen.sha256)) vào \(out).")
                }
            }
        }
    }
}
