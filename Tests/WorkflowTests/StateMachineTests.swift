import TestSupport
import Testing
@testable import Workflow

@Suite("Workflow state machine")
struct StateMachineTests {
    static let definition = try! WorkflowCatalog.load(directory: DefinitionLoadingTests.workflows)
        .definitions["quyet-dinh-thanh-lap"]!
    let machine = WorkflowStateMachine(definition: Self.definition)

    static let clerk = Actor(id: "lan", name: "Nguyễn Thị Lan", communeID: "gia-cat", roles: [.clerk])
    static let approver = Actor(id: "hung", name: "Hoàng Văn Hùng", communeID: "gia-cat", roles: [.approver])
    static let archivist = Actor(id: "mai", name: "Lý Thị Mai", communeID: "gia-cat", roles: [.archivist])

    func situation(_ state: String, authors: Set<String> = ["lan"], commune: String = "gia-cat") -> DocumentSituation {
        DocumentSituation(state: state, communeID: commune, authorIDs: authors)
    }

    func decide(_ action: WorkflowAction, by actor: Actor, in state: String, comment: String = "",
                problems: [String] = [], authors: Set<String> = ["lan"]) -> Decision {
        machine.decide(ActionRequest(action: action, actor: actor, comment: comment),
                       on: situation(state, authors: authors), validate: { problems })
    }

    @Test("a founding decision goes draft → review → approved → signed → archived, and signing numbers it")
    func happyPath() {
        var state = "draft"
        let steps: [(WorkflowAction, Actor, String, Role, [WorkflowEffect], Int?)] = [
            (.submit, Self.clerk, "commune_review", .clerk, [], 3),
            (.approve, Self.approver, "approved", .approver, [], 1),
            (.sign, Self.approver, "signed", .approver, [.assignNumber, .renderFinal], nil),
            (.archive, Self.archivist, "archived", .archivist, [], nil),
        ]
        for (action, actor, expected, role, effects, due) in steps {
            guard case let .move(move) = decide(action, by: actor, in: state) else {
                Issue.record("\(action) refused in \(state)")
                return
            }
            #expect(move == Move(action: action, from: state, to: expected, role: role, effects: effects, dueWorkingDays: due))
            state = move.to
        }
        #expect(machine.availableActions(for: Self.approver, on: situation(state)) == [])
    }

    @Test("every action is refused to every role that may not take it, from every state")
    func rolesAreEnforcedEverywhere() {
        let everyone = [Self.clerk, Self.approver, Self.archivist]
        var allowedCount = 0
        for state in Self.definition.states.map(\.id) {
            for action in WorkflowAction.allCases {
                let transition = Self.definition.transition(action, from: state)
                for actor in everyone {
                    let decision = decide(action, by: actor, in: state, comment: "Sửa lại", authors: ["khac"])
                    let role = actor.roles.first!
                    switch (transition, decision) {
                    case (nil, .refuse(.notAvailable(action, _, _))):
                        continue
                    case let (transition?, .refuse(.roleNotAllowed(refused, allowed))):
                        #expect(refused == action && !transition.roles.contains(role) && allowed == transition.roles.sorted())
                    case let (transition?, .move(move)):
                        #expect(transition.roles.contains(role) && move.to == transition.to, "\(action) \(state) \(role)")
                        allowedCount += 1
                    default:
                        Issue.record("\(action) from \(state) by \(role): unexpected \(decision)")
                    }
                }
            }
        }
        // submit, return ×2, approve, sign, archive, withdraw ×3 states × 2 roles
        #expect(allowedCount == 1 + 2 + 1 + 1 + 1 + 6)
    }

    @Test("a user of another commune is refused before anything about the document is said")
    func otherCommune() {
        let stranger = Actor(id: "x", name: "Người xã khác", communeID: "yen-hoa", roles: [.clerk, .approver, .archivist])
        for state in Self.definition.states.map(\.id) {
            for action in WorkflowAction.allCases {
                #expect(decide(action, by: stranger, in: state) == .refuse(.otherCommune))
            }
            #expect(machine.availableActions(for: stranger, on: situation(state)) == [])
        }
        #expect(Refusal.otherCommune.description == "Văn bản này thuộc xã khác; bạn không có quyền thao tác trên nó.")
    }

    @Test("guards: a return needs a comment, the author cannot approve or sign, signing needs valid data")
    func guards() {
        #expect(decide(.return, by: Self.approver, in: "commune_review") == .refuse(.commentRequired(action: .return)))
        #expect(Refusal.commentRequired(action: .return).description
            == "Cần ghi ý kiến khi “trả lại” văn bản, để người soạn biết phải sửa gì.")
        let both = Actor(id: "lan", name: "Nguyễn Thị Lan", communeID: "gia-cat", roles: [.clerk, .approver])
        #expect(decide(.approve, by: both, in: "commune_review") == .refuse(.authorCannotAct(action: .approve)))
        #expect(decide(.sign, by: Self.approver, in: "approved", authors: ["lan", "hung"])
            == .refuse(.authorCannotAct(action: .sign)))
        #expect(Refusal.authorCannotAct(action: .sign).description
            == "Người soạn thảo văn bản không được tự “ký ban hành” văn bản của mình.")
        let problems = ["Tổ Thôn Bắc Nga có 2 thành viên; cần ít nhất 3."]
        #expect(decide(.submit, by: Self.clerk, in: "draft", problems: problems) == .refuse(.validationFailed(problems: problems)))
        #expect(Refusal.validationFailed(problems: problems).description
            == "Văn bản chưa đạt yêu cầu:\n- Tổ Thôn Bắc Nga có 2 thành viên; cần ít nhất 3.")
    }

    @Test("validation runs only when a guard asks for it")
    func validationIsLazy() {
        var calls = 0
        _ = machine.decide(ActionRequest(action: .approve, actor: Self.approver), on: situation("commune_review"),
                           validate: { calls += 1; return [] })
        #expect(calls == 0)
        _ = machine.decide(ActionRequest(action: .submit, actor: Self.clerk), on: situation("draft"),
                           validate: { calls += 1; return [] })
        #expect(calls == 1)
    }

    @Test("an action the state does not offer names the state and what can be done instead")
    func notAvailable() {
        let decision = decide(.sign, by: Self.approver, in: "commune_review")
        guard case let .refuse(refusal) = decision else { Issue.record("signed from review"); return }
        #expect(refusal.description
            == "Không thể “ký ban hành” văn bản đang ở trạng thái “Chờ xã xem xét”; lúc này chỉ có thể “trả lại”, “duyệt”, “thu hồi”.")
        guard case let .refuse(final) = decide(.withdraw, by: Self.clerk, in: "archived", comment: "x") else { return }
        #expect(final.description == "Không thể “thu hồi” văn bản đang ở trạng thái “Đã lưu trữ”; lúc này không còn thao tác nào.")
        #expect(Refusal.roleNotAllowed(action: .sign, allowed: [.approver]).description
            == "Chỉ Lãnh đạo phê duyệt mới được “ký ban hành” văn bản này.")
    }
}
