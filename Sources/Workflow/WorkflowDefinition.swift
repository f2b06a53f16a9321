/// One workflow read from `workflows/*.yaml`: the states a document passes through and who may move it on.
///
/// A definition is checked when it is loaded (see `WorkflowDefinition.load(yaml:file:)`), so every value of this
/// type is coherent: states are known, every state is reachable from the initial one, and a final state can be
/// reached from every state.
public struct WorkflowDefinition: Sendable, Hashable {
    /// A stable name such as `quyet-dinh-thanh-lap`; documents refer to it with `version`.
    public let id: String
    /// Bumped whenever the definition changes; a document keeps the version it started with.
    public let version: Int
    /// The workflow's name as a clerk reads it.
    public let title: String
    /// The document kinds (`DocumentKind.id`) that follow this workflow.
    public let kinds: [String]
    /// The state a new document starts in.
    public let initialState: String
    /// The states, in the order the file lists them.
    public let states: [State]
    /// The transitions, in the order the file lists them.
    public let transitions: [Transition]

    /// One state of a document.
    public struct State: Sendable, Hashable {
        /// The state's identifier (`draft`, `commune_review`, …).
        public let id: String
        /// The state's name as a clerk reads it.
        public let title: String
        /// A document leaves a final state by no action.
        public let isFinal: Bool
        /// How many working days the document may wait in this state before it is overdue; nil when it may wait.
        public let dueWorkingDays: Int?

        public init(id: String, title: String, isFinal: Bool = false, dueWorkingDays: Int? = nil) {
            self.id = id
            self.title = title
            self.isFinal = isFinal
            self.dueWorkingDays = dueWorkingDays
        }
    }

    /// One way out of one or more states.
    public struct Transition: Sendable, Hashable {
        public let action: WorkflowAction
        public let from: [String]
        public let to: String
        public let roles: Set<Role>
        public let guards: [WorkflowGuard]
        public let effects: [WorkflowEffect]

        public init(
            action: WorkflowAction, from: [String], to: String, roles: Set<Role>,
            guards: [WorkflowGuard] = [], effects: [WorkflowEffect] = []
        ) {
            self.action = action
            self.from = from
            self.to = to
            self.roles = roles
            self.guards = guards
            self.effects = effects
        }
    }

    /// The states every workflow must name, so that lists, registers and exports mean the same everywhere.
    public static let requiredStates = ["draft", "commune_review", "signed", "archived", "withdrawn"]

    /// The state with this identifier.
    public func state(_ id: String) -> State? { states.first { $0.id == id } }

    /// The transition `action` takes from `state`, if the workflow offers one.
    public func transition(_ action: WorkflowAction, from state: String) -> Transition? {
        transitions.first { $0.action == action && $0.from.contains(state) }
    }

    /// The transitions that leave `state`.
    public func transitions(from state: String) -> [Transition] {
        transitions.filter { $0.from.contains(state) }
    }

    /// The roles that draft: those that may submit from the initial state. Only they create documents of this
    /// workflow or change a draft.
    public var draftingRoles: Set<Role> {
        Set(transitions(from: initialState).filter { $0.action == .submit }.flatMap(\.roles))
    }

    /// Whether some action from `state` assigns a number, so that a store knows to lock the register first.
    public func mayAssignNumber(from state: String) -> Bool {
        transitions(from: state).contains { $0.effects.contains(.assignNumber) }
    }
}
