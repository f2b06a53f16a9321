import CLibXML2

/// Finds pictures whose name or alt text is an image tag `{{%path}}` and marks their size, reference and id
/// attributes, so that rendering can put new image bytes into the same frame.
struct ImageTagCompiler {
    let compiler: PartCompiler

    func markPictures(_ root: xmlNodePtr) {
        switch compiler.vocabulary.format {
        case .docx: visit(root, docx: true)
        case .odt: visit(root, docx: false)
        }
    }

    private func visit(_ node: xmlNodePtr, docx: Bool) {
        if docx, node.isElement(XMLNamespace.mc, "AlternateContent"), let drawing = taggedChoice(node) {
            // LibreOffice writes an anchored picture as a DrawingML choice with a VML fallback that shows the same
            // placeholder. Only the choice is replaced, so a reader taking the fallback would print the placeholder
            // and a removed picture would come back: the picture is kept alone, as Word itself writes it.
            xmlUnlinkNode(drawing)
            xmlReplaceNode(node, drawing)
            xmlFreeNode(node)
            markWordDrawing(drawing)
            return
        }
        if docx, node.isElement(XMLNamespace.w, "drawing") {
            markWordDrawing(node)
            return
        }
        if !docx, node.isElement(XMLNamespace.draw, "frame") {
            markFrame(node)
        }
        for child in node.elementChildren { visit(child, docx: docx) }
    }

    // MARK: - DOCX

    private func markWordDrawing(_ drawing: xmlNodePtr) {
        guard let docPr = firstDescendant(drawing, XMLNamespace.wp, "docPr") else { return }
        if let id = docPr.attribute(nil, "id").flatMap(Int.init) { compiler.noteDrawingID(id) }
        let name = docPr.attribute(nil, "name") ?? "", alt = docPr.attribute(nil, "descr") ?? ""
        guard let (source, path) = imageTag(in: [name, alt]) else {
            compiler.markDrawingID(docPr)
            return
        }
        guard let extent = firstDescendant(drawing, XMLNamespace.wp, "extent"),
            let width = extent.attribute(nil, "cx").flatMap(Double.init), let height = extent.attribute(nil, "cy").flatMap(Double.init),
            let blip = firstDescendant(drawing, XMLNamespace.a, "blip"), blip.attribute(XMLNamespace.r, "embed") != nil
        else {
            compiler.reportPicture(.imageTagOutsidePicture, tag: source,
                                   "Thẻ ảnh “\(source)” đặt trên một hình vẽ không phải ảnh (không có kích thước hoặc ảnh nhúng); hãy chèn một ảnh mẫu và đặt thẻ ở tên hoặc văn bản thay thế của ảnh.")
            return
        }
        var attributes: [(node: xmlNodePtr, namespace: String?, name: String, value: ImageAttribute)] = [
            (extent, nil, "cx", .width), (extent, nil, "cy", .height),
            (blip, XMLNamespace.r, "embed", .reference),
            (docPr, nil, "id", .uniqueID), (docPr, nil, "name", .name),
        ]
        if alt.contains("{{") { attributes.append((docPr, nil, "descr", .name)) }
        if docPr.attribute(nil, "title")?.contains("{{") == true { attributes.append((docPr, nil, "title", .name)) }
        if let pictureName = firstDescendant(drawing, XMLNamespace.pic, "cNvPr"), pictureName.attribute(nil, "name")?.contains("{{") == true {
            attributes.append((pictureName, nil, "name", .name))
        }
        if let xfrmExtent = firstDescendant(drawing, XMLNamespace.a, "ext", where: { $0.attribute(nil, "cx") != nil }) {
            attributes.append((xfrmExtent, nil, "cx", .width))
            attributes.append((xfrmExtent, nil, "cy", .height))
        }
        let operation = ImageOperation(path: path, source: source, location: location, frameWidth: width, frameHeight: height, unit: "")
        compiler.markPicture(drawing, operation: operation, attributes: attributes)
    }

    /// The drawing of an `mc:AlternateContent` whose choice is a picture with an image tag.
    private func taggedChoice(_ alternate: xmlNodePtr) -> xmlNodePtr? {
        guard let choice = alternate.elementChildren.first(where: { $0.isElement(XMLNamespace.mc, "Choice") }),
              let drawing = choice.elementChildren.first(where: { $0.isElement(XMLNamespace.w, "drawing") }),
              let docPr = firstDescendant(drawing, XMLNamespace.wp, "docPr") else { return nil }
        let texts = [docPr.attribute(nil, "name") ?? "", docPr.attribute(nil, "descr") ?? ""]
        return texts.contains { $0.contains("{{%") } ? drawing : nil
    }

    // MARK: - ODT

    private func markFrame(_ frame: xmlNodePtr) {
        let name = frame.attribute(XMLNamespace.draw, "name") ?? ""
        let titles = frame.elementChildren.filter { $0.isElement(XMLNamespace.svg, "title") || $0.isElement(XMLNamespace.svg, "desc") }
        let altTexts = titles.map { node in node.firstChild.map(\.textContent) ?? "" }
        guard let (source, path) = imageTag(in: [name] + altTexts) else { return }
        guard let image = frame.elementChildren.first(where: { $0.isElement(XMLNamespace.draw, "image") }),
            image.attribute(XMLNamespace.xlink, "href") != nil,
            let (width, unit) = frame.attribute(XMLNamespace.svg, "width").flatMap(Self.length),
            let (height, heightUnit) = frame.attribute(XMLNamespace.svg, "height").flatMap(Self.length), unit == heightUnit
        else {
            compiler.reportPicture(.imageTagOutsidePicture, tag: source,
                                   "Thẻ ảnh “\(source)” đặt trên một khung không chứa ảnh hoặc không có kích thước; hãy chèn một ảnh mẫu và đặt thẻ ở tên hoặc văn bản thay thế của ảnh.")
            return
        }
        for title in titles where (title.firstChild.map(\.textContent) ?? "").contains("{{") {
            title.firstChild?.setTextContent(path.description)
        }
        let operation = ImageOperation(path: path, source: source, location: location, frameWidth: width, frameHeight: height, unit: unit)
        compiler.markPicture(frame, operation: operation, attributes: [
            (frame, XMLNamespace.svg, "width", .width), (frame, XMLNamespace.svg, "height", .height),
            (frame, XMLNamespace.draw, "name", .uniqueID),
            (image, XMLNamespace.xlink, "href", .reference),
        ])
    }

    /// Splits an ODF length such as `4.5cm` into its number and unit.
    static func length(_ text: String) -> (Double, String)? {
        guard let split = text.firstIndex(where: { $0.isLetter }), let value = Double(text[..<split]) else { return nil }
        return (value, String(text[split...]))
    }

    // MARK: - Helpers

    private var location: ProblemLocation { ProblemLocation(part: compiler.name, paragraph: nil, cell: nil) }

    /// The first `{{%path}}` among the texts, parsed.
    private func imageTag(in texts: [String]) -> (String, FieldPath)? {
        for text in texts {
            let trimmed = String(Substring(text).trimmingWhitespace())
            guard trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}") else { continue }
            switch TagParser.parse(trimmed) {
            case .success(let tag):
                if case .image(let path) = tag.kind { return (trimmed, path) }
                compiler.reportPicture(.imageTagOutsidePicture, tag: trimmed,
                                       "Tên hoặc văn bản thay thế của ảnh chỉ nhận thẻ ảnh dạng {{%ten_anh}}, không nhận “\(trimmed)”.")
            case .failure(let problem):
                compiler.reportPicture(.malformedTag, tag: trimmed, problem.message)
            }
        }
        return nil
    }

    private func firstDescendant(_ node: xmlNodePtr, _ namespace: String, _ local: String, where predicate: (xmlNodePtr) -> Bool = { _ in true }) -> xmlNodePtr? {
        for child in node.elementChildren {
            if child.isElement(namespace, local), predicate(child) { return child }
            if let found = firstDescendant(child, namespace, local, where: predicate) { return found }
        }
        return nil
    }
}
