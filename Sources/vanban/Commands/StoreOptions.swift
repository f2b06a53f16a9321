import ArgumentParser
import Foundation
import Office
import Storage

/// Where the store is: the embedded SQLite file by default.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created with its folder when missing).")
    var database = ".data/vanban.sqlite"

    /// Opens the store and the office on the repository layout of the current folder.
    func openOffice() async throws -> CommuneOffice {
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: database)
        return try await CommuneOffice.open(store: store, root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

/// Runs an async command body, printing failures the user can act on and exiting with their code.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CommandFailure {
        CommandIO.note(failure.description)
        throw ExitCode(failure.exitCode)
    } catch let error as StoreError {
        CommandIO.note(error.description)
        throw ExitCode(1)
    } catch let error as OfficeError {
        CommandIO.note(error.description)
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        CommandIO.note(String(describing: error))
        throw ExitCode(1)
    }
}
