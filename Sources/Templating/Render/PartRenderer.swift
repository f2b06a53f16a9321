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

/// Renders one compiled part into bytes, walking its flat program with a stack of data contexts.
struct PartRenderer {
    let part: CompiledPart
    let format: DocumentFormat
    let options: RenderOptions
    let state: DocumentRenderState
    private let output: OutputBuffer

    /// One level of data context: the root, a section's object, or a loop item.
    private struct Frame {
        let value: TemplateValue
        /// The fields when `value` is an object; `value` keeps them alive, so reading them needs no reference counting.
        let object: Unmanaged<TemplateObject.Storage>?
        /// The enclosing frame, the path from it and the item index, to describe this frame's path in errors.
        let parent: Int?
        let step: FieldPath?
        let loop: (index: Int, count: Int)?

        init(_ value: TemplateValue, parent: Int?, step: FieldPath?, loop: (index: Int, count: Int)?) {
            self.value = value
            object = value.objectStorage.map { Unmanaged.passUnretained($0) }
            self.parent = parent
            self.step = step
            self.loop = loop
        }
    }

    /// A section being shown, closed by its `sectionEnd`.
    private enum OpenSection {
        /// Shown once, without a context of its own (a flag, or an inverted section).
        case plain
        /// Shown once with an object as context.
        case object
        /// Shown once per item; the item's position is its frame's `loop`.
        case loop([TemplateValue])
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
    private var openSections: [OpenSection] = []
    private var picture: PictureBinding?

    init(part: CompiledPart, format: DocumentFormat, options: RenderOptions, state: DocumentRenderState, root: TemplateValue) {
        self.part = part
        self.format = format
        self.options = options
        self.state = state
        self.frames = [Frame(root, parent: nil, step: nil, loop: nil)]
        output = OutputBuffer(capacity: max(part.bytes.count + part.bytes.count / 2, part.sizeHint.expected))
    }

    mutating func render() throws(RenderError) -> OutputBuffer {
        let code = part.code
        let instructions = code.instructions
        var pc = 0
        while pc < instructions.count {
            let instruction = instructions[pc]
            let a = Int(instruction.a), b = Int(instruction.b)
            switch instruction.opcode {
            case .literal:
                part.bytes.withUnsafeBufferPointer { output.append($0.baseAddress! + a, count: b - a) }
            case .value:
                let done = code.valueReferences[a]._withUnsafeGuaranteedRef { emitPlainString($0) }
                if !done { try emitValue(code.values[a]) }
            case .sectionBegin:
                if try !openSection(code.sections[a]) {
                    pc = b + 1
                    continue
                }
            case .sectionEnd:
                if closeSection() {
                    pc = a + 1
                    continue
                }
            case .imageBegin:
                if try !openPicture(code.images[a]) {
                    pc = b + 1
                    continue
                }
            case .imageEnd:
                picture = nil
            case .imageAttribute:
                emitPictureAttribute(code.attributes[a])
            case .drawingID:
                state.nextDrawingID += 1
                output.appendAttribute(String(state.nextDrawingID))
            }
            if output.count > options.maxPartBytes {
                throw .limitExceeded(message: "Văn bản tạo ra vượt quá giới hạn \(options.maxPartBytes / (1 << 20)) MiB cho một phần (\(part.name)); dữ liệu quá lớn.")
            }
            pc += 1
        }
        part.sizeHint.record(output.count)
        return output
    }

    // MARK: - Values

    /// The fast path for the commonest tag, a one-segment field without formatters whose value is a string:
    /// the string is escaped where it lies, without copying the value out of its object. Returns false when the
    /// tag or the value needs the general path.
    @inline(__always)
    private mutating func emitPlainString(_ operation: ValueOperation) -> Bool {
        guard let name = operation.plainName, let found = locate(name) else { return false }
        return found.storage._withUnsafeGuaranteedRef { storage in
            guard case .string(let text) = storage.values[found.position] else { return false }
            output.appendText(text, format: format)
            return true
        }
    }

    /// The innermost frame whose object has a field `name`, that object's fields and the field's position: where
    /// Mustache-style lookup starts. Nothing is retained, so the hot path pays no reference counting.
    @inline(__always)
    private func locate(_ name: String) -> (frame: Int, storage: Unmanaged<TemplateObject.Storage>, position: Int)? {
        var k = frames.count - 1
        while k >= 0 {
            if let storage = frames[k].object,
                let position = storage._withUnsafeGuaranteedRef({ $0.position(of: name) })
            {
                return (k, storage, position)
            }
            k -= 1
        }
        return nil
    }

    private mutating func emitValue(_ operation: ValueOperation) throws(RenderError) {
        let value: TemplateValue?
        var frameIndex = frames.count - 1
        let path: FieldPath
        if let fieldPath = operation.path {
            (value, frameIndex) = lookup(fieldPath)
            path = fieldPath
            if operation.isPlain, case .string(let s)? = value {
                output.appendText(s, format: format)
                return
            }
        } else if case .loopVariable(let variable) = operation.tag.kind {
            path = FieldPath(segments: ["@" + variable.rawValue])
            guard let loopValue = loopValue(variable) else {
                throw .formatter(path: path.description, tag: operation.tag.source,
                                 message: "biến vòng lặp chỉ dùng được khi mục bao quanh là một danh sách.", location: operation.location)
            }
            value = loopValue
        } else {
            return
        }
        do {
            output.appendText(try ValueFormatting.text(of: value, formatters: operation.tag.formatters), format: format)
        } catch {
            let tag = operation.tag.source
            switch error {
            case .missing:
                if !options.lenient {
                    throw .missingField(path: describe(path, from: frameIndex), tag: tag, location: operation.location)
                }
            case .notAValue(let kind):
                throw .notAValue(path: describe(path, from: frameIndex), kind: kind, tag: tag, location: operation.location)
            case .formatter(let message):
                throw .formatter(path: describe(path, from: frameIndex), tag: tag, message: message, location: operation.location)
            }
        }
    }

    /// Looks a path up Mustache-style: the first segment in the innermost context that has it, then down from there.
    /// Returns the value (nil when absent) and the frame it was resolved from (for error paths).
    private func lookup(_ path: FieldPath) -> (TemplateValue?, Int) {
        let segments = path.segments
        guard let first = segments.first else { return (frames[frames.count - 1].value, frames.count - 1) }
        if let variable = path.loopVariable {
            return (loopValue(variable), frames.count - 1)
        }
        guard let found = locate(first) else { return (nil, frames.count - 1) }
        var current = found.storage._withUnsafeGuaranteedRef { $0.values[found.position] }
        for segment in segments.dropFirst() {
            guard let next = current.field(segment) else { return (nil, found.frame) }
            current = next
        }
        return (current, found.frame)
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

    /// Opens a section; returns false when its body is not shown (the caller then skips past its end).
    private mutating func openSection(_ operation: SectionOperation) throws(RenderError) -> Bool {
        let (value, frameIndex) = lookup(operation.path)
        let shown = value?.isTruthy ?? false
        if operation.inverted {
            guard !shown else { return false }
            openSections.append(.plain)
            return true
        }
        guard shown, let value else { return false }
        if case .bool = value {
            openSections.append(.plain)
            return true
        }
        if case .list(let items) = value {
            state.loopItems += items.count
            if state.loopItems > options.maxLoopItems {
                throw .limitExceeded(message: "Dữ liệu có quá nhiều dòng: hơn \(options.maxLoopItems) mục trong các danh sách của một văn bản (mục “\(describe(operation.path, from: frameIndex))”).")
            }
            frames.append(Frame(items[0], parent: frameIndex, step: operation.path, loop: (0, items.count)))
            openSections.append(.loop(items))
        } else {
            frames.append(Frame(value, parent: frameIndex, step: operation.path, loop: nil))
            openSections.append(.object)
        }
        return true
    }

    /// Closes the innermost open section; returns true when a loop goes round again (the caller then jumps back
    /// to the start of its body).
    private mutating func closeSection() -> Bool {
        switch openSections[openSections.count - 1] {
        case .plain:
            break
        case .object:
            frames.removeLast()
        case .loop(let items):
            let frame = frames.removeLast()
            let next = frame.loop!.index + 1
            if next < items.count {
                frames.append(Frame(items[next], parent: frame.parent, step: frame.step, loop: (next, items.count)))
                return true
            }
        }
        openSections.removeLast()
        return false
    }

    // MARK: - Pictures

    /// Binds the picture's new image; returns false when the picture is left out (absent, null or false data).
    ///
    /// A picture is optional the way a section is: a signature or a seal that is not on file leaves the document
    /// with its frame, and the paragraph around it stays as it was, so the text does not move.
    private mutating func openPicture(_ operation: ImageOperation) throws(RenderError) -> Bool {
        let (value, frameIndex) = lookup(operation.path)
        func failure(_ message: String) -> RenderError {
            .image(path: describe(operation.path, from: frameIndex), tag: operation.source, message: message, location: operation.location)
        }
        let bytes: [UInt8]
        switch value {
        case nil, .null?, .bool(false)?:
            return false
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
        return true
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
