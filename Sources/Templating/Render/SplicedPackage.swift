import OfficeZip

/// A rendered document with a text still to fill in: every place where the values held a marker is left open, and
/// `filled(with:)` makes the package with a text there, without rendering or deflating the parts again.
///
/// A store renders a signed version before it knows its number and fills the number in once it holds the register
/// series' lock, so that the lock is held for a copy instead of a render.
public struct SplicedPackage: Sendable {
    enum Entry: Sendable {
        /// Written as it is: compressed with `method` (or stored), with the CRC and size of its contents. An entry
        /// copied from the template keeps a slice of the template's bytes, not a copy of them.
        case ready(name: String, method: UInt16, crc: UInt32, data: ArraySlice<UInt8>, size: Int)
        /// A deflated part with places for the text.
        case splice(name: String, DeflatedSplice)
    }

    let entries: [Entry]
    /// How many places the text fills, across the parts.
    public let places: Int

    /// The package with `text` in every place. `text` goes in as it is: the caller escapes what XML would not take
    /// (a document number, digits only, needs nothing).
    public func filled(with text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var writer = ZipWriter(estimatedSize: 4096 + entries.reduce(0) {
            switch $1 {
            case let .ready(name, _, _, data, _): $0 + name.utf8.count + data.count + 80
            case let .splice(name, _): $0 + name.utf8.count + 16 * 1024
            }
        })
        for entry in entries {
            switch entry {
            case let .ready(name, method, crc, data, size):
                writer.addPrecompressed(name: name, method: method, crc: crc, compressed: data, uncompressedSize: size)
            case let .splice(name, splice):
                let part = splice.filled(with: bytes)
                writer.addPrecompressed(name: name, method: ZipEntry.deflated, crc: part.crc32, compressed: part.compressed,
                                        uncompressedSize: part.size)
            }
        }
        return writer.finish()
    }
}

/// Builds a `SplicedPackage` from what the assembler writes.
struct SplicingSink: PackageSink {
    let marker: [UInt8]
    var entries: [SplicedPackage.Entry] = []
    var places = 0
    /// False once zlib could not allocate its state: the caller then renders the usual way.
    var complete = true

    mutating func addStored(name: String, bytes: some Collection<UInt8>) {
        let data = Array(bytes)
        entries.append(.ready(name: name, method: ZipEntry.stored, crc: crc32(of: data), data: data[...], size: data.count))
    }

    mutating func addDeflated(name: String, buffer: UnsafeRawBufferPointer, level: Int32) {
        guard let splice = DeflatedSplice(part: buffer, marker: marker, level: min(max(level, 1), 9)) else {
            complete = false
            return
        }
        places += splice.places
        entries.append(.splice(name: name, splice))
    }

    mutating func addCopy(of entry: ZipEntry, from archive: ZipArchive) {
        entries.append(.ready(name: entry.name, method: entry.method, crc: entry.crc32,
                              data: archive.compressedBytes(of: entry), size: entry.uncompressedSize))
    }
}

extension CompiledTemplate {
    /// Renders `values`, in which some text value is `marker`, and leaves the places the marker lands open for
    /// `SplicedPackage.filled(with:)`. Nil when the marker does not reach the document as it is (no place, or a
    /// filter changed it) or zlib failed: then render with the real text instead.
    ///
    /// The marker should be text no data can contain (a random one per render): every occurrence in the rendered
    /// parts is a place.
    public func renderSpliced(_ values: TemplateValue, marker: String,
                              options: RenderOptions = RenderOptions()) throws(RenderError) -> SplicedPackage? {
        let (rendered, media) = try renderParts(values, options: options)
        var sink = SplicingSink(marker: Array(marker.utf8))
        PackageAssembler(archive: archive, format: format, options: options).write(into: &sink, rendered: rendered, media: media)
        guard sink.complete, sink.places > 0 else { return nil }
        return SplicedPackage(entries: sink.entries, places: sink.places)
    }
}
