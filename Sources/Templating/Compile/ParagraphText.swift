import CLibXML2

/// The visible text of one paragraph, as pieces that remember which node they came from, so that a tag split
/// across runs or spans by an editor can be found in the joined text and moved back into the node where it starts.
struct ParagraphText {
    /// One stretch of the paragraph's text.
    struct Piece {
        enum Source {
            /// A text node.
            case text(xmlNodePtr)
            /// A `text:s` element standing for `count` spaces.
            case spaces(xmlNodePtr, count: Int)
            /// A tab or line break element; a tag cannot span it.
            case boundary(xmlNodePtr)
        }
        let source: Source
        /// Range in `scalars`.
        let range: Range<Int>
    }

    let paragraph: xmlNodePtr
    private(set) var pieces: [Piece] = []
    private(set) var scalars: [Unicode.Scalar] = []

    init(paragraph: xmlNodePtr, vocabulary: Vocabulary) {
        self.paragraph = paragraph
        collect(children: paragraph, textIsContent: vocabulary.paragraphHoldsText, vocabulary: vocabulary)
    }

    private mutating func collect(children parent: xmlNodePtr, textIsContent: Bool, vocabulary: Vocabulary) {
        var child = parent.firstChild
        while let node = child {
            child = node.nextSibling
            if node.isTextNode {
                if textIsContent { append(.text(node), node.textContent.unicodeScalars) }
                continue
            }
            guard node.isElementNode else { continue }
            switch vocabulary.inlineRole(node) {
            case .textContainer: collect(children: node, textIsContent: true, vocabulary: vocabulary)
            case .descend: collect(children: node, textIsContent: false, vocabulary: vocabulary)
            case .skip: continue
            case .spaces:
                let count = max(1, Int(node.attribute(XMLNamespace.text, "c") ?? "1") ?? 1)
                append(.spaces(node, count: count), repeatElement(" ", count: count))
            case .boundary(let character):
                append(.boundary(node), character.unicodeScalars)
            }
        }
    }

    private mutating func append(_ source: Piece.Source, _ text: some Sequence<Unicode.Scalar>) {
        let start = scalars.count
        scalars.append(contentsOf: text)
        pieces.append(Piece(source: source, range: start..<scalars.count))
    }

    /// The paragraph's text as a string.
    var string: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// A raw tag occurrence: `{{ … }}` at a range of `scalars`.
    struct Occurrence {
        let range: Range<Int>
        let source: String
    }

    /// A brace problem found while scanning.
    enum ScanProblem {
        case unclosed(at: Int, source: String)
        case unopened(at: Int)
        case spansBoundary(Occurrence)
    }

    /// Finds every `{{ … }}` in the paragraph, and every brace that does not pair.
    func scanTags() -> (tags: [Occurrence], problems: [ScanProblem]) {
        var tags: [Occurrence] = []
        var problems: [ScanProblem] = []
        let n = scalars.count
        var i = 0
        func isPair(_ k: Int, _ c: Unicode.Scalar) -> Bool { k + 1 < n && scalars[k] == c && scalars[k + 1] == c }
        while i < n {
            if isPair(i, "{") {
                var j = i + 2
                var end: Int?
                while j < n {
                    if isPair(j, "}") { end = j + 2; break }
                    if isPair(j, "{") { break }
                    j += 1
                }
                guard let end else {
                    let stop = min(n, j)
                    problems.append(.unclosed(at: i, source: text(i..<stop)))
                    i = max(j, i + 2)
                    continue
                }
                let occurrence = Occurrence(range: i..<end, source: text(i..<end))
                if scalars[i..<end].contains(where: { $0 == "\t" || $0 == "\n" }) || crossesBoundary(i..<end) {
                    problems.append(.spansBoundary(occurrence))
                } else {
                    tags.append(occurrence)
                }
                i = end
            } else if isPair(i, "}") {
                problems.append(.unopened(at: i))
                i += 2
            } else {
                i += 1
            }
        }
        return (tags, problems)
    }

    private func crossesBoundary(_ range: Range<Int>) -> Bool {
        pieces.contains { piece in
            if case .boundary = piece.source { return piece.range.overlaps(range) }
            return false
        }
    }

    /// The text of a range of scalars.
    func text(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[range])
        return String(s)
    }

    /// The text node where the scalar at `offset` lives.
    func textNode(at offset: Int) -> xmlNodePtr? {
        for piece in pieces where piece.range.contains(offset) {
            if case .text(let node) = piece.source { return node }
        }
        return nil
    }

    /// Rewrites the paragraph: each tag range is removed from the nodes it spans, and replaced by `replacement`
    /// (a marker, or nothing) inside the node where the tag starts, so the value takes that run's formatting.
    func rewrite(replacing cuts: [(range: Range<Int>, replacement: String)]) {
        guard !cuts.isEmpty else { return }
        for piece in pieces {
            let touching = cuts.filter { $0.range.overlaps(piece.range) }
            if touching.isEmpty { continue }
            switch piece.source {
            case .text(let node):
                var out = String.UnicodeScalarView()
                var k = piece.range.lowerBound
                while k < piece.range.upperBound {
                    if let cut = touching.first(where: { $0.range.contains(k) }) {
                        if cut.range.lowerBound == k { out.append(contentsOf: cut.replacement.unicodeScalars) }
                        k = min(cut.range.upperBound, piece.range.upperBound)
                    } else {
                        out.append(scalars[k])
                        k += 1
                    }
                }
                node.setTextContent(String(out))
                if let container = node.parent, container.isElement(XMLNamespace.w, "t") {
                    container.setAttribute(nil, "xml:space", "preserve")
                }
            case .spaces(let node, let count):
                let covered = touching.reduce(0) { $0 + $1.range.clamped(to: piece.range).count }
                if covered >= count {
                    node.remove()
                } else {
                    node.setAttribute(XMLNamespace.text, "c", String(count - covered))
                }
            case .boundary:
                continue
            }
        }
    }
}
