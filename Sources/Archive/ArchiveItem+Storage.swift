import Storage

extension ArchiveItem {
    /// The item for a signed document from the store's records: its register entry, its audit log, the
    /// signed PDF with the SHA-256 recorded at signing and the signed native version. The register holds the signer's
    /// name only, so the signer's position (“Chủ tịch”) and the issuing body come from the caller, as does the page
    /// count of the PDF.
    public init(register: RegisterEntry, audit: [AuditEntry], pdf: [UInt8], pdfSHA256: String,
                native: VersionRecord, organ: Organ, signerPosition: String, pageCount: Int) {
        self.init(
            number: register.number, notation: register.notation, issuedOn: register.issuedOn,
            typeName: register.details.typeName, subject: register.details.subject, organ: organ,
            signer: SignerInfo(position: signerPosition, fullName: register.details.signer),
            // “Lưu: VT, VHXH” names the file copies kept at home (the register's fileUnit), not an addressee.
            recipients: register.details.recipients.filter { !$0.hasPrefix("Lưu:") && !$0.hasPrefix("Lưu ") }.map { Organ(name: $0) },
            pageCount: pageCount,
            signedPDF: pdf, signedPDFSHA256: pdfSHA256, native: NativeFile(bytes: Array(native.bytes), format: native.format),
            history: audit.map { entry in
                HistoryEvent(at: entry.at, userID: entry.userID, userName: entry.userName, role: entry.role.vietnameseName,
                             action: entry.action, actionName: entry.actionName, fromState: entry.fromState, toState: entry.toState,
                             comment: entry.comment, versionSHA256: entry.versionSHA256)
            })
    }
}
