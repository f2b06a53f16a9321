import OfficeZip

/// Where the assembler puts a package's entries: a `ZipWriter`, or a `SplicedPackage` being built.
protocol PackageSink {
    mutating func addStored(name: String, bytes: some Collection<UInt8>)
    mutating func addDeflated(name: String, buffer: UnsafeRawBufferPointer, level: Int32)
    mutating func addCopy(of entry: ZipEntry, from archive: ZipArchive)
}

extension ZipWriter: PackageSink {}

/// Writes the output package: unchanged entries copied still compressed, rendered parts deflated, new pictures
/// added with their relationships, content types or manifest entries.
struct PackageAssembler {
    let archive: ZipArchive
    let format: DocumentFormat
    let options: RenderOptions

    func assemble(rendered: [String: OutputBuffer], media: [DocumentRenderState.NewMedia]) -> [UInt8] {
        let extra = rendered.values.reduce(0) { $0 + $1.count / 3 } + media.reduce(0) { $0 + $1.bytes.count }
        var writer = ZipWriter(estimatedSize: archive.entries.reduce(4096) { $0 + $1.compressedSize + 80 } + extra)
        write(into: &writer, rendered: rendered, media: media)
        return writer.finish()
    }

    /// Adds the package's entries to `sink`, in order.
    func write(into sink: inout some PackageSink, rendered: [String: OutputBuffer], media: [DocumentRenderState.NewMedia]) {
        var patched = patches(for: media)
        if format == .odt {
            sink.addStored(name: "mimetype", bytes: Array("application/vnd.oasis.opendocument.text".utf8))
        }
        for entry in archive.entries {
            if format == .odt, entry.name == "mimetype" { continue }
            if let part = rendered[entry.name] {
                part.withUnsafeBytes { sink.addDeflated(name: entry.name, buffer: $0, level: options.compressionLevel) }
            } else if let patch = patched.removeValue(forKey: entry.name) {
                patch.apply(to: (try? archive.contents(of: entry)) ?? []).withUnsafeBytes {
                    sink.addDeflated(name: entry.name, buffer: $0, level: options.compressionLevel)
                }
            } else {
                sink.addCopy(of: entry, from: archive)
            }
        }
        for (name, patch) in patched.sorted(by: { $0.key < $1.key }) {
            patch.apply(to: []).withUnsafeBytes { sink.addDeflated(name: name, buffer: $0, level: options.compressionLevel) }
        }
        for item in media {
            sink.addStored(name: item.packagePath, bytes: item.bytes)
        }
    }

    /// Text to insert before a part's closing tag; `emptyPart` is the whole part when it does not exist yet.
    struct Patch {
        var closingTag: String
        var insertion: String = ""
        var emptyPart: String

        func apply(to original: [UInt8]) -> [UInt8] {
            var bytes = original.isEmpty ? Array(emptyPart.utf8) : original
            if let range = bytes.lastRange(of: Array(closingTag.utf8)) {
                bytes.insert(contentsOf: Array(insertion.utf8), at: range.lowerBound)
            }
            return bytes
        }
    }

    private func patches(for media: [DocumentRenderState.NewMedia]) -> [String: Patch] {
        guard !media.isEmpty else { return [:] }
        var patches: [String: Patch] = [:]
        switch format {
        case .odt:
            var manifest = Patch(closingTag: "</manifest:manifest>", emptyPart: "")
            for item in media {
                manifest.insertion += "<manifest:file-entry manifest:full-path=\"\(item.packagePath)\" manifest:media-type=\"\(item.info.mediaType)\"/>"
            }
            patches["META-INF/manifest.xml"] = manifest
        case .docx:
            for item in media {
                let slash = item.ownerPart.lastIndex(of: "/").map { item.ownerPart.index(after: $0) } ?? item.ownerPart.startIndex
                let relsName = item.ownerPart[..<slash] + "_rels/" + item.ownerPart[slash...] + ".rels"
                var patch = patches[String(relsName)] ?? Patch(
                    closingTag: "</Relationships>",
                    emptyPart: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>")
                let target = item.packagePath.dropFirst("word/".count)
                patch.insertion += "<Relationship Id=\"\(item.relationshipID)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"\(target)\"/>"
                patches[String(relsName)] = patch
            }
            var types = Patch(closingTag: "</Types>", emptyPart: "")
            let existing = (archive.entry(named: "[Content_Types].xml").flatMap { try? archive.contents(of: $0) }).map {
                String(decoding: $0, as: UTF8.self).lowercased()
            } ?? ""
            for ext in Set(media.map(\.info.fileExtension)).sorted() where !existing.contains("extension=\"\(ext)\"") {
                let type = media.first { $0.info.fileExtension == ext }!.info.mediaType
                types.insertion += "<Default Extension=\"\(ext)\" ContentType=\"\(type)\"/>"
            }
            if !types.insertion.isEmpty { patches["[Content_Types].xml"] = types }
        }
        return patches
    }
}

extension Array where Element == UInt8 {
    /// The last occurrence of `needle`.
    func lastRange(of needle: [UInt8]) -> Range<Int>? {
        guard needle.count <= count else { return nil }
        var i = count - needle.count
        while i >= 0 {
            if matches(needle, at: i) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }
}
