import Foundation

/// Command-line tools the tests check output with (unzip, python3): they run when installed, and always in CI,
/// where a missing tool fails the test instead of skipping it.
public enum ExternalTools {
    public static func shouldRun(_ tool: String) -> Bool { LibreOffice.executable(tool) != nil || LibreOffice.isCI }

    /// Runs `tool` (a name looked up on the PATH, or an absolute path) in `folder` with `environment` added, and
    /// returns its exit status and standard output, followed by its standard error when `withErrors`.
    public static func run(_ tool: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:],
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
}
