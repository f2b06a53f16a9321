/// A PDF object (ISO 32000-1 §7.3). Names keep their bytes one Unicode scalar per byte, strings their raw bytes,
/// reals their text, so that an object read and written again means exactly the same.
public indirect enum PDFObject: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case real(String)
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)

    var dictionary: PDFDictionary? { if case .dictionary(let value) = self { value } else { nil } }
    var array: [PDFObject]? { if case .array(let value) = self { value } else { nil } }
    var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    var name: String? { if case .name(let value) = self { value } else { nil } }
    var string: [UInt8]? { if case .string(let value) = self { value } else { nil } }
    var reference: PDFReference? { if case .reference(let value) = self { value } else { nil } }
}

/// An indirect reference `N G R`.
public struct PDFReference: Hashable, Sendable, Comparable {
    public let number: Int
    public let generation: Int

    public init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    public static func < (a: PDFReference, b: PDFReference) -> Bool { (a.number, a.generation) < (b.number, b.generation) }
}

/// A dictionary that keeps its keys in the order read, so that a rewritten object stays recognisable.
public struct PDFDictionary: Sendable, Equatable {
    private(set) var entries: [(key: String, value: PDFObject)] = []

    public init() {}

    public subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public static func == (a: PDFDictionary, b: PDFDictionary) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// An object read at its place in the file: the object, and for a stream the byte range of its data.
struct PDFIndirectObject {
    let reference: PDFReference
    let object: PDFObject
    let stream: Range<Int>?
}
