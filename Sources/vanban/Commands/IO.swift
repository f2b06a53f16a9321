import Foundation
import Templating

/// Reading inputs and writing outputs for the commands, with `-` for standard input and output.
enum CommandIO {
    /// The bytes of a file, or of standard input for `-`.
    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("Không tìm thấy tệp “\(path)”.") }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CommandFailure("Không đọc được tệp “\(path)”: \(error.localizedDescription)")
        }
    }

    /// Writes bytes to a file atomically (so a failed run never leaves half a document), or to standard output for `-`.
    static func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("Không ghi được tệp “\(path)”: \(error.localizedDescription)")
        }
    }

    /// Compiles a template file, turning every error into a message for the user.
    static func template(_ path: String) throws -> CompiledTemplate {
        let bytes = try read(path)
        do {
            return try CompiledTemplate(bytes: bytes)
        } catch {
            throw CommandFailure(error.description, exitCode: 1)
        }
    }

    /// Decodes a data file.
    static func data(_ path: String) throws -> TemplateValue {
        do {
            return try TemplateValue.decodeJSON(Data(try read(path)))
        } catch let error as DataError {
            throw CommandFailure("\(path): \(error.description)")
        }
    }

    /// Prints to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A failure reported to the user as one message on standard error, with an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    init(_ message: String, exitCode: Int32 = 1) {
        self.description = message
        self.exitCode = exitCode
    }
}
