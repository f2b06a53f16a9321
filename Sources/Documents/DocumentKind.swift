import Domain
import Foundation
import Templating

/// One document to produce: the name its files get and the values its template is filled with.
public struct DocumentValues: Sendable {
    /// File name without extension, ASCII, unique within one generation (`quyet-dinh-thanh-lap-to-thon-bac-nga`).
    public var name: String
    public var values: TemplateValue
    /// What the common fields in `values` were made from; nil for values made elsewhere.
    public var header: DocumentHeader?

    public init(name: String, values: TemplateValue, header: DocumentHeader? = nil) {
        self.name = name
        self.values = values
        self.header = header
    }
}

/// What one data file makes: its documents and what breaks the rules that apply to it.
public struct DocumentBatch: Sendable {
    public var documents: [DocumentValues]
    public var violations: [Violation]

    public init(documents: [DocumentValues], violations: [Violation]) {
        self.documents = documents
        self.violations = violations
    }
}

/// What a kind needs besides its data file.
public struct DocumentContext: Sendable {
    /// Province policies by id (`policies/*.yaml`), for chat-group names and team rules.
    public var policies: [String: TeamPolicy]

    public init(policies: [String: TeamPolicy] = [:]) {
        self.policies = policies
    }
}

/// A kind of commune document: its template, the data it reads and how that data becomes template values.
public protocol DocumentKind: Sendable {
    /// The kind's name on the command line and the base name of its templates in `templates/`.
    var id: String { get }
    /// What it is, in Vietnamese, for help text and listings.
    var title: String { get }
    /// The abbreviation of the document type in its number (NĐ 30, PL III): `QĐ`, `KH`, `TTr`, `BC`.
    var typeCode: String { get }
    /// The document type as the register of outgoing documents writes it: `Quyết định`, `Kế hoạch`.
    var typeName: String { get }
    /// The subject line of one document (trích yếu), for lists and the register.
    func subject(of document: DocumentValues) -> String
    /// A sample data file in `samples/`.
    var sample: String { get }
    /// Reads the kind's data file and returns the documents it makes, one or many.
    func documents(from json: Data, context: DocumentContext) throws(DomainDataError) -> [DocumentValues]
    /// The documents and the rule violations the person should see before they go out (a team against its
    /// province's policy), from one reading of the data file. Errors stop `vanban generate` unless it is told to go on.
    func prepare(from json: Data, context: DocumentContext) throws(DomainDataError) -> DocumentBatch
    /// The meaning of each field the kind fills beyond the common ones, by dotted path (`thanh_vien.ho_ten`), in
    /// Vietnamese: the rows of templates/FIELDS.md.
    var fieldDescriptions: [String: String] { get }
}

extension DocumentKind {
    /// A kind without rules beyond its data's own checks has no violations.
    public func prepare(from json: Data, context: DocumentContext) throws(DomainDataError) -> DocumentBatch {
        DocumentBatch(documents: try documents(from: json, context: context), violations: [])
    }
    public var fieldDescriptions: [String: String] { [:] }

    /// The `trich_yeu` field when the template has one, else the kind's title.
    public func subject(of document: DocumentValues) -> String {
        if case let .string(subject)? = document.values["trich_yeu"], !subject.isEmpty { return subject }
        return title
    }
}

/// Every kind the product knows, in the order of the document set.
public enum DocumentKinds {
    public static let all: [any DocumentKind] = [
        TeamFoundingDecision(),
        CommuneTeamsFoundingDecision(),
        SteeringCommitteeDecision(),
        OperatingRulesDecision(),
        TeamActivityPlan(),
        BudgetProposal(),
        QuarterlyTeamReport(),
    ]

    public static func named(_ id: String) -> (any DocumentKind)? {
        all.first { $0.id == id }
    }
}
