import CLibXML2

/// Moves a section marker out of nested inline elements (spans, runs, hyperlinks) up to a given ancestor,
/// splitting each element it leaves into the part before the marker and a copy holding the part after it.
enum MarkerLifting {
    /// The deepest element containing both nodes, no higher than the paragraph.
    static func commonAncestor(_ a: xmlNodePtr, _ b: xmlNodePtr, within paragraph: xmlNodePtr) -> xmlNodePtr {
        var node = a.parent
        while let current = node, current != paragraph {
            if current.contains(b) { return current }
            node = current.parent
        }
        return paragraph
    }

    /// The text node under `root` whose content holds `marker`.
    static func textNode(containing marker: String, under root: xmlNodePtr) -> xmlNodePtr? {
        var child = root.firstChild
        while let node = child {
            if node.isTextNode, node.textContent.contains(marker) { return node }
            if node.isElementNode, let found = textNode(containing: marker, under: node) { return found }
            child = node.nextSibling
        }
        return nil
    }

    /// Lifts `marker` (text inside `textNode`) until it is a direct child of `level`.
    static func lift(_ marker: String, in textNode: xmlNodePtr, to level: xmlNodePtr) {
        let content = textNode.textContent
        guard let range = content.range(of: marker), textNode.parent != level,
            let placeholder = xmlNewDocNode(textNode.pointee.doc, nil, "vanban-marker", nil)
        else { return }
        // An element stands in for the marker while nodes move: libxml2 merges adjacent text nodes, which would
        // free a text marker under our feet.
        // The placeholder goes in first: inserting the tail text right after the text node would merge it back.
        textNode.setTextContent(String(content[..<range.lowerBound]))
        xmlAddNextSibling(textNode, placeholder)
        placeholder.insertTextAfter(String(content[range.upperBound...]))
        while let parent = placeholder.parent, parent != level {
            guard let copy = xmlDocCopyNode(parent, parent.pointee.doc, 2) else { return }
            for property in parent.elementChildren where isProperties(property) {
                if let duplicate = xmlDocCopyNode(property, parent.pointee.doc, 1) { xmlAddChild(copy, duplicate) }
            }
            var sibling = placeholder.nextSibling
            while let node = sibling {
                sibling = node.nextSibling
                xmlUnlinkNode(node)
                xmlAddChild(copy, node)
            }
            xmlUnlinkNode(placeholder)
            xmlAddNextSibling(parent, placeholder)
            xmlAddNextSibling(placeholder, copy)
        }
        placeholder.replaceWithText(marker)
    }

    /// Word keeps a run's or paragraph's formatting in a leading `w:rPr`/`w:pPr` child, which the copy needs too.
    private static func isProperties(_ node: xmlNodePtr) -> Bool {
        node.isElement(XMLNamespace.w, "rPr") || node.isElement(XMLNamespace.w, "pPr")
    }
}
