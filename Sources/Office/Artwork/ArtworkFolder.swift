import Foundation
import Synchronization
import Templating

/// Signature-block pictures kept in a folder, one subfolder per commune:
///
/// ```
/// <folder>/<commune id>/seal.png                    the body's seal (red, transparent background)
/// <folder>/<commune id>/signatures/<user name>.png  a signer's handwritten signature (blue, transparent background)
/// ```
///
/// A commune's files are read and checked the first time one of its documents is prepared, then kept: a file
/// changed later is seen after a restart. A damaged or unsuitable file is an `ArtworkError` naming it, so the
/// signing that needs it fails with nothing stored, instead of producing a document with a broken picture. The
/// error is not kept, so a repaired file is used at the next attempt. A commune without a subfolder has no artwork.
public final class ArtworkFolder: ArtworkSource {
    /// The folder that holds one subfolder per commune.
    public let folder: URL
    /// The largest picture file read.
    public static let maxFileBytes = 2 << 20
    /// The most signatures one commune may keep, which bounds the memory a commune's artwork takes.
    public static let maxSignatures = 100

    private let loaded = Mutex<[String: CommuneArtwork]>([:])

    public init(folder: URL) {
        self.folder = folder
    }

    public func artwork(ofCommune communeID: String) throws(ArtworkError) -> CommuneArtwork {
        if let known = loaded.withLock({ $0[communeID] }) { return known }
        let artwork = try load(communeID)
        return loaded.withLock { cache in
            if let first = cache[communeID] { return first }
            cache[communeID] = artwork
            return artwork
        }
    }

    private func load(_ communeID: String) throws(ArtworkError) -> CommuneArtwork {
        let communeFolder = folder.appendingPathComponent(communeID, isDirectory: true)
        guard !communeID.isEmpty, !communeID.hasPrefix("."), !communeID.contains("/") else {
            throw ArtworkError(path: communeFolder.path, reason: "mã xã “\(communeID)” không dùng được làm tên thư mục.")
        }
        let sealFile = communeFolder.appendingPathComponent("seal.png")
        let seal = FileManager.default.fileExists(atPath: sealFile.path) ? try Self.picture(sealFile) : nil
        let signatureFolder = communeFolder.appendingPathComponent("signatures", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: signatureFolder.path)) ?? []
        var signatures: [String: [UInt8]] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let file = signatureFolder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            guard name.hasSuffix(".png"), name.count > 4 else {
                throw ArtworkError(path: file.path, reason: "thư mục chữ ký chỉ nhận tệp <tên đăng nhập>.png; hãy lưu chữ ký thành PNG nền trong suốt hoặc chuyển tệp này đi.")
            }
            guard signatures.count < Self.maxSignatures else {
                throw ArtworkError(path: signatureFolder.path, reason: "có hơn \(Self.maxSignatures) ảnh chữ ký; hãy chuyển ảnh của người không còn ký đi.")
            }
            signatures[String(name.dropLast(4))] = try Self.picture(file)
        }
        return CommuneArtwork(seal: seal, signatures: signatures)
    }

    /// A picture file's bytes, checked: a whole PNG, not too large, with a transparent background so that it does
    /// not hide what lies under it (the seal lies over the signature, the signature over the signature space).
    static func picture(_ file: URL) throws(ArtworkError) -> [UInt8] {
        func refuse(_ reason: String) -> ArtworkError { ArtworkError(path: file.path, reason: reason) }
        func tooLarge(_ size: Int) -> ArtworkError {
            refuse("tệp nặng \((size + 1023) / 1024) KB, quá giới hạn \(maxFileBytes / 1024) KB; hãy lưu ảnh nhỏ hơn.")
        }
        // The size is looked at before reading, so that a huge file is not read, and after, in case it grew.
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else { throw tooLarge(size) }
        guard let data = try? Data(contentsOf: file) else { throw refuse("không đọc được tệp; hãy kiểm tra quyền đọc.") }
        let bytes = [UInt8](data)
        guard bytes.count <= maxFileBytes else { throw tooLarge(bytes.count) }
        let png: PNGFile
        do {
            png = try PNGFile(checking: bytes)
        } catch {
            throw refuse("\(error.description); hãy lưu lại ảnh thành tệp PNG.")
        }
        guard png.hasTransparency else {
            throw refuse("ảnh không có nền trong suốt (kênh alpha); hãy lưu lại thành PNG nền trong suốt để ảnh không che chữ bên dưới.")
        }
        return bytes
    }
}
