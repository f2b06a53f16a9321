import Synchronization

/// A compiled package part: the serialised XML cut into literal byte ranges and operations.
struct CompiledPart: Sendable {
    /// The part's name in the package.
    let name: String
    /// The serialised XML with the markers removed; literal ranges index into it.
    let bytes: [UInt8]
    /// What to emit, in order.
    let program: [ProgramNode]
    /// The largest `wp:docPr`/`draw:frame` id seen, so that new pictures get ids above it.
    let maxDrawingID: Int
    /// The size of the last rendering, so the next one reserves its buffer once instead of regrowing it.
    let sizeHint = OutputSizeHint()
}

/// The output size of a part's last render, shared by the threads rendering it; a hint, so relaxed ordering is enough.
final class OutputSizeHint: Sendable {
    private let lastSize = Atomic<Int>(0)

    /// The capacity to reserve: the last size plus a margin for data that grew.
    var expected: Int { lastSize.load(ordering: .relaxed) &+ 4096 }

    func record(_ size: Int) { lastSize.store(size, ordering: .relaxed) }
}

/// One step of a compiled part.
indirect enum ProgramNode: Sendable {
    /// Copy these bytes of the part.
    case literal(Range<Int>)
    /// Emit a value in a text context.
    case value(ValueOperation)
    /// A section: its body is emitted once per item, once, or not at all.
    case section(SectionOperation, body: [ProgramNode])
    /// A placeholder picture replaced by image data.
    case image(ImageOperation, body: [ProgramNode])
    /// An attribute value computed for the picture being emitted.
    case imageAttribute(ImageAttribute)
    /// A fresh drawing id (DOCX `wp:docPr/@id`), so drawings repeated by a loop stay unique.
    case drawingID
}

/// A value tag compiled with its formatters.
struct ValueOperation: Sendable {
    let tag: Tag
    let location: ProblemLocation
}

/// A section tag pair compiled into an operation.
struct SectionOperation: Sendable {
    let path: FieldPath
    let inverted: Bool
    let source: String
    let location: ProblemLocation
}

/// A picture whose name or alt text was `{{%path}}`.
struct ImageOperation: Sendable {
    let path: FieldPath
    let source: String
    let location: ProblemLocation
    /// Frame size in the part's own units (EMU for DOCX; the length as written, e.g. "3cm", for ODT).
    let frameWidth: Double
    let frameHeight: Double
    /// Unit suffix for ODT lengths ("cm", "in", "mm", "pt"); empty for DOCX EMUs.
    let unit: String
}

/// Which computed attribute value of the current picture to emit.
enum ImageAttribute: Sendable {
    /// The relationship id (DOCX) or package path (ODT) of the new image.
    case reference
    /// A unique drawing id (DOCX `wp:docPr/@id`) or frame name (ODT).
    case uniqueID
    /// The fitted width, in the frame's units.
    case width
    /// The fitted height, in the frame's units.
    case height
    /// The picture's name, without the tag.
    case name
}

/// Marker text inserted into the DOM at compile time, found again in the serialised bytes.
enum Marker {
    /// U+E000 "VB": private-use prefix, then decimal digits, then U+E001.
    static let prefix: [UInt8] = [0xEE, 0x80, 0x80, 0x56, 0x42]
    static let suffix: [UInt8] = [0xEE, 0x80, 0x81]

    static func text(_ id: Int) -> String { "\u{E000}VB\(id)\u{E001}" }
}
