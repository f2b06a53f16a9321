import ArgumentParser
import Foundation
import Office
import Signing

/// `vanban keys`: signing keys and certificates.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Signing keys and certificates.",
        subcommands: [KeysDemo.self]
    )
}

/// `vanban keys demo`: a test authority for the demo commune, with keys for the commune body and each user who signs.
struct KeysDemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a test certification authority and signing keys for the demo commune's People's Committee and its signers.",
        discussion: """
            Writes, in the layout `vanban serve --keys` reads: ca.pem (the trust anchor for `vanban verify --trust`) and \
            ca-key.pem; gia-cat/body.pem and body-key.pem; gia-cat/users/<user>.pem and <user>-key.pem for the chairman \
            and the deputy; the demo's seal and signature pictures (samples/artwork) beside them. Keys already there are kept (--force replaces them). Private keys are readable by their owner \
            only. `vanban serve` makes them by itself for the demo. Not for real documents: the authority is nobody's but yours.
            """
    )

    @Option(name: .shortAndLong, help: "Folder for the keys (default: keys/ beside the store, .data/keys).")
    var out = StoreOptions.defaultKeysFolder(database: StoreOptions.defaultDatabase)

    @Flag(help: "Replace keys already in the folder.")
    var force = false

    func run() throws {
        do {
            let folder = URL(fileURLWithPath: out)
            let demo = try DemoCommune.load(sample: URL(fileURLWithPath: DemoCommune.sample))
            if force {
                for name in ["ca.pem", "ca-key.pem", demo.commune.id] {
                    try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                }
            }
            let written = try KeyFolder(folder: folder).makeDemoKeys(
                commune: demo.commune, organization: "Ủy ban nhân dân xã \(demo.commune.name)",
                signers: demo.users.filter { $0.roles.contains(.approver) })
            let pictures = try KeyFolder(folder: folder).installArtwork(from: URL(fileURLWithPath: "samples/artwork"), communeID: demo.commune.id)
            guard !(written + pictures).isEmpty else {
                throw CommandFailure("Thư mục \(out) đã có đủ khóa của xã \(demo.commune.name); không ghi đè. Thêm --force để thay bằng khóa mới.")
            }
            print("VanBan: tạo khóa ký thử cho xã \(demo.commune.name) trong \(out)")
            print("  Chứng thư gốc (dùng cho vanban verify --trust): \(folder.appendingPathComponent("ca.pem").path)")
            for file in written + pictures { print("  \(file.path)") }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch {
            CommandIO.note("\(error)")
            throw ExitCode(1)
        }
    }
}
