import VietnameseText

/// The state one document render shares across its parts: loop budget, new pictures, drawing ids.
final class DocumentRenderState {
    var loopItems = 0
    var nextDrawingID: Int
    /// New media files, in the order they were added.
    var media: [NewMedia] = []

    /// A picture file to add to the package.
    struct NewMedia {
        /// The part that refers to it (DOCX relationships are per part).
        let ownerPart: String
        /// Relationship id (DOCX) or empty (ODT).
        let relationshipID: String
        /// Path inside the package.
        let packagePath: String
        let bytes: [UInt8]
        let info: ImageInfo
    }

    init(maxDrawingID: Int) { nextDrawingID = maxDrawingID }
}

/// Renders one compiled part into bytes, walking its program with a stack of data contexts.
struct PartRenderer {
    let part: CompiledPart
    let format: DocumentFormat
    let options: RenderOptions
    let state: DocumentRenderState
    private(set) var output: [UInt8] = []

    /// One level of data context: the root, a section's object, or a loop item.
    private struct Frame {
        let value: TemplateValue
        /// The enclosing frame, the path from it and the item index, to describe this frame's path in errors.
        let parent: Int?
        let step: FieldPath?
        let loop: (index: Int, count: Int)?
    }

    /// The picture being emitted, for its attribute markers.
    private struct PictureBinding {
        let reference: String
        let id: Int
        let width: String
        let height: String
        let name: String
    }

    private var frames: [Frame]
    private var picture: PictureBinding?

    init(part: CompiledPart, format: DocumentFormat, options: RenderOptions, state: DocumentRenderState, root: TemplateValue) {
        self.part = part
        self.format = format
        self.options = options
        self.state = state
        self.frames = [Frame(value: root, parent: nil, step: nil, loop: nil)]
        output.reserveCapacity(max(part.bytes.count + part.bytes.count / 2, part.sizeHint.expected))
    }

    mutating func render() throws(RenderError) -> [UInt8] {
        try run(part.program)
        part.sizeHint.record(output.count)
        return output
    }

    private mutating func run(_ nodes: [ProgramNode]) throws(RenderError) {
        for node in nodes {
            switch node {
            case .literal(let range):
                output.append(contentsOf: part.bytes[range])
            case .value(let operation):
                try emitValue(operation)
            case .section(let operation, let body):
                try emitSection(operation, body: body)
            case .image(let operation, let body):
                try emitPicture(operation, body: body)
            case .imageAttribute(let attribute):
                emitPictureAttribute(attribute)
            case .drawingID:
                state.nextDrawingID += 1
                output.appendAttribute(String(state.nextDrawingID))
            }
            if output.count > options.maxPartBytes {
                throw .limitExceeded(message: "Văn bản tạo ra vượt quá giới hạn \(options.maxPartBytes / (1 << 20)) MiB cho một phần (\(part.name)); dữ liệu quá lớn.")
            }
        }
    }

    // MARK: - Values

    private mutating func emitValue(_ operation: ValueOperation) throws(RenderError) {
        let tag = operation.tag
        let value: TemplateValue?
        var frameIndex = frames.count - 1
        var path: FieldPath
        switch tag.kind {
        case .value(let p):
            (value, frameIndex) = lookup(p)
            path = p
            if tag.formatters.isEmpty, case .string(let s)? = value {
                output.appendText(s, format: format)
                return
            }
        case .loopVariable(let variable):
            path = FieldPath(segments: ["@" + variable.rawValue])
            guard let loopValue = loopValue(variable) else {
                throw .formatter(path: path.description, tag: tag.source,
                                 message: "biến vòng lặp chỉ dùng được khi mục bao quanh là một danh sách.", location: operation.location)
            }
            value = loopValue
        default:
            return
        }
        do {
            output.appendText(try ValueFormatting.text(of: value, formatters: tag.formatters), format: format)
        } catch {
            switch error {
            case .missing:
                if !options.lenient {
                    throw .missingField(path: describe(path, from: frameIndex), tag: tag.source, location: operation.location)
                }
            case .notAValue(let kind):
                throw .notAValue(path: describe(path, from: frameIndex), kind: kind, tag: tag.source, location: operation.location)
            case .formatter(let message):
                throw .formatter(path: describe(path, from: frameIndex), tag: tag.source, message: message, location: operation.location)
            }
        }
    }

    /// Looks a path up Mustache-style: the first segment in the innermost context that has it, then down from there.
    /// Returns the value (nil when absent) and the frame it was resolved from (for error paths).
    private func lookup(_ path: FieldPath) -> (TemplateValue?, Int) {
        guard let first = path.segments.first else { return (frames[frames.count - 1].value, frames.count - 1) }
        if let variable = path.loopVariable {
            return (loopValue(variable), frames.count - 1)
        }
        var k = frames.count - 1
        while k >= 0 {
            if case .object(let fields) = frames[k].value, let head = fields[first] {
                var current = head
                for segment in path.segments.dropFirst() {
                    guard case .object(let inner) = current, let next = inner[segment] else { return (nil, k) }
                    current = next
                }
                return (current, k)
            }
            k -= 1
        }
        return (nil, frames.count - 1)
    }

    /// A loop variable of the innermost loop, or nil outside loops.
    private func loopValue(_ variable: LoopVariable) -> TemplateValue? {
        guard let loop = frames.last(where: { $0.loop != nil })?.loop else { return nil }
        return switch variable {
        case .number: .int(Int64(loop.index + 1))
        case .index: .int(Int64(loop.index))
        case .first: .bool(loop.index == 0)
        case .last: .bool(loop.index == loop.count - 1)
        }
    }

    /// The full path of a field for messages, such as `thanh_vien[3].ho_ten`.
    private func describe(_ path: FieldPath, from frameIndex: Int) -> String {
        var k: Int? = frameIndex
        var steps: [String] = []
        while let index = k, let step = frames[index].step {
            var text = step.description
            if let loop = frames[index].loop { text += "[\(loop.index)]" }
            steps.append(text)
            k = frames[index].parent
        }
        let prefix = steps.reversed().joined(separator: ".")
        if path.segments.isEmpty { return prefix.isEmpty ? "." : prefix }
        return prefix.isEmpty ? path.description : prefix + "." + path.description
    }

    // MARK: - Sections

    private mutating func emitSection(_ operation: SectionOperation, body: [ProgramNode]) throws(RenderError) {
        let (value, frameIndex) = lookup(operation.path)
        let shown = value?.isTruthy ?? false
        if operation.inverted {
            if !shown { try run(body) }
            return
        }
        guard shown, let value else { return }
        switch value {
        case .list(let items):
            state.loopItems += items.count
            if state.loopItems > options.maxLoopItems {
                throw .limitExceeded(message: "Dữ liệu có quá nhiều dòng: hơn \(options.maxLoopItems) mục trong các danh sách của một văn bản (mục “\(describe(operation.path, from: frameIndex))”).")
            }
            for (index, item) in items.enumerated() {
                frames.append(Frame(value: item, parent: frameIndex, step: operation.path, loop: (index, items.count)))
                try run(body)
                frames.removeLast()
            }
        case .bool:
            try run(body)
        default:
            frames.append(Frame(value: value, parent: frameIndex, step: operation.path, loop: nil))
            try run(body)
            frames.removeLast()
        }
    }

    // MARK: - Pictures

    private mutating func emitPicture(_ operation: ImageOperation, body: [ProgramNode]) throws(RenderError) {
        let (value, frameIndex) = lookup(operation.path)
        func failure(_ message: String) -> RenderError {
            .image(path: describe(operation.path, from: frameIndex), tag: operation.source, message: message, location: operation.location)
        }
        let bytes: [UInt8]
        switch value {
        case nil:
            if options.lenient { return }
            throw .missingField(path: describe(operation.path, from: frameIndex), tag: operation.source, location: operation.location)
        case .null?, .bool(false)?:
            return
        case .image(let data)?:
            bytes = data
        case .string(let text)?:
            guard let decoded = ImageInfo.decodeDataURI(text) else {
                throw failure("cần dữ liệu ảnh dạng “data:image/png;base64,…”.")
            }
            bytes = decoded
        case let other?:
            throw failure("cần dữ liệu ảnh, nhận được \(other.kindName).")
        }
        guard let info = ImageInfo(bytes) else { throw failure("dữ liệu không phải ảnh PNG, JPEG hoặc GIF.") }
        state.nextDrawingID += 1
        let number = state.media.count + 1
        let packagePath: String
        let relationshipID: String
        switch format {
        case .docx:
            packagePath = "word/media/vanban-image\(number).\(info.fileExtension)"
            relationshipID = "rIdVanBan\(number)"
        case .odt:
            packagePath = "Pictures/vanban-image\(number).\(info.fileExtension)"
            relationshipID = ""
        }
        state.media.append(.init(ownerPart: part.name, relationshipID: relationshipID, packagePath: packagePath, bytes: bytes, info: info))
        let (width, height) = info.fitted(inWidth: operation.frameWidth, height: operation.frameHeight)
        picture = PictureBinding(
            reference: format == .docx ? relationshipID : packagePath,
            id: state.nextDrawingID,
            width: Self.length(width, unit: operation.unit),
            height: Self.length(height, unit: operation.unit),
            name: operation.path.description)
        try run(body)
        picture = nil
    }

    private mutating func emitPictureAttribute(_ attribute: ImageAttribute) {
        guard let picture else { return }
        switch attribute {
        case .reference: output.appendAttribute(picture.reference)
        case .uniqueID: output.appendAttribute(format == .docx ? String(picture.id) : "\(picture.name)_\(picture.id)")
        case .width: output.appendAttribute(picture.width)
        case .height: output.appendAttribute(picture.height)
        case .name: output.appendAttribute(picture.name)
        }
    }

    /// EMUs as an integer (DOCX), or an ODF length with three decimals and its unit.
    private static func length(_ value: Double, unit: String) -> String {
        if unit.isEmpty { return String(Int64(value.rounded())) }
        let thousandths = Int64((value * 1000).rounded())
        let whole = thousandths / 1000, fraction = thousandths % 1000
        let digits = String(fraction)
        return "\(whole).\(String(repeating: "0", count: 3 - digits.count))\(digits)\(unit)"
    }
}
