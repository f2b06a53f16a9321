import ArgumentParser
import Foundation
import Signing

/// `vanban keys`: signing keys and certificates.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Signing keys and certificates.",
        subcommands: [KeysDemo.self]
    )
}

/// `vanban keys demo`: a test authority for the demo commune Gia Cát, with the chairman's and the body's keys.
struct KeysDemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a test certification authority for the demo commune, and signing keys for its chairman and for the commune's People's Committee.",
        discussion: """
            Writes ca.pem (the trust anchor for `vanban verify --trust`), ca-key.pem, and for `signer` (the chairman) and \
            `body` (the committee): NAME.pem (certificate and chain), NAME-key.pem (PKCS#8) and NAME.p12 (PKCS#12 with a \
            random password, printed). Private keys are readable by their owner only. Not for real documents: the \
            authority is nobody's but yours.
            """
    )

    @Option(name: .shortAndLong, help: "Folder for the keys (default: keys/ beside the store, .data/keys).")
    var out = URL(fileURLWithPath: StoreOptions.defaultDatabase).deletingLastPathComponent().appendingPathComponent("keys").path

    @Flag(help: "Replace keys already in the folder.")
    var force = false

    static let files = ["ca.pem", "ca-key.pem", "signer.pem", "signer-key.pem", "signer.p12", "body.pem", "body-key.pem", "body.p12"]

    func run() throws {
        do {
            let folder = URL(fileURLWithPath: out)
            let existing = Self.files.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
            if !existing.isEmpty && !force {
                throw CommandFailure("Thư mục \(out) đã có khóa (\(existing.joined(separator: ", "))); không ghi đè. Thêm --force để thay bằng khóa mới.")
            }
            let authority = try TestAuthority(name: "CA thử nghiệm VanBan xã Gia Cát")
            let signer = try authority.issue(to: .init(commonName: "Đặng Đức Sơn, Chủ tịch UBND xã Gia Cát",
                                                       organization: "Ủy ban nhân dân xã Gia Cát", province: "Tây Ninh"))
            let body = try authority.issue(to: .init(commonName: "Ủy ban nhân dân xã Gia Cát", organization: "Ủy ban nhân dân xã Gia Cát",
                                                     province: "Tây Ninh"))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try write(try authority.certificate.pemString(), "ca.pem", secret: false)
            try write(authority.key.pkcs8PEM, "ca-key.pem", secret: true)
            print("VanBan: tạo khóa ký thử cho xã Gia Cát trong \(out)")
            print("  Chứng thư gốc (dùng cho vanban verify --trust): \(folder.appendingPathComponent("ca.pem").path)")
            for (name, party) in [("signer", signer), ("body", body)] {
                try write(try ([party.certificate] + party.chain).map { try $0.pemString() }.joined(separator: "\n") + "\n", "\(name).pem", secret: false)
                try write(party.key.pkcs8PEM, "\(name)-key.pem", secret: true)
                let password = Self.randomPassword()
                let p12 = try PKCS12.export(key: party.key, certificates: [party.certificate] + party.chain, password: password)
                try write(Data(p12), "\(name).p12", secret: true)
                print("  \(party.certificate.commonName ?? name): \(name).pem, \(name)-key.pem, \(name).p12 (mật khẩu \(password))")
            }
        } catch let failure as CommandFailure {
            CommandIO.note(failure.description)
            throw ExitCode(failure.exitCode)
        } catch {
            CommandIO.note("\(error)")
            throw ExitCode(1)
        }
    }

    private func write(_ text: String, _ name: String, secret: Bool) throws { try write(Data(text.utf8), name, secret: secret) }

    /// Writes a file; a secret one is created with mode 600 before any byte is written.
    private func write(_ data: Data, _ name: String, secret: Bool) throws {
        let path = URL(fileURLWithPath: out).appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: path)
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: secret ? 0o600 : 0o644]),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CommandFailure("Không ghi được tệp “\(path)”.")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }

    /// Sixteen characters from an alphabet without look-alikes.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
