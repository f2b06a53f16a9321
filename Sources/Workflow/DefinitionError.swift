/// Everything wrong with one workflow file, each problem with the line and column it concerns.
public struct WorkflowDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One thing wrong in a definition.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// 1-based line and column in the file, when the problem has a place.
        public let line: Int?
        public let column: Int?
        public let message: String

        public init(line: Int?, column: Int?, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            guard let line else { return message }
            return "\(line):\(column ?? 1): \(message)"
        }
    }

    /// The file the definition came from, as given to the loader.
    public let file: String
    /// All problems found, in file order where they have a place.
    public let problems: [Problem]

    public init(file: String, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    /// One line per problem, each prefixed with the file: `workflows/x.yaml:12:5: unknown state 'drfat'`.
    public var description: String {
        problems.map { $0.line == nil ? "\(file): \($0)" : "\(file):\($0)" }.joined(separator: "\n")
    }
}
