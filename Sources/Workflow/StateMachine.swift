/// Someone acting on a document: a user of one commune with one or more roles.
public struct Actor: Sendable, Hashable {
    public let id: String
    public let name: String
    public let communeID: String
    public let roles: Set<Role>

    public init(id: String, name: String, communeID: String, roles: Set<Role>) {
        self.id = id
        self.name = name
        self.communeID = communeID
        self.roles = roles
    }
}

/// What the workflow needs to know about a document when someone acts on it.
public struct DocumentSituation: Sendable, Hashable {
    public let state: String
    public let communeID: String
    /// The users who wrote the document's drafts; none of them may approve or sign it.
    public let authorIDs: Set<String>

    public init(state: String, communeID: String, authorIDs: Set<String>) {
        self.state = state
        self.communeID = communeID
        self.authorIDs = authorIDs
    }
}

/// One request to move a document on.
public struct ActionRequest: Sendable, Hashable {
    public let action: WorkflowAction
    public let actor: Actor
    /// The actor's comment, NFC-normalised and trimmed by the caller; empty when none was given.
    public let comment: String

    public init(action: WorkflowAction, actor: Actor, comment: String = "") {
        self.action = action
        self.actor = actor
        self.comment = comment
    }
}

/// A transition the workflow allows: the caller records it and carries out its effects in one transaction.
public struct Move: Sendable, Hashable {
    public let action: WorkflowAction
    public let from: String
    public let to: String
    /// The role the actor takes it in (the first of theirs that the transition allows), for the audit log.
    public let role: Role
    public let effects: [WorkflowEffect]
    /// Working days the document may wait in `to`, from the definition.
    public let dueWorkingDays: Int?
}

/// The state machine's answer to a request: move, or refuse with the reason.
public enum Decision: Sendable, Hashable {
    case move(Move)
    case refuse(Refusal)
}

/// A workflow definition as a value-type state machine: it takes a document's situation and a request and returns
/// the transition to record and the effects to carry out, doing no I/O itself.
///
/// Checks run in a fixed order so that the reason given is the most useful one: the commune first (a user of
/// another commune learns nothing about the document), then whether the action exists from this state, the role,
/// and last the guards.
public struct WorkflowStateMachine: Sendable {
    public let definition: WorkflowDefinition

    public init(definition: WorkflowDefinition) {
        self.definition = definition
    }

    /// Decides a request; `validate` is called only when the transition's guards ask for the document's problems.
    public func decide(
        _ request: ActionRequest, on document: DocumentSituation, validate: () -> [String]
    ) -> Decision {
        guard request.actor.communeID == document.communeID else { return .refuse(.otherCommune) }
        guard let transition = definition.transition(request.action, from: document.state) else {
            return .refuse(.notAvailable(
                action: request.action, stateTitle: definition.state(document.state)?.title ?? document.state,
                available: definition.transitions(from: document.state).map(\.action)))
        }
        guard let role = transition.roles.intersection(request.actor.roles).min() else {
            return .refuse(.roleNotAllowed(action: request.action, allowed: transition.roles.sorted()))
        }
        for check in transition.guards {
            switch check {
            case .commentRequired where request.comment.isEmpty:
                return .refuse(.commentRequired(action: request.action))
            case .signerNotAuthor where document.authorIDs.contains(request.actor.id):
                return .refuse(.authorCannotAct(action: request.action))
            case .policyValid:
                let problems = validate()
                if !problems.isEmpty { return .refuse(.validationFailed(problems: problems)) }
            case .commentRequired, .signerNotAuthor:
                continue
            }
        }
        return .move(Move(
            action: request.action, from: document.state, to: transition.to, role: role, effects: transition.effects,
            dueWorkingDays: definition.state(transition.to)?.dueWorkingDays))
    }

    /// The actions `actor` could try on the document now (role and commune permitting; guards are not run).
    public func availableActions(for actor: Actor, on document: DocumentSituation) -> [WorkflowAction] {
        guard actor.communeID == document.communeID else { return [] }
        return definition.transitions(from: document.state)
            .filter { !$0.roles.isDisjoint(with: actor.roles) }
            .map(\.action)
    }
}
