import Yams

/// The checks that make a well-formed definition a usable one; each problem points at the state or transition.
struct DefinitionCheck {
    let definition: WorkflowDefinition
    let marks: DefinitionMarks
    private(set) var problems: [WorkflowDefinitionError.Problem] = []

    init(definition: WorkflowDefinition, marks: DefinitionMarks) {
        self.definition = definition
        self.marks = marks
        checkStates()
        checkTransitions()
        guard problems.isEmpty else { return }
        checkReachability()
    }

    private mutating func report(_ mark: Mark??, _ message: String) {
        let place = mark ?? nil
        problems.append(.init(line: place?.line, column: place?.column, message: message))
    }

    private var known: Set<String> { Set(definition.states.map(\.id)) }

    private mutating func checkStates() {
        var seen: Set<String> = []
        for state in definition.states where !seen.insert(state.id).inserted {
            report(marks.states[state.id], "state '\(state.id)' is listed twice")
        }
        for required in WorkflowDefinition.requiredStates where !known.contains(required) {
            report(nil, "the workflow has no state '\(required)'; every workflow names "
                + WorkflowDefinition.requiredStates.joined(separator: ", "))
        }
        if !known.contains(definition.initialState) {
            report(nil, "initial state '\(definition.initialState)' is not among the states")
        } else if definition.state(definition.initialState)?.isFinal == true {
            report(marks.states[definition.initialState], "initial state '\(definition.initialState)' is final")
        }
        for state in definition.states where state.isFinal && state.dueWorkingDays != nil {
            report(marks.states[state.id], "final state '\(state.id)' cannot have due_working_days")
        }
        if !definition.states.contains(where: \.isFinal) {
            report(nil, "no state is final (final: true), so no document could ever finish")
        }
    }

    private mutating func checkTransitions() {
        var leaving: [String: WorkflowAction] = [:]
        for (transition, mark) in marks.transitions {
            for state in transition.from + [transition.to] where !known.contains(state) {
                report(mark, "\(transition.action.rawValue): unknown state '\(state)'; the states are "
                    + definition.states.map(\.id).joined(separator: ", "))
            }
            for state in transition.from {
                if definition.state(state)?.isFinal == true {
                    report(mark, "\(transition.action.rawValue) leaves final state '\(state)'; a final state has no way out")
                }
                let key = "\(state) \(transition.action.rawValue)"
                if leaving[key] != nil {
                    report(mark, "two '\(transition.action.rawValue)' transitions leave state '\(state)'; which one applies would be ambiguous")
                }
                leaving[key] = transition.action
            }
            let numbers = transition.effects.contains(.assignNumber)
            if transition.action == .sign, !numbers || !transition.effects.contains(.renderFinal) {
                report(mark, "sign must have the effects assign_number and render_final: the number and date are given at signing")
            }
            if transition.action != .sign, numbers {
                report(mark, "\(transition.action.rawValue) cannot assign_number; only sign gives a document its number")
            }
            if Set(transition.guards).count != transition.guards.count || Set(transition.effects).count != transition.effects.count {
                report(mark, "\(transition.action.rawValue) lists a guard or an effect twice")
            }
        }
    }

    /// Every state must be reachable from the initial one, and some final state reachable from every state.
    private mutating func checkReachability() {
        var reachable: Set<String> = [definition.initialState]
        var frontier = [definition.initialState]
        while let state = frontier.popLast() {
            for transition in definition.transitions(from: state) where reachable.insert(transition.to).inserted {
                frontier.append(transition.to)
            }
        }
        for state in definition.states where !reachable.contains(state.id) {
            report(marks.states[state.id], "state '\(state.id)' cannot be reached from '\(definition.initialState)'")
        }
        var finishing = Set(definition.states.filter(\.isFinal).map(\.id))
        var grew = true
        while grew {
            grew = false
            for transition in definition.transitions where finishing.contains(transition.to) {
                for state in transition.from where finishing.insert(state).inserted { grew = true }
            }
        }
        for state in definition.states where !finishing.contains(state.id) {
            report(marks.states[state.id], "no way to finish from state '\(state.id)': no final state can be reached from it")
        }
    }
}
