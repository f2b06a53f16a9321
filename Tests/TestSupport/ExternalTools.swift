import Foundation

/// Command-line tools the tests check output with (unzip, python3): they run when installed, and always in CI,
/// where a missing tool fails the test instead of skipping it.
public enum ExternalTools {
    public static func shouldRun(_ tool: String) -> Bool { LibreOffice.executable(tool) != nil || LibreOffice.isCI }

    /// Runs `tool` and returns its exit status and standard output (standard error is dropped).
    public static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: LibreOffice.executable(tool) ?? "/usr/bin/\(tool)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
