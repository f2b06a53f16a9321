import OfficeZip

/// An ODT template's thumbnail, left out of every document made from it.
///
/// LibreOffice saves a picture of the first page in `Thumbnails/thumbnail.png`, which file managers show in place
/// of the document. In a template it pictures the tags (`{{so_van_ban}}`), never the document rendered from it, so
/// copying it into every document would show a clerk the wrong page. It is optional in ODF (1.2, part 3, §3.16), and
/// it was most of the bytes of a rendered decision (26 of 40 KB): bytes hashed, stored and synced at every signing.
enum TemplateThumbnail {
    static let folder = "Thumbnails/"
    static let manifest = "META-INF/manifest.xml"

    /// The template's package without its thumbnail and the manifest's line for it; nil when it has none.
    static func removed(from archive: ZipArchive) throws(ZipError) -> [UInt8]? {
        guard archive.entries.contains(where: { $0.name.hasPrefix(folder) }) else { return nil }
        var writer = ZipWriter(estimatedSize: archive.entries.reduce(4096) { $0 + $1.compressedSize + 80 })
        for entry in archive.entries where !entry.name.hasPrefix(folder) {
            if entry.name == manifest {
                writer.addDeflated(name: entry.name, bytes: withoutThumbnailEntries(try archive.contents(of: entry)))
            } else if entry.name == "mimetype" {
                // Kept first and stored, as ODF requires.
                writer.addStored(name: entry.name, bytes: try archive.contents(of: entry))
            } else {
                writer.addCopy(of: entry, from: archive)
            }
        }
        return writer.finish()
    }

    /// The manifest without the `<manifest:file-entry …/>` elements of files under `Thumbnails/` (and the folder's
    /// own entry, which some writers add).
    static func withoutThumbnailEntries(_ manifest: [UInt8]) -> [UInt8] {
        let open = Array("<manifest:file-entry".utf8)
        let path = Array("manifest:full-path=\"\(folder)".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(manifest.count)
        var index = 0
        while index < manifest.count {
            guard manifest.matches(open, at: index), let end = manifest.elementEnd(from: index) else {
                output.append(manifest[index])
                index += 1
                continue
            }
            if manifest.firstRange(of: path, from: index).map({ $0.upperBound > end }) ?? true {
                output.append(contentsOf: manifest[index..<end])
            } else {
                // The line break and indentation LibreOffice puts before the next element go with the removed one.
                while end < manifest.count, output.last == UInt8(ascii: " ") { output.removeLast() }
                if output.last == UInt8(ascii: "\n") { output.removeLast() }
            }
            index = end
        }
        return output
    }
}

extension [UInt8] {
    /// The index just after the `>` that closes the element starting at `start` (quoted `>` are skipped).
    fileprivate func elementEnd(from start: Int) -> Int? {
        var quote: UInt8?
        for index in start..<count {
            let byte = self[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
        }
        return nil
    }
}
