import Foundation

/// The objects of one incremental update (ISO 32000-1 §7.5.6), appended after the file's last byte with a
/// cross-reference section of the same kind as the previous one (a table, or an uncompressed xref stream).
struct IncrementalUpdate {
    let file: PDFFile
    private var nextNumber: Int
    private var objects: [(PDFReference, [UInt8])] = []

    init(file: PDFFile) {
        self.file = file
        let highest = file.entries.keys.max() ?? 0
        nextNumber = max(file.trailer["Size"]?.integer ?? 0, highest + 1)
    }

    mutating func allocate() -> PDFReference {
        defer { nextNumber += 1 }
        return PDFReference(nextNumber)
    }

    mutating func write(_ reference: PDFReference, _ object: PDFObject) {
        objects.removeAll { $0.0 == reference }
        objects.append((reference, object.bytes))
    }

    /// Where the placeholders of a signature dictionary are, as offsets in the finished file.
    struct Placeholder {
        var byteRange: Range<Int>
        var contents: Range<Int>
    }

    private var pendingSignature: (reference: PDFReference, body: [UInt8], byteRange: Range<Int>, contents: Range<Int>)?

    /// Writes the /Sig dictionary with a /ByteRange placeholder and a zero-filled /Contents of `reservedBytes`.
    mutating func writeSignature(_ reference: PDFReference, info: PAdES.SignatureInfo, defaultName: String?, reservedBytes: Int) {
        var body = Array("<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/M".utf8)
        PDFObject.text(PAdES.pdfDate(info.time)).write(into: &body)
        let texts: [(String, String?)] = [("Name", info.name ?? defaultName), ("Reason", info.reason), ("Location", info.location),
                                          ("ContactInfo", info.contactInfo)]
        for (key, value) in texts {
            guard let value else { continue }
            PDFObject.writeName(key, into: &body)
            PDFObject.text(value).write(into: &body)
        }
        body += Array("/ByteRange".utf8)
        let rangeStart = body.count
        body += Array("[0 0 0 0]".utf8) + [UInt8](repeating: 0x20, count: 36)
        let rangeEnd = body.count
        body += Array("/Contents".utf8)
        let contentsStart = body.count
        body += [UInt8(ascii: "<")] + [UInt8](repeating: UInt8(ascii: "0"), count: reservedBytes * 2) + [UInt8(ascii: ">")]
        let contentsEnd = body.count
        body += Array(">>".utf8)
        pendingSignature = (reference, body, rangeStart..<rangeEnd, contentsStart..<contentsEnd)
    }

    /// The whole new file, and where the signature's placeholders are in it.
    mutating func finish() -> (bytes: [UInt8], signature: Placeholder?) {
        var out = file.bytes
        var placeholder: Placeholder?
        if let last = out.last, last != 0x0A, last != 0x0D { out.append(0x0A) }
        var offsets: [PDFReference: Int] = [:]
        func append(_ reference: PDFReference, _ body: [UInt8]) -> Int {
            offsets[reference] = out.count
            out += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            let bodyStart = out.count
            out += body
            out += Array("\nendobj\n".utf8)
            return bodyStart
        }
        for (reference, body) in objects { _ = append(reference, body) }
        if let signature = pendingSignature {
            let start = append(signature.reference, signature.body)
            placeholder = Placeholder(byteRange: (start + signature.byteRange.lowerBound)..<(start + signature.byteRange.upperBound),
                                      contents: (start + signature.contents.lowerBound)..<(start + signature.contents.upperBound))
        }
        var trailer = PDFDictionary()
        for key in ["Root", "Info", "ID"] { trailer[key] = file.trailer[key] }
        trailer["Prev"] = .integer(file.startxref)
        let xrefOffset = out.count
        if file.sections[0].isStream {
            let xrefReference = allocate()
            offsets[xrefReference] = xrefOffset
            let sorted = offsets.sorted { $0.key < $1.key }
            var data: [UInt8] = []
            for (reference, offset) in sorted {
                data += [1, UInt8(offset >> 24 & 0xFF), UInt8(offset >> 16 & 0xFF), UInt8(offset >> 8 & 0xFF), UInt8(offset & 0xFF),
                         UInt8(reference.generation >> 8 & 0xFF), UInt8(reference.generation & 0xFF)]
            }
            trailer["Type"] = .name("XRef")
            trailer["Size"] = .integer(nextNumber)
            trailer["Index"] = .array(Self.runs(sorted.map(\.key.number)).flatMap { [PDFObject.integer($0.start), .integer($0.count)] })
            trailer["W"] = .array([.integer(1), .integer(4), .integer(2)])
            trailer["Length"] = .integer(data.count)
            out += Array("\(xrefReference.number) 0 obj\n".utf8) + PDFObject.dictionary(trailer).bytes + Array("\nstream\n".utf8)
            out += data
            out += Array("\nendstream\nendobj\n".utf8)
        } else {
            trailer["Size"] = .integer(nextNumber)
            out += Array("xref\n".utf8)
            let sorted = offsets.sorted { $0.key < $1.key }
            var index = 0
            for run in Self.runs(sorted.map(\.key.number)) {
                out += Array("\(run.start) \(run.count)\n".utf8)
                for (reference, offset) in sorted[index..<(index + run.count)] {
                    out += Array(String(format: "%010d %05d n \n", offset, reference.generation).utf8)
                }
                index += run.count
            }
            out += Array("trailer\n".utf8) + PDFObject.dictionary(trailer).bytes + [0x0A]
        }
        out += Array("startxref\n\(xrefOffset)\n%%EOF\n".utf8)
        return (out, placeholder)
    }

    /// Consecutive object numbers grouped into (first, count) runs.
    static func runs(_ numbers: [Int]) -> [(start: Int, count: Int)] {
        var runs: [(start: Int, count: Int)] = []
        for number in numbers {
            if let last = runs.last, last.start + last.count == number {
                runs[runs.count - 1].count += 1
            } else {
                runs.append((number, 1))
            }
        }
        return runs
    }
}
