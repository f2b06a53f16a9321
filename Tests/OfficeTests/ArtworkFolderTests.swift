import Documents
import Foundation
@testable import Office
import TestSupport
import Testing

/// The artwork folder reads each commune's pictures once, checks them, and says in Vietnamese which file is unusable.
@Suite("Office: the artwork folder")
struct ArtworkFolderTests {
    /// A fresh folder with the demo commune's pictures, plus whatever `change` does to it.
    static func folder(_ change: (URL) throws -> Void = { _ in }) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vanban-artwork-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SignatureArtworkTests.artworkFolder.appendingPathComponent("gia-cat"),
                                         to: root.appendingPathComponent("gia-cat"))
        try change(root.appendingPathComponent("gia-cat"))
        return root
    }

    static func failure(_ root: URL, commune: String = "gia-cat") -> String? {
        do {
            _ = try ArtworkFolder(folder: root).artwork(ofCommune: commune)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the demo commune's seal and the chairman's signature; a commune without a folder has none")
    func loads() throws {
        let root = try Self.folder()
        let artwork = try ArtworkFolder(folder: root).artwork(ofCommune: "gia-cat")
        #expect(artwork.seal == [UInt8](try Data(contentsOf: SignatureArtworkTests.sealFile)))
        #expect(Array(artwork.signatures.keys) == ["chutich"])
        #expect(artwork.signed(by: "chutich") == SignatureArtwork(signature: artwork.signatures["chutich"], seal: artwork.seal))
        #expect(artwork.signed(by: "phochutich") == SignatureArtwork(signature: nil, seal: artwork.seal))
        #expect(try ArtworkFolder(folder: root).artwork(ofCommune: "yen-hoa") == .none)
        #expect(try ArtworkFolder(folder: root.appendingPathComponent("missing")).artwork(ofCommune: "gia-cat") == .none)
    }

    @Test("a commune's files are read once: removing them later changes nothing until a restart")
    func readOnce() throws {
        let root = try Self.folder()
        let source = ArtworkFolder(folder: root)
        let first = try source.artwork(ofCommune: "gia-cat")
        try FileManager.default.removeItem(at: root.appendingPathComponent("gia-cat"))
        #expect(try source.artwork(ofCommune: "gia-cat") == first)
        #expect(try ArtworkFolder(folder: root).artwork(ofCommune: "gia-cat") == .none)
    }

    @Test("a damaged, opaque, oversized or misnamed file is refused with its path and what to do; a repaired one is used")
    func refusals() throws {
        var root = try Self.folder { commune in
            var seal = [UInt8](try Data(contentsOf: commune.appendingPathComponent("seal.png")))
            seal[20] ^= 0x01
            try Data(seal).write(to: commune.appendingPathComponent("seal.png"))
        }
        let seal = root.appendingPathComponent("gia-cat/seal.png").path
        #expect(Self.failure(root) == "Ảnh \(seal) không dùng được: tệp PNG bị hỏng (sai mã kiểm tra ở khối IHDR); hãy lưu lại ảnh thành tệp PNG.")
        let source = ArtworkFolder(folder: root)
        #expect(throws: ArtworkError.self) { try source.artwork(ofCommune: "gia-cat") }
        try FileManager.default.removeItem(atPath: seal)
        #expect(try source.artwork(ofCommune: "gia-cat").seal == nil)

        root = try Self.folder { try Data(PNG.make(width: 40, height: 16)).write(to: $0.appendingPathComponent("signatures/phochutich.png")) }
        #expect(Self.failure(root) == "Ảnh \(root.appendingPathComponent("gia-cat/signatures/phochutich.png").path) không dùng được: "
            + "ảnh không có nền trong suốt (kênh alpha); hãy lưu lại thành PNG nền trong suốt để ảnh không che chữ bên dưới.")

        root = try Self.folder { try Data(count: ArtworkFolder.maxFileBytes + 1).write(to: $0.appendingPathComponent("seal.png")) }
        #expect(Self.failure(root) == "Ảnh \(root.appendingPathComponent("gia-cat/seal.png").path) không dùng được: "
            + "tệp nặng 2049 KB, quá giới hạn 2048 KB; hãy lưu ảnh nhỏ hơn.")

        root = try Self.folder { try Data([0xFF, 0xD8]).write(to: $0.appendingPathComponent("signatures/chutich.jpg")) }
        #expect(Self.failure(root) == "Ảnh \(root.appendingPathComponent("gia-cat/signatures/chutich.jpg").path) không dùng được: "
            + "thư mục chữ ký chỉ nhận tệp <tên đăng nhập>.png; hãy lưu chữ ký thành PNG nền trong suốt hoặc chuyển tệp này đi.")

        #expect(Self.failure(root, commune: "../gia-cat")?.hasSuffix("không dùng được: mã xã “../gia-cat” không dùng được làm tên thư mục.") == true)
    }

    @Test("an unusable picture fails only the signing that needs it, with the reason, and leaves the draft as it was")
    func signingFails() throws {
        let root = try Self.folder { try Data(PNG.make(width: 40, height: 16)).write(to: $0.appendingPathComponent("seal.png")) }
        let finisher = SignatureArtworkTests.finisher(artwork: ArtworkFolder(folder: root))
        let prepared = try SignatureArtworkTests.prepared(finisher, format: .odt)
        #expect(prepared.problems.isEmpty)
        do {
            _ = try prepared.final(issue: SignatureArtworkTests.issue())
            Issue.record("expected the signing to fail")
        } catch {
            #expect("\(error)".hasSuffix("seal.png không dùng được: ảnh không có nền trong suốt (kênh alpha); hãy lưu lại thành PNG nền trong suốt để ảnh không che chữ bên dưới."))
        }
    }
}
