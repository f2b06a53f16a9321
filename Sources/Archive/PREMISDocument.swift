import VietnameseText

/// The package's PREMIS 3 file (`metadata/preservation/premis.xml`), with what VanBan can state truthfully: every
/// file as an object with its SHA-256, size and format; for each document the signing (the `sign` line of its audit
/// log, by the signer) and the fixity check made while packing (the PDF's SHA-256 equals the one recorded at
/// signing); and the agents, the issuing body and VanBan.
struct PREMISDocument {
    let info: ArchivePackageInfo
    let documents: PackagedDocumentSpool

    static let namespace = "http://www.loc.gov/premis/v3"

    func write(to sink: (String) throws -> Void) throws {
        var xml = XMLText()
        xml.start("premis", [("xmlns", Self.namespace), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"), ("version", "3.0")])
        for document in documents {
            for file in document.files {
                xml.start("object", [("xsi:type", "file")])
                identifier("object", file.path, in: &xml)
                xml.start("objectCharacteristics")
                xml.start("fixity")
                xml.element("messageDigestAlgorithm", "SHA-256")
                xml.element("messageDigest", file.sha256)
                xml.element("messageDigestOriginator", "VanBan")
                xml.end()
                xml.element("size", String(file.size))
                xml.start("format")
                xml.start("formatDesignation")
                xml.element("formatName", file.mediaType)
                xml.end()
                xml.end()
                xml.end()
                xml.end()
            }
            try xml.flush(to: sink)
        }
        let packedAt = VietnamTime.iso8601(info.createdAt)
        for document in documents {
            let key = PackagedDocument.key(document.ordinal)
            if let signedAt = document.signedAt {
                event(id: "signing-\(key)", type: "digital signature generation", at: signedAt,
                      detail: "Ký ban hành văn bản \(document.notation)", agent: document.signerName, objects: [document.pdf.path], in: &xml)
            }
            event(id: "fixity-\(key)", type: "fixity check", at: packedAt,
                  detail: "SHA-256 của \(document.pdf.path) trùng với SHA-256 ghi lúc ký", agent: "VanBan",
                  objects: [document.pdf.path], in: &xml)
            try xml.flush(to: sink)
        }
        agent(name: info.organ.name, type: "organization", in: &xml)
        agent(name: "VanBan", type: "software", version: ArchivePackageWriter.softwareVersion, in: &xml)
        xml.end()
        try xml.flush(to: sink, force: true)
    }

    private func identifier(_ kind: String, _ value: String, in xml: inout XMLText) {
        xml.start("\(kind)Identifier")
        xml.element("\(kind)IdentifierType", "local")
        xml.element("\(kind)IdentifierValue", value)
        xml.end()
    }

    private func event(id: String, type: String, at: String, detail: String, agent: String, objects: [String], in xml: inout XMLText) {
        xml.start("event")
        identifier("event", id, in: &xml)
        xml.element("eventType", type)
        xml.element("eventDateTime", at)
        xml.start("eventDetailInformation")
        xml.element("eventDetail", detail)
        xml.end()
        xml.start("eventOutcomeInformation")
        xml.element("eventOutcome", "pass")
        xml.end()
        xml.start("linkingAgentIdentifier")
        xml.element("linkingAgentIdentifierType", "local")
        xml.element("linkingAgentIdentifierValue", agent)
        xml.end()
        for object in objects {
            xml.start("linkingObjectIdentifier")
            xml.element("linkingObjectIdentifierType", "local")
            xml.element("linkingObjectIdentifierValue", object)
            xml.end()
        }
        xml.end()
    }

    private func agent(name: String, type: String, version: String? = nil, in xml: inout XMLText) {
        xml.start("agent")
        identifier("agent", name, in: &xml)
        xml.element("agentName", name)
        xml.element("agentType", type)
        xml.element("agentVersion", version)
        xml.end()
    }
}
