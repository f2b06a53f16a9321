import Foundation
import TestSupport

/// External tools the signing tests check against (openssl, pdfsig, xmlsec1, certutil): run when installed, always in CI.
enum Tools {
    static func shouldRun(_ tool: String) -> Bool { LibreOffice.executable(tool) != nil || LibreOffice.isCI }

    /// Runs a tool and returns its exit status and standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
                    withErrors: Bool = false) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : LibreOffice.executable(tool) ?? "/usr/bin/\(tool)")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = withErrors ? pipe : FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-signing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
