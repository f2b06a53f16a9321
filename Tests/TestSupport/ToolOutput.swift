import Foundation

/// What a command-line tool prints on standard output, as UTF-8 text; `tool` is a name looked up in PATH or a path.
///
/// The output goes to a file, not a pipe: a child another test forks at the same moment can inherit the pipe's
/// write end, and reading to the end of the pipe would then wait until that child exits. A file has no such end to
/// wait for once the tool has exited. (This was first suspected of the PDF SIGKILL test's CI failures; the cause
/// there turned out to be elsewhere, see that test.)
public func toolOutput(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : LibreOffice.executable(tool) ?? "/usr/bin/\(tool)")
    process.arguments = arguments
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-tool-\(UUID().uuidString).out")
    guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
    }
    defer { try? FileManager.default.removeItem(at: file) }
    let output = try FileHandle(forWritingTo: file)
    process.standardOutput = output
    do {
        try process.run()
    } catch {
        try? output.close()
        throw error
    }
    try output.close()
    process.waitUntilExit()
    return String(decoding: try Data(contentsOf: file), as: UTF8.self)
}

/// Writes an executable script at `url` so that it can be run at once, however many processes the tests start.
///
/// A file this process writes can be inherited open for writing by a child another test forks at that moment, and
/// Linux refuses to run a file open for writing (ETXTBSY, "text file busy"): under a loaded CI run, a fake soffice.bin
/// written in place failed to start that way. Here this process writes only the source; `install`, a child of its
/// own, writes the executable and closes it before it exits.
public func writeExecutable(_ text: String, to url: URL) throws {
    let source = url.appendingPathExtension("source")
    try text.write(to: source, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: source) }
    let install = Process()
    install.executableURL = URL(fileURLWithPath: "/usr/bin/install")
    install.arguments = ["-m", "755", source.path, url.path]
    try install.run()
    install.waitUntilExit()
    guard install.terminationStatus == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
}
