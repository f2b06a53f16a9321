import VietnameseText

/// The package's `METS.xml` after E-ARK CSIP: the root with OBJID, TYPE and PROFILE, a header naming the creating
/// software and body, one dmdSec per document (its Decree 30 metadata), an amdSec with the PREMIS file and each
/// document's history, a fileSec with a group per representation where every file has its size and SHA-256, and a
/// physical structMap labelled CSIP whose divisions list the documents in chronological order.
///
/// Written in pieces (`write(to:)` hands fragments of about 256 KiB to the sink) so 10,000 documents never sit in
/// memory as one string.
struct METSDocument {
    let info: ArchivePackageInfo
    let documents: PackagedDocumentSpool
    let premis: PackagedFile

    static let namespace = "http://www.loc.gov/METS/"
    static let csipNamespace = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"

    func write(to sink: (String) throws -> Void) throws {
        var xml = XMLText()
        let created = VietnamTime.iso8601(info.createdAt)
        xml.start("mets", [
            ("xmlns", Self.namespace), ("xmlns:xlink", "http://www.w3.org/1999/xlink"), ("xmlns:csip", Self.csipNamespace),
            ("OBJID", info.identifier), ("LABEL", info.label), ("TYPE", "OTHER"), ("csip:OTHERTYPE", "Văn bản hành chính điện tử"),
            ("PROFILE", PackageLayout.metsProfile),
        ])
        xml.start("metsHdr", [("CREATEDATE", created), ("RECORDSTATUS", "NEW"), ("csip:OAISPACKAGETYPE", "SIP")])
        xml.start("agent", [("ROLE", "CREATOR"), ("TYPE", "ORGANIZATION")])
        xml.element("name", info.organ.name)
        xml.end()
        xml.start("agent", [("ROLE", "CREATOR"), ("TYPE", "OTHER"), ("OTHERTYPE", "SOFTWARE")])
        xml.element("name", "VanBan")
        xml.element("note", ArchivePackageWriter.softwareVersion, [("csip:NOTETYPE", "SOFTWARE VERSION")])
        xml.end()
        xml.end()
        for document in documents {
            xml.start("dmdSec", [("ID", "dmd-\(PackagedDocument.key(document.ordinal))"), ("CREATED", created), ("STATUS", "CURRENT")])
            reference(document.descriptive, type: ("OTHER", "ND30-PL-VI"), in: &xml)
            xml.end()
            try xml.flush(to: sink)
        }
        xml.start("amdSec", [("ID", "amd")])
        xml.start("digiprovMD", [("ID", "premis"), ("STATUS", "CURRENT")])
        reference(premis, type: ("PREMIS", nil), in: &xml)
        xml.end()
        for document in documents {
            xml.start("digiprovMD", [("ID", "history-\(PackagedDocument.key(document.ordinal))"), ("STATUS", "CURRENT")])
            reference(document.history, type: ("OTHER", "VanBan audit history"), in: &xml)
            xml.end()
            try xml.flush(to: sink)
        }
        xml.end()
        xml.start("fileSec", [("ID", "files")])
        for (group, file) in [(PackageLayout.pdfGroup, \PackagedDocument.pdf), (PackageLayout.nativeGroup, \PackagedDocument.native)] {
            xml.start("fileGrp", [("ID", group == PackageLayout.pdfGroup ? "group-pdf" : "group-native"), ("USE", group)])
            for document in documents {
                let entry = document[keyPath: file]
                xml.start("file", [("ID", entry.id), ("MIMETYPE", entry.mediaType), ("SIZE", String(entry.size)), ("CREATED", created),
                                   ("CHECKSUM", entry.sha256), ("CHECKSUMTYPE", "SHA-256"),
                                   ("DMDID", "dmd-\(PackagedDocument.key(document.ordinal))"),
                                   ("ADMID", "history-\(PackagedDocument.key(document.ordinal))")])
                xml.element("FLocat", nil, [("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", entry.path)])
                xml.end()
                try xml.flush(to: sink)
            }
            xml.end()
        }
        xml.end()
        xml.start("structMap", [("ID", "structure"), ("TYPE", "PHYSICAL"), ("LABEL", "CSIP")])
        xml.start("div", [("ID", "package"), ("LABEL", info.identifier)])
        xml.element("div", nil, [("ID", "metadata"), ("LABEL", "Metadata"), ("ADMID", "premis")])
        for (group, file) in [(PackageLayout.pdfGroup, \PackagedDocument.pdf), (PackageLayout.nativeGroup, \PackagedDocument.native)] {
            xml.start("div", [("LABEL", group)])
            for document in documents {
                let key = PackagedDocument.key(document.ordinal)
                xml.start("div", [("ID", "\(group == PackageLayout.pdfGroup ? "pdf" : "native")-doc-\(key)"), ("ORDER", String(document.ordinal)),
                                  ("LABEL", document.notation), ("DMDID", "dmd-\(key)"), ("ADMID", "history-\(key)")])
                xml.element("fptr", nil, [("FILEID", document[keyPath: file].id)])
                xml.end()
                try xml.flush(to: sink)
            }
            xml.end()
        }
        xml.end()
        xml.end()
        xml.end()
        try xml.flush(to: sink, force: true)
    }

    /// An mdRef to a metadata file of the package with its size and SHA-256.
    private func reference(_ file: PackagedFile, type: (String, String?), in xml: inout XMLText) {
        xml.element("mdRef", nil, [
            ("ID", file.id), ("LOCTYPE", "URL"), ("xlink:type", "simple"), ("xlink:href", file.path), ("MDTYPE", type.0),
            ("OTHERMDTYPE", type.1), ("MIMETYPE", file.mediaType), ("SIZE", String(file.size)),
            ("CREATED", VietnamTime.iso8601(info.createdAt)), ("CHECKSUM", file.sha256), ("CHECKSUMTYPE", "SHA-256"),
        ])
    }
}
