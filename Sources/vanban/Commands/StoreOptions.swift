import ArgumentParser
import Foundation
import Office
import Storage

/// Where the store is: the embedded SQLite file by default, or a PostgreSQL database several processes share.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created with its folder when missing).")
    var database = Self.defaultDatabase

    @Option(name: .customLong("database-url"),
            help: ArgumentHelp("A PostgreSQL database instead of the SQLite file: postgres://user[:password]@host[:port]/database "
                               + "(default: $VANBAN_DATABASE_URL when set).", valueName: "url"))
    var databaseURL: String?

    /// The PostgreSQL URL given on the command line or in the environment, if any.
    var postgresURL: String? { databaseURL ?? ProcessInfo.processInfo.environment["VANBAN_DATABASE_URL"] }

    /// The store, for messages: the SQLite path or the PostgreSQL URL without its password.
    func describe(_ store: any Store) -> String {
        (store as? PostgresStore)?.location ?? database
    }

    /// The options that name this store again on a later command line: none for the default file.
    func sameStoreArguments(_ store: any Store) -> String {
        if let postgres = store as? PostgresStore { return " --database-url \(postgres.location)" }
        return database == Self.defaultDatabase ? "" : " --database \(database)"
    }

    static let defaultDatabase = ".data/vanban.sqlite"

    /// Opens the store; `creating` also creates a PostgreSQL database that does not exist yet.
    func openStore(creating: Bool = false) async throws -> any Store {
        if let url = postgresURL {
            return try await PostgresStore.open(url: url, creatingDatabase: creating)
        }
        let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try SQLiteStore(path: database)
    }

    /// Runs `body` with the office on the repository layout of the current folder, and closes the store after.
    /// The signing keys beside an SQLite file (or beside the default one): `.data/keys`.
    static func defaultKeysFolder(database: String) -> String {
        URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("keys").path
    }

    /// The office on this store; signing draws the signature and seal pictures from `keys` (default: beside the store).
    func withOffice<T>(creating: Bool = false, keys: String? = nil, _ body: (CommuneOffice) async throws -> T) async throws -> T {
        let store = try await openStore(creating: creating)
        do {
            let office = try await CommuneOffice.open(
                store: store, root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                artwork: ArtworkFolder(folder: URL(fileURLWithPath: keys ?? Self.defaultKeysFolder(database: database))))
            let result = try await body(office)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
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
