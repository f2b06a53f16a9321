import CLibXML2
import VietnameseText

/// Compiles one XML part: finds tags across runs, checks them, decides what each section repeats,
/// rewrites the DOM with markers and cuts the serialised bytes into a program.
final class PartCompiler {
    let name: String
    let vocabulary: Vocabulary
    let document: XMLPartDocument
    private var found: [(problem: TemplateProblem, offset: Int)] = []

    /// Every problem found, in document order: by paragraph, then position in it (problems about pictures last).
    var problems: [TemplateProblem] {
        found.enumerated().sorted { a, b in
            let pa = a.element.problem.location.paragraph ?? .max, pb = b.element.problem.location.paragraph ?? .max
            if pa != pb { return pa < pb }
            if a.element.offset != b.element.offset { return a.element.offset < b.element.offset }
            return a.offset < b.offset
        }.map(\.element.problem)
    }

    /// A paragraph that holds at least one tag.
    private struct TaggedParagraph {
        let text: ParagraphText
        let number: Int
        let location: ProblemLocation
    }

    /// A tag found in a paragraph.
    private struct FoundTag {
        let tag: Tag
        let occurrence: ParagraphText.Occurrence
        let paragraph: Int  // index into `paragraphs`
    }

    /// What a section repeats, decided from where its two tags stand.
    private enum Placement {
        case inline
        case paragraphs(open: xmlNodePtr, close: xmlNodePtr)
        case row(xmlNodePtr)
    }

    private struct Section {
        let open: Int  // index into `tags`
        let close: Int
        var placement: Placement = .inline
        /// The two tags of an inline section sit at different nesting (one in a span, one not): their markers are
        /// lifted to the level both share, splitting the spans or runs around them, so the repeated stretch is balanced.
        var liftMarkers = false
    }

    private enum MarkerKind {
        case value(ValueOperation)
        case sectionStart(SectionOperation)
        case sectionEnd
        case imageStart(ImageOperation)
        case imageEnd
        case imageAttribute(ImageAttribute)
        case drawingID
    }

    private var paragraphs: [TaggedParagraph] = []
    private var tags: [FoundTag] = []
    private var sections: [Section] = []
    private var markers: [MarkerKind] = []
    private var tableNumbers: [xmlNodePtr: Int] = [:]
    private var paragraphCount = 0
    private var maxDrawingID = 0

    init(name: String, bytes: [UInt8], format: DocumentFormat) throws(XMLPartDocument.ParseFailure) {
        self.name = name
        self.vocabulary = Vocabulary(format: format)
        if bytes.containsSequence(Marker.prefix) {
            throw .forbiddenMarkup("Phần \(name) chứa ký tự dành riêng U+E000 mà VanBan dùng nội bộ; hãy xóa ký tự đó khỏi mẫu.")
        }
        self.document = try XMLPartDocument(bytes: bytes, name: name)
    }

    /// Runs every stage; returns the compiled part and its program as a tree (which the field schema reads),
    /// or nil when problems were found.
    func compile() -> (part: CompiledPart, program: [ProgramNode])? {
        guard let root = document.root else { return nil }
        walk(root)
        pairSections()
        checkLoopVariables()
        if !found.isEmpty { return nil }
        placeSections()
        if !found.isEmpty { return nil }
        rewriteParagraphs()
        markStructuralSections()
        ImageTagCompiler(compiler: self).markPictures(root)
        if !found.isEmpty { return nil }
        return buildProgram(document.serialize())
    }

    // MARK: - Walking the document

    private func walk(_ node: xmlNodePtr) {
        if vocabulary.isIgnoredSubtree(node) { return }
        if vocabulary.isTable(node) { tableNumbers[node] = tableNumbers.count + 1 }
        if vocabulary.isParagraph(node) {
            paragraphCount += 1
            readParagraph(node, number: paragraphCount)
        }
        var child = node.firstChild
        while let c = child {
            if c.isElementNode { walk(c) }
            child = c.nextSibling
        }
    }

    private func readParagraph(_ node: xmlNodePtr, number: Int) {
        let text = ParagraphText(paragraph: node, vocabulary: vocabulary)
        guard text.scalars.contains(where: { $0 == "{" || $0 == "}" }) else { return }
        let location = self.location(of: node, paragraph: number)
        let (occurrences, scanProblems) = text.scanTags()
        for problem in scanProblems {
            switch problem {
            case .unclosed(let at, let source):
                report(.unclosedTag, location, text: text, tag: source, at: at,
                       "Thẻ “\(source)” mở bằng “{{” nhưng không có “}}” đóng trong cùng đoạn.")
            case .unopened(let at):
                report(.malformedTag, location, text: text, tag: "}}", at: at,
                       "Có “}}” nhưng không có “{{” mở tương ứng.")
            case .spansBoundary(let occurrence):
                report(.malformedTag, location, text: text, tag: occurrence.source, at: occurrence.range.lowerBound,
                       "Thẻ “\(occurrence.source)” bị ngắt bởi dấu tab hoặc xuống dòng; hãy viết thẻ liền một dòng.")
            }
        }
        guard !occurrences.isEmpty else { return }
        let index = paragraphs.count
        paragraphs.append(TaggedParagraph(text: text, number: number, location: location))
        for occurrence in occurrences {
            switch TagParser.parse(occurrence.source) {
            case .success(let tag):
                if case .image = tag.kind {
                    report(.imageTagOutsidePicture, location, text: text, tag: tag.source, at: occurrence.range.lowerBound,
                           "Thẻ ảnh “\(tag.source)” phải đặt ở tên hoặc văn bản thay thế (alt text) của một hình ảnh, không đặt trong văn bản.")
                } else {
                    tags.append(FoundTag(tag: tag, occurrence: occurrence, paragraph: index))
                }
            case .failure(let problem):
                let code: TemplateProblem.Code = problem.message.hasPrefix("Bộ định dạng") ? .unknownFormatter : .malformedTag
                report(code, location, text: text, tag: occurrence.source, at: occurrence.range.lowerBound, problem.message)
            }
        }
    }

    // MARK: - Sections

    private func pairSections() {
        var stack: [Int] = []
        for (index, found) in tags.enumerated() {
            switch found.tag.kind {
            case .open, .openInverted:
                stack.append(index)
            case .close(let path):
                if let top = stack.last, sectionPath(top) == path {
                    stack.removeLast()
                    sections.append(Section(open: top, close: index))
                } else if let match = stack.lastIndex(where: { sectionPath($0) == path }) {
                    let inner = tags[stack[stack.count - 1]].tag.source
                    report(.crossedSections, at: index,
                           "Thẻ đóng “\(found.tag.source)” cắt ngang mục “\(inner)” đang mở; hãy đóng “\(inner)” trước.")
                    // It still closes its own section, so that tags inside are not reported again as outside it.
                    sections.append(Section(open: stack[match], close: index))
                    stack.removeSubrange(match...)
                } else {
                    report(.unopenedSection, at: index,
                           "Thẻ đóng “\(found.tag.source)” không có thẻ mở {{#\(path)}} tương ứng.")
                }
            default:
                continue
            }
        }
        for open in stack {
            report(.unclosedSection, at: open,
                   "Mục “\(tags[open].tag.source)” không có thẻ đóng {{/\(sectionPath(open)!)}}.")
        }
        sections.sort { $0.open < $1.open }
    }

    private func sectionPath(_ tagIndex: Int) -> FieldPath? {
        switch tags[tagIndex].tag.kind {
        case .open(let p), .openInverted(let p), .close(let p): p
        default: nil
        }
    }

    private func checkLoopVariables() {
        for (index, found) in tags.enumerated() {
            guard case .loopVariable = found.tag.kind else { continue }
            if !sections.contains(where: { $0.open < index && index < $0.close }) {
                report(.loopVariableOutsideLoop, at: index,
                       "Biến “\(found.tag.source)” chỉ dùng được bên trong một mục lặp {{#danh_sach}}…{{/danh_sach}}.")
            }
        }
    }

    private func placeSections() {
        for s in sections.indices {
            let open = tags[sections[s].open], close = tags[sections[s].close]
            let openParagraph = paragraphs[open.paragraph].text, closeParagraph = paragraphs[close.paragraph].text
            if open.paragraph == close.paragraph {
                sections[s].placement = .inline
                sections[s].liftMarkers = !inlineChainsMatch(openParagraph, open.occurrence, close.occurrence)
                continue
            }
            let openUnit = blockUnit(openParagraph), closeUnit = blockUnit(closeParagraph)
            if isAlone(open, in: openParagraph), isAlone(close, in: closeParagraph), openUnit.parent == closeUnit.parent {
                sections[s].placement = .paragraphs(open: openUnit, close: closeUnit)
            } else if let row = innermostCommonRow(openParagraph.paragraph, closeParagraph.paragraph) {
                sections[s].placement = .row(row)
                checkRowCanRepeat(row, section: s)
            } else {
                report(.sectionPlacement, at: sections[s].open,
                       "Hai thẻ “\(open.tag.source)” và “\(close.tag.source)” phải nằm trong cùng một đoạn, cùng một hàng của bảng, hoặc mỗi thẻ đứng riêng một đoạn trong cùng vùng văn bản.")
            }
        }
    }

    /// Both tags of an inline section must sit at the same nesting inside the paragraph, or repeating the stretch
    /// between them would unbalance the XML.
    private func inlineChainsMatch(_ text: ParagraphText, _ a: ParagraphText.Occurrence, _ b: ParagraphText.Occurrence) -> Bool {
        guard let nodeA = text.textNode(at: a.range.lowerBound), let nodeB = text.textNode(at: b.range.lowerBound) else {
            return false
        }
        func chain(_ node: xmlNodePtr) -> [String] {
            var names: [String] = []
            var n = node.parent
            while let current = n, current != text.paragraph {
                names.append(current.qualifiedName)
                n = current.parent
            }
            return names
        }
        return chain(nodeA) == chain(nodeB)
    }

    private func isAlone(_ found: FoundTag, in text: ParagraphText) -> Bool {
        Substring(text.string).trimmingWhitespace() == Substring(found.tag.source).trimmingWhitespace()
            && paragraphsTagCount(text) == 1
    }

    private func paragraphsTagCount(_ text: ParagraphText) -> Int {
        tags.reduce(0) { $0 + (paragraphs[$1.paragraph].text.paragraph == text.paragraph ? 1 : 0) }
    }

    /// The node a lone tag paragraph stands for: the paragraph, or the ODF list item it is the only content of.
    private func blockUnit(_ text: ParagraphText) -> xmlNodePtr {
        var unit = text.paragraph
        while let parent = unit.parent,
            parent.isElement(XMLNamespace.text, "list-item") || parent.isElement(XMLNamespace.text, "list-header"),
            parent.elementChildren.count == 1
        {
            unit = parent
        }
        return unit
    }

    private func innermostCommonRow(_ a: xmlNodePtr, _ b: xmlNodePtr) -> xmlNodePtr? {
        var node = a.parent
        while let n = node {
            if vocabulary.isRow(n), n.contains(b) { return n }
            node = n.parent
        }
        return nil
    }

    private func checkRowCanRepeat(_ row: xmlNodePtr, section: Int) {
        for cell in row.elementChildren where vocabulary.isCell(cell) {
            if let spanned = cell.attribute(XMLNamespace.table, "number-rows-spanned"), let n = Int(spanned), n > 1 {
                report(.mergedRowInLoop, at: sections[section].open,
                       "Hàng được lặp có ô gộp nhiều hàng (gộp dọc); không thể lặp hàng này. Hãy bỏ gộp ô trong hàng lặp.")
                return
            }
        }
    }

    // MARK: - Rewriting

    private func newMarker(_ kind: MarkerKind) -> String {
        markers.append(kind)
        return Marker.text(markers.count - 1)
    }

    private func rewriteParagraphs() {
        var sectionOfTag: [Int: Int] = [:]
        for (s, section) in sections.enumerated() {
            sectionOfTag[section.open] = s
            sectionOfTag[section.close] = s
        }
        var removedParagraphs = Set<xmlNodePtr>()
        for section in sections {
            if case .paragraphs = section.placement {
                removedParagraphs.insert(paragraphs[tags[section.open].paragraph].text.paragraph)
                removedParagraphs.insert(paragraphs[tags[section.close].paragraph].text.paragraph)
            }
        }
        var cutsByParagraph: [Int: [(range: Range<Int>, replacement: String)]] = [:]
        var liftedMarkers: [Int: (open: String, close: String)] = [:]  // by section, for sections whose markers lift
        for (index, found) in tags.enumerated() {
            let paragraph = paragraphs[found.paragraph]
            if removedParagraphs.contains(paragraph.text.paragraph) { continue }
            let replacement: String
            switch found.tag.kind {
            case .value, .loopVariable:
                replacement = newMarker(.value(ValueOperation(tag: found.tag, location: paragraph.location)))
            case .open(let path), .openInverted(let path):
                let s = sectionOfTag[index]!
                if case .inline = sections[s].placement {
                    replacement = newMarker(.sectionStart(sectionOperation(path, found, paragraph.location)))
                    if sections[s].liftMarkers { liftedMarkers[s, default: ("", "")].open = replacement }
                } else {
                    replacement = ""
                }
            case .close:
                let s = sectionOfTag[index]!
                if case .inline = sections[s].placement {
                    replacement = newMarker(.sectionEnd)
                    if sections[s].liftMarkers { liftedMarkers[s, default: ("", "")].close = replacement }
                } else {
                    replacement = ""
                }
            case .image:
                continue
            }
            cutsByParagraph[found.paragraph, default: []].append((found.occurrence.range, replacement))
        }
        for (index, cuts) in cutsByParagraph {
            paragraphs[index].text.rewrite(replacing: cuts)
        }
        // Lifting splits text nodes, so each marker's node is looked up afresh rather than taken from the scan.
        for (s, markers) in liftedMarkers.sorted(by: { $0.key < $1.key }) {
            let paragraph = paragraphs[tags[sections[s].open].paragraph].text.paragraph
            for (marker, partner) in [(markers.open, markers.close), (markers.close, markers.open)] {
                guard let node = MarkerLifting.textNode(containing: marker, under: paragraph),
                    let other = MarkerLifting.textNode(containing: partner, under: paragraph)
                else { continue }
                MarkerLifting.lift(marker, in: node, to: MarkerLifting.commonAncestor(node, other, within: paragraph))
            }
        }
    }

    private func sectionOperation(_ path: FieldPath, _ found: FoundTag, _ location: ProblemLocation) -> SectionOperation {
        var inverted = false
        if case .openInverted = found.tag.kind { inverted = true }
        return SectionOperation(path: path, inverted: inverted, source: found.tag.source, location: location)
    }

    private func markStructuralSections() {
        for section in sections {
            let open = tags[section.open]
            let location = paragraphs[open.paragraph].location
            guard let path = sectionPath(section.open) else { continue }
            switch section.placement {
            case .inline:
                continue
            case .row(let row):
                row.insertTextBefore(newMarker(.sectionStart(sectionOperation(path, open, location))))
                row.insertTextAfter(newMarker(.sectionEnd))
            case .paragraphs(let openUnit, let closeUnit):
                if wouldEmptyWordCell(openUnit, closeUnit) {
                    // A Word cell must keep a paragraph: add one that shows exactly when the section shows nothing.
                    let inverted = SectionOperation(path: path, inverted: true, source: open.tag.source, location: location)
                    if let paragraph = closeUnit.insertElementAfter(XMLNamespace.w, "p") {
                        paragraph.insertTextBefore(newMarker(.sectionStart(inverted)))
                        paragraph.insertTextAfter(newMarker(.sectionEnd))
                    }
                }
                openUnit.replaceWithText(newMarker(.sectionStart(sectionOperation(path, open, location))))
                closeUnit.replaceWithText(newMarker(.sectionEnd))
            }
        }
    }

    /// Whether a Word table cell holds no paragraph outside this section (its tag paragraphs included).
    private func wouldEmptyWordCell(_ open: xmlNodePtr, _ close: xmlNodePtr) -> Bool {
        guard let cell = open.parent, cell.isElement(XMLNamespace.w, "tc") else { return false }
        var inside = false
        for child in cell.elementChildren {
            if child == open { inside = true }
            if !inside, child.isElement(XMLNamespace.w, "p") || child.isElement(XMLNamespace.w, "tbl") { return false }
            if child == close { inside = false }
        }
        return true
    }

    // MARK: - Pictures (used by ImageTagCompiler)

    /// Registers a picture placeholder: markers around the drawing element and in its attributes.
    func markPicture(_ element: xmlNodePtr, operation: ImageOperation, attributes: [(node: xmlNodePtr, namespace: String?, name: String, value: ImageAttribute)]) {
        for attribute in attributes {
            attribute.node.setAttribute(attribute.namespace, attribute.name, newMarker(.imageAttribute(attribute.value)))
        }
        element.insertTextBefore(newMarker(.imageStart(operation)))
        element.insertTextAfter(newMarker(.imageEnd))
    }

    /// Gives a drawing's id attribute a fresh value at every render, so copies made by loops stay unique.
    func markDrawingID(_ docPr: xmlNodePtr) {
        docPr.setAttribute(nil, "id", newMarker(.drawingID))
    }

    /// Notes a drawing id, so that new pictures get ids above every existing one.
    func noteDrawingID(_ id: Int) { maxDrawingID = max(maxDrawingID, id) }

    /// Reports a problem about a picture.
    func reportPicture(_ code: TemplateProblem.Code, tag: String, _ message: String) {
        found.append((TemplateProblem(code: code, location: ProblemLocation(part: name, paragraph: nil, cell: nil),
                                         tag: tag, message: message, context: nil, contextOffset: nil), 0))
    }

    // MARK: - Program

    private func buildProgram(_ serialized: [UInt8]) -> (part: CompiledPart, program: [ProgramNode]) {
        var output: [UInt8] = []
        output.reserveCapacity(serialized.count)
        var stack: [[ProgramNode]] = [[]]
        var openers: [MarkerKind] = []
        var literalStart = 0
        var i = 0
        func flushLiteral() {
            if output.count > literalStart { stack[stack.count - 1].append(.literal(literalStart..<output.count)) }
            literalStart = output.count
        }
        while i < serialized.count {
            if serialized[i] == Marker.prefix[0], serialized.matches(Marker.prefix, at: i) {
                var j = i + Marker.prefix.count
                var id = 0
                while j < serialized.count, serialized[j] >= 0x30, serialized[j] <= 0x39 {
                    id = id * 10 + Int(serialized[j] - 0x30)
                    j += 1
                }
                precondition(serialized.matches(Marker.suffix, at: j), "marker without its suffix")
                flushLiteral()
                switch markers[id] {
                case .value(let op): stack[stack.count - 1].append(.value(op))
                case .imageAttribute(let attribute): stack[stack.count - 1].append(.imageAttribute(attribute))
                case .drawingID: stack[stack.count - 1].append(.drawingID)
                case .sectionStart, .imageStart:
                    openers.append(markers[id])
                    stack.append([])
                case .sectionEnd, .imageEnd:
                    let body = stack.removeLast()
                    switch openers.removeLast() {
                    case .sectionStart(let op): stack[stack.count - 1].append(.section(op, body: body))
                    case .imageStart(let op): stack[stack.count - 1].append(.image(op, body: body))
                    default: preconditionFailure("unbalanced markers")
                    }
                }
                i = j + Marker.suffix.count
            } else {
                output.append(serialized[i])
                i += 1
            }
        }
        flushLiteral()
        precondition(stack.count == 1, "unbalanced markers")
        return (CompiledPart(name: name, bytes: output, code: FlatProgram(stack[0]), maxDrawingID: maxDrawingID), stack[0])
    }

    // MARK: - Problems

    private func report(_ code: TemplateProblem.Code, at tagIndex: Int, _ message: String) {
        let found = tags[tagIndex]
        let paragraph = paragraphs[found.paragraph]
        report(code, paragraph.location, text: paragraph.text, tag: found.tag.source, at: found.occurrence.range.lowerBound, message)
    }

    private func report(_ code: TemplateProblem.Code, _ location: ProblemLocation, text: ParagraphText, tag: String, at offset: Int, _ message: String) {
        let (context, caret) = Self.context(text, around: offset)
        found.append((TemplateProblem(code: code, location: location, tag: tag, message: message, context: context, contextOffset: caret), offset))
    }

    /// Up to 40 characters either side of the tag, with an ellipsis where the paragraph was cut.
    private static func context(_ text: ParagraphText, around offset: Int) -> (String, Int) {
        let lower = max(0, offset - 40)
        let upper = min(text.scalars.count, offset + 60)
        var prefix = text.text(lower..<offset)
        if lower > 0 { prefix = "…" + prefix }
        var context = prefix + text.text(offset..<upper)
        if upper < text.scalars.count { context += "…" }
        return (context.replacingTabsAndNewlines(), prefix.count)
    }

    private func location(of paragraph: xmlNodePtr, paragraph number: Int) -> ProblemLocation {
        var node = paragraph.parent
        while let n = node {
            if vocabulary.isCell(n), let row = n.parent.flatMap(rowAncestor), let table = tableAncestor(of: row) {
                let column = (row.elementChildren.filter { vocabulary.isCell($0) }.firstIndex(of: n) ?? 0) + 1
                let rowNumber = (rows(of: table).firstIndex(of: row) ?? 0) + 1
                return ProblemLocation(part: name, paragraph: number,
                                       cell: .init(table: tableNumbers[table] ?? 0, row: rowNumber, column: column))
            }
            node = n.parent
        }
        return ProblemLocation(part: name, paragraph: number, cell: nil)
    }

    private func rowAncestor(_ node: xmlNodePtr) -> xmlNodePtr? {
        var n: xmlNodePtr? = node
        while let current = n, !vocabulary.isRow(current) { n = current.parent }
        return n
    }

    private func tableAncestor(of row: xmlNodePtr) -> xmlNodePtr? {
        var n = row.parent
        while let current = n, !vocabulary.isTable(current) { n = current.parent }
        return n
    }

    /// The rows of a table in order, including rows in header or row groups but not rows of nested tables.
    private func rows(of table: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        func visit(_ node: xmlNodePtr) {
            for child in node.elementChildren {
                if vocabulary.isRow(child) { result.append(child) } else if !vocabulary.isTable(child) && !vocabulary.isCell(child) { visit(child) }
            }
        }
        visit(table)
        return result
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs at `offset`.
    func matches(_ needle: [UInt8], at offset: Int) -> Bool {
        guard offset + needle.count <= count else { return false }
        for k in 0..<needle.count where self[offset + k] != needle[k] { return false }
        return true
    }
}

extension String {
    /// The string with tabs and line breaks shown as spaces, for one-line context.
    func replacingTabsAndNewlines() -> String {
        String(map { $0 == "\t" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }
}
