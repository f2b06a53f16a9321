import Synchronization

/// A compiled package part: the serialised XML cut into literal byte ranges and operations.
struct CompiledPart: Sendable {
    /// The part's name in the package.
    let name: String
    /// The serialised XML with the markers removed; literal ranges index into it.
    let bytes: [UInt8]
    /// What to emit, in order.
    let code: FlatProgram
    /// The largest `wp:docPr`/`draw:frame` id seen, so that new pictures get ids above it.
    let maxDrawingID: Int
    /// The size of the last rendering, so the next one reserves its buffer once instead of regrowing it.
    let sizeHint = OutputSizeHint()
}

/// A program as a flat list of plain instructions and tables of operations, walked with a program counter:
/// no recursion, and no reference counting for the instructions themselves.
struct FlatProgram: Sendable {
    struct Instruction: Sendable {
        enum Opcode: UInt8, Sendable {
            /// Copy `bytes[a..<b]`.
            case literal
            /// Emit `values[a]`.
            case value
            /// Open `sections[a]`; `b` is the index of its `sectionEnd`.
            case sectionBegin
            /// Close the innermost open section; `a` is the index of its `sectionBegin`.
            case sectionEnd
            /// Open `images[a]`; `b` is the index of its `imageEnd`.
            case imageBegin
            case imageEnd
            /// Emit the attribute `attributes[a]` of the current picture.
            case imageAttribute
            case drawingID
        }

        let opcode: Opcode
        let a: Int32
        let b: Int32
    }

    private(set) var instructions: [Instruction] = []
    private(set) var values: [ValueOperation] = []
    /// The same operations, unretained (`values` keeps them alive), so the renderer reads them without reference counting.
    private(set) var valueReferences: [Unmanaged<ValueOperation>] = []
    private(set) var sections: [SectionOperation] = []
    private(set) var images: [ImageOperation] = []
    private(set) var attributes: [ImageAttribute] = []

    init(_ program: [ProgramNode]) {
        lower(program)
    }

    private mutating func emit(_ opcode: Instruction.Opcode, _ a: Int, _ b: Int = 0) {
        instructions.append(Instruction(opcode: opcode, a: Int32(a), b: Int32(b)))
    }

    private mutating func lower(_ nodes: [ProgramNode]) {
        for node in nodes {
            switch node {
            case .literal(let range):
                emit(.literal, range.lowerBound, range.upperBound)
            case .value(let operation):
                values.append(operation)
                valueReferences.append(.passUnretained(operation))
                emit(.value, values.count - 1)
            case .section(let operation, let body):
                sections.append(operation)
                lowerBlock(.sectionBegin, sections.count - 1, body, .sectionEnd)
            case .image(let operation, let body):
                images.append(operation)
                lowerBlock(.imageBegin, images.count - 1, body, .imageEnd)
            case .imageAttribute(let attribute):
                attributes.append(attribute)
                emit(.imageAttribute, attributes.count - 1)
            case .drawingID:
                emit(.drawingID, 0)
            }
        }
    }

    /// A begin instruction that knows where its end is, the body, and an end instruction that knows its begin.
    private mutating func lowerBlock(_ opening: Instruction.Opcode, _ operation: Int, _ body: [ProgramNode], _ closing: Instruction.Opcode) {
        let begin = instructions.count
        emit(opening, operation)
        lower(body)
        instructions[begin] = Instruction(opcode: opening, a: Int32(operation), b: Int32(instructions.count))
        emit(closing, begin)
    }
}

/// The output size of a part's last render, shared by the threads rendering it; a hint, so relaxed ordering is enough.
final class OutputSizeHint: Sendable {
    private let lastSize = Atomic<Int>(0)

    /// The capacity to reserve: the last size plus a margin for data that grew.
    var expected: Int { lastSize.load(ordering: .relaxed) &+ 4096 }

    func record(_ size: Int) { lastSize.store(size, ordering: .relaxed) }
}

/// One step of a compiled part, as the compiler builds it: a tree, which the field schema reads and which is
/// then lowered to a `FlatProgram` for rendering.
enum ProgramNode: Sendable {
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
final class ValueOperation: Sendable {
    let tag: Tag
    let location: ProblemLocation
    /// The field a `{{path}}` tag shows, or nil for a loop variable.
    let path: FieldPath?
    /// A field shown without formatters: a string value goes straight to the escaper.
    let isPlain: Bool
    /// For a plain one-segment field such as `{{ho_ten}}` (most tags), its name: the renderer's fast path.
    let plainName: String?

    init(tag: Tag, location: ProblemLocation) {
        self.tag = tag
        self.location = location
        if case .value(let path) = tag.kind {
            self.path = path
        } else {
            self.path = nil
        }
        isPlain = path != nil && tag.formatters.isEmpty
        if isPlain, let path, path.segments.count == 1, path.loopVariable == nil {
            plainName = path.segments[0]
        } else {
            plainName = nil
        }
    }
}

/// A section tag pair compiled into an operation.
final class SectionOperation: Sendable {
    let path: FieldPath
    let inverted: Bool
    let source: String
    let location: ProblemLocation

    init(path: FieldPath, inverted: Bool, source: String, location: ProblemLocation) {
        self.path = path
        self.inverted = inverted
        self.source = source
        self.location = location
    }
}

/// A picture whose name or alt text was `{{%path}}`.
final class ImageOperation: Sendable {
    let path: FieldPath
    let source: String
    let location: ProblemLocation
    /// Frame size in the part's own units (EMU for DOCX; the length as written, e.g. "3cm", for ODT).
    let frameWidth: Double
    let frameHeight: Double
    /// Unit suffix for ODT lengths ("cm", "in", "mm", "pt"); empty for DOCX EMUs.
    let unit: String

    init(path: FieldPath, source: String, location: ProblemLocation, frameWidth: Double, frameHeight: Double, unit: String) {
        self.path = path
        self.source = source
        self.location = location
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.unit = unit
    }
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
