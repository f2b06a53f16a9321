import Foundation
import TestSupport
import Testing
import VietnameseText
@testable import Workflow

@Suite("Workflow definitions")
struct DefinitionLoadingTests {
    static let workflows = repositoryRoot.appendingPathComponent("workflows")

    @Test("the shipped workflows load, each with the required states and actions")
    func shippedWorkflowsLoad() throws {
        let catalog = try WorkflowCatalog.load(directory: Self.workflows)
        #expect(catalog.definitions.keys.sorted() == [
            "ban-chi-dao", "bao-cao-quy", "ke-hoach-hoat-dong", "quyet-dinh-thanh-lap", "to-trinh-kinh-phi",
        ])
        for definition in catalog.definitions.values {
            let states = Set(definition.states.map(\.id))
            #expect(states.isSuperset(of: WorkflowDefinition.requiredStates), "\(definition.id)")
            #expect(Set(definition.transitions.map(\.action)) == Set(WorkflowAction.allCases), "\(definition.id)")
            #expect(catalog.sources[definition.id]?.contains("version: \(definition.version)") == true)
        }
        #expect(catalog.definition(forKind: "quyet-dinh-thanh-lap-cac-to")?.id == "quyet-dinh-thanh-lap")
        // Drafting is submitting from the first state: in every shipped workflow, the clerk's work.
        #expect(catalog.definitions.values.allSatisfy { $0.draftingRoles == [.clerk] })
        #expect(catalog.calendar.daysOff.contains(VietnameseDateFixture.date("2025-09-02")))
    }

    @Test("a definition's problems are all reported at once, each with its line")
    func everyShapeProblemAtOnce() {
        let yaml = """
        id: thu
        version: 0
        title: Thử
        kinds: [quyet-dinh-thanh-lap-to]
        initial: draft
        colour: blue
        states:
          - id: draft
            title: Dự thảo
          - id: Review
            title: Xem xét
        transitions:
          - action: submit
            from: draft
            to: draft
            roles: [clerk, mayor]
            gaurds: [policy_valid]
          - action: publish
            from: draft
            to: draft
            roles: [clerk]
        """
        #expect(problems(yaml) == [
            "thu.yaml:2:10: version must be a whole number of 1 or more",
            "thu.yaml:6:1: unknown key 'colour' in the workflow; expected one of: id, version, title, kinds, initial, states, transitions",
            "thu.yaml:10:9: id: 'Review' is not an identifier like 'commune_review' (lower-case ASCII)",
            "thu.yaml:16:20: roles: unknown value 'mayor'; expected one of: clerk, approver, archivist",
            "thu.yaml:17:5: unknown key 'gaurds' in a transition; expected one of: action, from, to, roles, guards, effects",
            "thu.yaml:18:13: action: unknown value 'publish'; expected one of: submit, return, approve, sign, archive, withdraw",
        ])
    }

    @Test("unknown and unreachable states, dead ends and ambiguous actions are named")
    func usabilityProblems() {
        let yaml = """
        id: thu
        version: 1
        title: Thử
        kinds: [bao-cao-quy]
        initial: draft
        states:
          - id: draft
            title: Dự thảo
          - id: commune_review
            title: Chờ xem xét
          - id: signed
            title: Đã ký
          - id: archived
            title: Lưu trữ
            final: true
          - id: withdrawn
            title: Thu hồi
            final: true
            due_working_days: 2
          - id: limbo
            title: Treo
        transitions:
          - action: submit
            from: draft
            to: commune_review
            roles: [clerk]
          - action: submit
            from: draft
            to: comune_review
            roles: [clerk]
          - action: sign
            from: commune_review
            to: signed
            roles: [approver]
            effects: [assign_number]
          - action: approve
            from: commune_review
            to: commune_review
            roles: [approver]
            effects: [assign_number]
        """
        #expect(problems(yaml) == [
            "thu.yaml:16:5: final state 'withdrawn' cannot have due_working_days",
            "thu.yaml:27:5: submit: unknown state 'comune_review'; the states are draft, commune_review, signed, archived, withdrawn, limbo",
            "thu.yaml:27:5: two 'submit' transitions leave state 'draft'; which one applies would be ambiguous",
            "thu.yaml:31:5: sign must have the effects assign_number and render_final: the number and date are given at signing",
            "thu.yaml:36:5: approve cannot assign_number; only sign gives a document its number",
        ])
        let fixed = yaml
            .replacingOccurrences(of: "    due_working_days: 2\n", with: "")
            .replacingOccurrences(of: "to: comune_review", with: "to: withdrawn")
            .replacingOccurrences(of: "  - action: submit\n    from: draft\n    to: withdrawn", with: "  - action: withdraw\n    from: draft\n    to: withdrawn")
            .replacingOccurrences(of: "effects: [assign_number]\n  - action: approve", with: "effects: [assign_number, render_final]\n  - action: approve")
            .replacingOccurrences(of: "    to: commune_review\n    roles: [approver]\n    effects: [assign_number]", with: "    to: commune_review\n    roles: [approver]")
        // Nothing archives a signed document here, so "archived" is unreachable and review leads only to a dead end.
        #expect(problems(fixed) == [
            "thu.yaml:13:5: state 'archived' cannot be reached from 'draft'",
            "thu.yaml:19:5: state 'limbo' cannot be reached from 'draft'",
            "thu.yaml:9:5: no way to finish from state 'commune_review': no final state can be reached from it",
            "thu.yaml:11:5: no way to finish from state 'signed': no final state can be reached from it",
            "thu.yaml:19:5: no way to finish from state 'limbo': no final state can be reached from it",
        ])
    }

    @Test("a file named otherwise than its id, an empty file and bad YAML are refused")
    func fileLevelProblems() {
        let shipped = try! String(contentsOf: Self.workflows.appendingPathComponent("bao-cao-quy.yaml"), encoding: .utf8)
        #expect(problems(shipped, file: "bao-cao.yaml") == [
            "bao-cao.yaml: id is 'bao-cao-quy' but the file is named 'bao-cao.yaml'; the two must match",
        ])
        #expect(problems("", file: "x.yaml") == ["x.yaml: the file is empty"])
        #expect(problems("id: [unclosed", file: "x.yaml").first?.hasPrefix("x.yaml:2:1: YAML syntax:") == true)
    }

    @Test("the catalog refuses a kind claimed by two workflows and reports every broken file")
    func catalogProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workflows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shipped = try String(contentsOf: Self.workflows.appendingPathComponent("bao-cao-quy.yaml"), encoding: .utf8)
        try shipped.write(to: folder.appendingPathComponent("bao-cao-quy.yaml"), atomically: true, encoding: .utf8)
        try shipped.replacingOccurrences(of: "id: bao-cao-quy", with: "id: bao-cao-quy-2")
            .write(to: folder.appendingPathComponent("bao-cao-quy-2.yaml"), atomically: true, encoding: .utf8)
        try "days_off: [2025-02-30]".write(to: folder.appendingPathComponent("calendar.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: WorkflowDefinitionError.self) { try WorkflowCatalog.load(directory: folder) }
        do {
            _ = try WorkflowCatalog.load(directory: folder)
        } catch {
            #expect(error.problems.map(\.message) == [
                "\(folder.path)/calendar.yaml:1:12: '2025-02-30' is not a date written YYYY-MM-DD",
                "\(folder.path)/bao-cao-quy.yaml: kind 'bao-cao-quy' already follows workflow 'bao-cao-quy-2'",
            ])
        }
    }

    private func problems(_ yaml: String, file: String = "thu.yaml") -> [String] {
        do {
            _ = try WorkflowDefinition.load(yaml: yaml, file: file)
            return []
        } catch {
            return error.description.components(separatedBy: "\n")
        }
    }
}

enum VietnameseDateFixture {
    static func date(_ iso: String) -> VietnameseDate { VietnameseDate(parsing: iso)! }
}
