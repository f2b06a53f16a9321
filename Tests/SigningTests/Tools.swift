import Foundation
import TestSupport

/// External tools the signing tests check against (openssl, pdfsig, xmlsec1, certutil): run when installed, always in CI.
enum Tools {
    static func shouldRun(_ tool: String) -> Bool { ExternalTools.shouldRun(tool) }

    /// Runs a tool and returns its exit status and standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
                    withErrors: Bool = false) throws -> (status: Int32, output: String) {
        try ExternalTools.run(tool, arguments, in: folder, environment: environment, withErrors: withErrors)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-signing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
