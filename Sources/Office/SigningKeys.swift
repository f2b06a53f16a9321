import Foundation
import Signing
import Storage
import X509

/// Where the keys that sign a commune's PDF originals come from: the signer's own key and the commune body's key.
/// A protocol so that a hardware token or a remote signing service can stand in for files later.
public protocol SigningKeys: Sendable {
    /// The key of the person who signs, or nil when they have none.
    func signer(userID: String, communeID: String) throws -> (any Signer)?
    /// The key of the issuing body (the commune's People's Committee), or nil when it has none.
    func body(communeID: String) throws -> (any Signer)?
    /// The certificates a signed PDF is checked against before it is stored.
    func trustAnchors() throws -> [Certificate]
}

/// Keys kept as files in one folder, PEM or PKCS#12 (as Vietnamese CAs hand them out):
///
///     ca.pem                                  trust anchors (one or more certificates)
///     <commune id>/body.pem, body-key.pem     the body's certificate (with its chain) and private key
///     <commune id>/users/<user id>.pem, <user id>-key.pem
///     <commune id>/body.p12, users/<user id>.p12   instead of a PEM pair: key, certificate and chain in one file,
///                                             opened with `pkcs12Password` (VANBAN_KEY_PASSWORD for `serve`)
///
/// Private keys are read when a document is signed, never kept in memory longer, and must be readable by their
/// owner only.
public struct KeyFolder: SigningKeys {
    public let folder: URL
    /// The password of the PKCS#12 files; nil when there is none to give.
    let pkcs12Password: String?

    /// The environment variable `serve`, `originals` and `keys` read the PKCS#12 password from.
    public static let passwordVariable = "VANBAN_KEY_PASSWORD"

    public init(folder: URL, pkcs12Password: String? = ProcessInfo.processInfo.environment[KeyFolder.passwordVariable]) {
        self.folder = folder
        self.pkcs12Password = pkcs12Password
    }

    public func signer(userID: String, communeID: String) throws -> (any Signer)? {
        try load(communeID, "users/\(userID)")
    }

    public func body(communeID: String) throws -> (any Signer)? {
        try load(communeID, "body")
    }

    public func trustAnchors() throws -> [Certificate] {
        let url = folder.appendingPathComponent("ca.pem")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try KeySigner.certificates(pem: try String(contentsOf: url, encoding: .utf8))
    }

    /// The files of one key holder: `<folder>/<commune>/<name>.pem` and `<name>-key.pem`.
    public func files(communeID: String, name: String) -> (certificate: URL, key: URL) {
        let base = folder.appendingPathComponent(communeID)
        return (base.appendingPathComponent("\(name).pem"), base.appendingPathComponent("\(name)-key.pem"))
    }

    private func load(_ communeID: String, _ name: String) throws -> (any Signer)? {
        let (certificate, key) = files(communeID: communeID, name: name)
        let manager = FileManager.default
        let bundle = folder.appendingPathComponent(communeID).appendingPathComponent("\(name).p12")
        if manager.fileExists(atPath: bundle.path) {
            guard let pkcs12Password else {
                throw OfficeError.badData("Khóa ký số \(bundle.path) là tệp PKCS#12 có mật khẩu: hãy đặt mật khẩu vào biến môi trường \(Self.passwordVariable) rồi khởi động lại.")
            }
            do {
                return try PKCS12.load(file: bundle, password: pkcs12Password)
            } catch {
                throw OfficeError.badData("Không mở được khóa ký số \(bundle.path) (sai mật khẩu trong \(Self.passwordVariable), hoặc tệp hỏng): \(error)")
            }
        }
        guard manager.fileExists(atPath: certificate.path) || manager.fileExists(atPath: key.path) else { return nil }
        do {
            return try KeySigner.load(keyFile: key, certificateFile: certificate)
        } catch {
            throw OfficeError.badData("Không đọc được khóa ký số \(key.path) với chứng thư \(certificate.path): \(error)")
        }
    }
}

extension KeyFolder {
    /// Makes a test authority (`ca.pem`, `ca-key.pem`) and keys for the commune body and for each user who may sign,
    /// (`organization`: "Ủy ban nhân dân xã Gia Cát") where they are missing; keeps keys already there. Returns the files written. For the demo commune and for
    /// trials only: the authority is nobody's but the machine's.
    @discardableResult
    public func makeDemoKeys(commune: CommuneRecord, organization: String, signers: [UserRecord], province: String? = nil) throws -> [URL] {
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("\(commune.id)/users"), withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        var written: [URL] = []
        let caFile = folder.appendingPathComponent("ca.pem"), caKeyFile = folder.appendingPathComponent("ca-key.pem")
        let authority: TestAuthority
        if manager.fileExists(atPath: caFile.path), manager.fileExists(atPath: caKeyFile.path) {
            let key = try SigningKey(pem: try String(contentsOf: caKeyFile, encoding: .utf8))
            authority = try TestAuthority(key: key, certificate: try KeySigner.certificates(pem: try String(contentsOf: caFile, encoding: .utf8))[0])
        } else {
            authority = try TestAuthority(name: "CA thử nghiệm VanBan")
            try Self.write(Data(authority.key.pkcs8PEM.utf8), to: caKeyFile, secret: true)
            try Self.write(Data(try authority.certificate.pemString().utf8), to: caFile, secret: false)
            written += [caFile, caKeyFile]
        }
        var holders = [("body", TestAuthority.Holder(commonName: organization, organization: organization, province: province))]
        for user in signers {
            holders.append(("users/\(user.id)", .init(commonName: "\(user.fullName), \(user.title)",
                                                      organization: organization, province: province)))
        }
        for (name, holder) in holders {
            let (certificateFile, keyFile) = files(communeID: commune.id, name: name)
            guard !manager.fileExists(atPath: keyFile.path) else { continue }
            let party = try authority.issue(to: holder)
            try Self.write(Data(party.key.pkcs8PEM.utf8), to: keyFile, secret: true)
            try Self.write(Data(try ([party.certificate] + party.chain).map { try $0.pemString() }.joined(separator: "\n").utf8),
                           to: certificateFile, secret: false)
            written += [certificateFile, keyFile]
        }
        return written
    }

    /// Copies a commune's signature-block pictures (`<source>/<commune>/seal.png`, `signatures/<user>.png`) into this
    /// folder where they are missing, so that the demo's signed documents show them; returns the files copied.
    @discardableResult
    public func installArtwork(from source: URL, communeID: String) throws -> [URL] {
        let manager = FileManager.default
        let from = source.appendingPathComponent(communeID), to = folder.appendingPathComponent(communeID)
        var copied: [URL] = []
        let names = ["seal.png"] + ((try? manager.contentsOfDirectory(atPath: from.appendingPathComponent("signatures").path)) ?? [])
            .filter { $0.hasSuffix(".png") }.sorted().map { "signatures/\($0)" }
        for name in names where manager.fileExists(atPath: from.appendingPathComponent(name).path) {
            let target = to.appendingPathComponent(name)
            guard !manager.fileExists(atPath: target.path) else { continue }
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: from.appendingPathComponent(name), to: target)
            copied.append(target)
        }
        return copied
    }

    /// Writes a file; a secret one is created with mode 600 before any byte is written.
    static func write(_ data: Data, to url: URL, secret: Bool) throws {
        try? FileManager.default.removeItem(at: url)
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: secret ? 0o600 : 0o644]),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw OfficeError.badData("Không ghi được tệp “\(url.path)”.")
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
    }
}
