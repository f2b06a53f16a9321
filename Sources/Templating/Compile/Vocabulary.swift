import CLibXML2

/// The two package formats the engine fills.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case docx
    case odt

    /// The media type a file of this format is served with.
    public var mediaType: String {
        switch self {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .odt: "application/vnd.oasis.opendocument.text"
        }
    }

    /// The format named by a file extension (`.docx`, `.odt`), if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "docx": self = .docx
        case "odt": self = .odt
        default: return nil
        }
    }

    /// The parts that may carry tags.
    func isTemplatePart(_ name: String) -> Bool {
        switch self {
        case .odt:
            return name == "content.xml" || name == "styles.xml"
        case .docx:
            guard name.hasPrefix("word/"), name.hasSuffix(".xml"), !name.dropFirst(5).contains("/") else { return false }
            let base = name.dropFirst(5).dropLast(4)
            return base == "document" || base == "footnotes" || base == "endnotes"
                || (base.hasPrefix("header") && base.dropFirst(6).allSatisfy(\.isNumber))
                || (base.hasPrefix("footer") && base.dropFirst(6).allSatisfy(\.isNumber))
        }
    }

    /// Markup that breaks a line inside a value.
    var lineBreak: [UInt8] {
        switch self {
        case .docx: Array("</w:t><w:br/><w:t xml:space=\"preserve\">".utf8)
        case .odt: Array("<text:line-break/>".utf8)
        }
    }

    /// Markup for a tab inside a value.
    var tab: [UInt8] {
        switch self {
        case .docx: Array("</w:t><w:tab/><w:t xml:space=\"preserve\">".utf8)
        case .odt: Array("<text:tab/>".utf8)
        }
    }
}

/// How the elements of one format map to paragraphs, text, tables and pictures.
struct Vocabulary {
    let format: DocumentFormat

    /// What a node inside a paragraph contributes to the paragraph's text.
    enum InlineRole {
        /// A container whose text children are paragraph text (a `w:t`, or an ODF paragraph or span).
        case textContainer
        /// A run of spaces (`text:s`).
        case spaces
        /// A character that a tag cannot span (tab, line break).
        case boundary(Character)
        /// Not part of the flowing text (deleted text, field codes, nested paragraphs' own content, note citations).
        case skip
        /// An element to look inside.
        case descend
    }

    func isParagraph(_ node: xmlNodePtr) -> Bool {
        switch format {
        case .docx: node.isElement(XMLNamespace.w, "p")
        case .odt: node.isElement(XMLNamespace.text, "p") || node.isElement(XMLNamespace.text, "h")
        }
    }

    func isTable(_ node: xmlNodePtr) -> Bool {
        switch format {
        case .docx: node.isElement(XMLNamespace.w, "tbl")
        case .odt: node.isElement(XMLNamespace.table, "table")
        }
    }

    func isRow(_ node: xmlNodePtr) -> Bool {
        switch format {
        case .docx: node.isElement(XMLNamespace.w, "tr")
        case .odt: node.isElement(XMLNamespace.table, "table-row")
        }
    }

    func isCell(_ node: xmlNodePtr) -> Bool {
        switch format {
        case .docx: node.isElement(XMLNamespace.w, "tc")
        case .odt: node.isElement(XMLNamespace.table, "table-cell") || node.isElement(XMLNamespace.table, "covered-table-cell")
        }
    }

    /// Subtrees whose text never reaches the reader, so tags there are ignored (comments, tracked deletions).
    func isIgnoredSubtree(_ node: xmlNodePtr) -> Bool {
        switch format {
        case .docx:
            node.isElement(XMLNamespace.w, "del") || node.isElement(XMLNamespace.w, "delText")
                || node.isElement(XMLNamespace.w, "instrText")
        case .odt:
            node.isElement(XMLNamespace.office, "annotation") || node.isElement(XMLNamespace.text, "tracked-changes")
                || node.isElement(XMLNamespace.text, "note-citation")
        }
    }

    /// The role of an element met while reading a paragraph's text.
    func inlineRole(_ node: xmlNodePtr) -> InlineRole {
        if isParagraph(node) || isIgnoredSubtree(node) { return .skip }
        switch format {
        case .docx:
            if node.isElement(XMLNamespace.w, "t") { return .textContainer }
            if node.isElement(XMLNamespace.w, "tab") { return .boundary("\t") }
            if node.isElement(XMLNamespace.w, "br") || node.isElement(XMLNamespace.w, "cr") { return .boundary("\n") }
            return .descend
        case .odt:
            if node.isElement(XMLNamespace.text, "s") { return .spaces }
            if node.isElement(XMLNamespace.text, "tab") { return .boundary("\t") }
            if node.isElement(XMLNamespace.text, "line-break") { return .boundary("\n") }
            if node.isElement(XMLNamespace.text, "span") || node.isElement(XMLNamespace.text, "a")
                || node.isElement(XMLNamespace.text, "meta") || node.isElement(XMLNamespace.text, "ruby-base")
            {
                return .textContainer
            }
            return .descend
        }
    }

    /// Whether text nodes directly inside this paragraph element are paragraph text (ODF keeps text in `text:p` itself).
    var paragraphHoldsText: Bool { format == .odt }
}
