import Crypto
import Foundation

/// PAdES baseline B signatures (ETSI EN 319 142-1) on PDFs, added as incremental updates: earlier bytes are never
/// rewritten, so the signer's signature stays valid when the body signs after it.
public enum PAdES {
    /// What the signature dictionary says about the signing besides the CMS.
    public struct SignatureInfo: Sendable {
        /// The signing time, written to /M (PAdES B-B keeps it out of the CMS).
        public var time: Date
        /// /Name: who signs, as shown by readers (defaults to the certificate's common name).
        public var name: String?
        /// /Reason (`Ký ban hành`, `Văn thư đóng dấu`).
        public var reason: String?
        /// /Location (`Xã Gia Cát`).
        public var location: String?
        /// /ContactInfo.
        public var contactInfo: String?
        /// The signature field's name (/T); `Signature1`, `Signature2`, … when nil.
        public var fieldName: String?

        public init(time: Date, name: String? = nil, reason: String? = nil, location: String? = nil, contactInfo: String? = nil,
                    fieldName: String? = nil) {
            self.time = time
            self.name = name
            self.reason = reason
            self.location = location
            self.contactInfo = contactInfo
            self.fieldName = fieldName
        }
    }

    /// `pdf` with one more signature by `signer`: an invisible signature field on page 1, the catalog's /AcroForm
    /// (/SigFlags 3, existing fields kept), a /Sig dictionary (/ETSI.CAdES.detached) whose /Contents holds the CMS,
    /// and a new cross-reference section of the same kind as the last one, with /Prev.
    public static func sign(pdf: [UInt8], signer: any Signer, info: SignatureInfo) async throws -> [UInt8] {
        let file = try PDFFile(bytes: pdf)
        guard file.trailer["Encrypt"] == nil else { throw PDFError.unsupported("tệp PDF được mã hóa") }
        var update = IncrementalUpdate(file: file)
        let page = try file.firstPage()
        let catalog = try file.catalog()
        let signature = update.allocate()
        let field = update.allocate()

        var fieldNames = Set<String>()
        var acroForm = try file.resolve(catalog.dictionary["AcroForm"]).dictionary ?? PDFDictionary()
        var fields = try file.resolve(acroForm["Fields"]).array ?? []
        for existing in fields {
            if let name = try file.resolve(existing).dictionary?["T"]?.string { fieldNames.insert(PDFObject.decodeText(name)) }
        }
        let fieldName = info.fieldName ?? (1...).lazy.map { "Signature\($0)" }.first { !fieldNames.contains($0) }!

        var widget = PDFDictionary()
        widget["Type"] = .name("Annot")
        widget["Subtype"] = .name("Widget")
        widget["FT"] = .name("Sig")
        widget["T"] = PDFObject.text(fieldName)
        widget["V"] = .reference(signature)
        widget["F"] = .integer(132)
        widget["Rect"] = .array([.integer(0), .integer(0), .integer(0), .integer(0)])
        widget["P"] = .reference(page.reference)
        update.write(field, .dictionary(widget))

        // The page's /Annots: appended in place, or in the array object it names.
        var pageDictionary = page.dictionary
        if case .reference(let annotsReference)? = pageDictionary["Annots"] {
            let annots = try file.object(annotsReference).array ?? []
            update.write(annotsReference, .array(annots + [.reference(field)]))
        } else {
            pageDictionary["Annots"] = .array((pageDictionary["Annots"]?.array ?? []) + [.reference(field)])
            update.write(page.reference, .dictionary(pageDictionary))
        }

        // The form: /Fields gets the new field; /SigFlags 3 (signatures exist, append only).
        fields.append(.reference(field))
        if case .reference(let fieldsReference)? = acroForm["Fields"] {
            update.write(fieldsReference, .array(fields))
        } else {
            acroForm["Fields"] = .array(fields)
        }
        acroForm["SigFlags"] = .integer(3)
        if case .reference(let acroFormReference)? = catalog.dictionary["AcroForm"] {
            update.write(acroFormReference, .dictionary(acroForm))
        } else {
            var catalogDictionary = catalog.dictionary
            catalogDictionary["AcroForm"] = .dictionary(acroForm)
            update.write(catalog.reference, .dictionary(catalogDictionary))
        }

        let reserved = try CMSSigner.estimatedSize(for: signer)
        update.writeSignature(signature, info: info, defaultName: signer.certificate.commonName, reservedBytes: reserved)
        var (signed, written) = update.finish()
        guard let placeholder = written else { throw PDFError.malformed("không ghi được từ điển chữ ký", offset: 0) }

        // ByteRange: everything but the /Contents hex string, written into its fixed-width placeholder.
        let contentsStart = placeholder.contents.lowerBound
        let contentsEnd = placeholder.contents.upperBound
        let byteRange = [0, contentsStart, contentsEnd, signed.count - contentsEnd]
        var rangeText = Array("[\(byteRange.map(String.init).joined(separator: " "))]".utf8)
        guard rangeText.count <= placeholder.byteRange.count else { throw PDFError.limitExceeded("/ByteRange quá dài") }
        rangeText += [UInt8](repeating: 0x20, count: placeholder.byteRange.count - rangeText.count)
        signed.replaceSubrange(placeholder.byteRange, with: rangeText)

        var hasher = SHA256()
        hasher.update(data: signed[0..<contentsStart])
        hasher.update(data: signed[contentsEnd...])
        let cms = try await CMSSigner.sign(contentDigest: hasher.finalize(), signer: signer)
        let hexCapacity = contentsEnd - contentsStart - 2
        guard cms.count * 2 <= hexCapacity else { throw PDFError.contentsTooSmall(needed: cms.count, reserved: hexCapacity / 2) }
        var hex: [UInt8] = []
        hex.reserveCapacity(hexCapacity)
        let digits = Array("0123456789abcdef".utf8)
        for byte in cms { hex += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        hex += [UInt8](repeating: UInt8(ascii: "0"), count: hexCapacity - hex.count)
        signed.replaceSubrange((contentsStart + 1)..<(contentsEnd - 1), with: hex)
        return signed
    }

    /// `sign(pdf:signer:info:)` for `Data`.
    public static func sign(pdf: Data, signer: any Signer, info: SignatureInfo) async throws -> Data {
        Data(try await sign(pdf: [UInt8](pdf), signer: signer, info: info))
    }

    /// The /M form of a time: `D:20250814163145+07'00'`, in Vietnam time.
    static func pdfDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "D:%04d%02d%02d%02d%02d%02d+07'00'", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
