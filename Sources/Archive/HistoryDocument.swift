/// A document's audit history as XML (`metadata/preservation/history/…xml`), one `Event` per line of the log.
///
/// XML rather than JSON: every other file of the package is XML (METS, PREMIS, the Decree 30 metadata), so an
/// archive's tools read it with what they already have, METS can type it, and one hardened parser reads it back.
enum HistoryDocument {
    static let namespace = "urn:vanban:archive:history:1"

    static func xml(for item: ArchiveItem) -> [UInt8] {
        var xml = XMLText()
        xml.start("History", [("xmlns", namespace), ("document", item.notation)])
        for event in item.history {
            xml.start("Event")
            xml.element("At", event.at)
            xml.element("User", event.userName, [("id", event.userID)])
            xml.element("Role", event.role)
            xml.element("Action", event.actionName, [("code", event.action)])
            xml.element("From", event.fromState)
            xml.element("To", event.toState)
            xml.element("Comment", event.comment.isEmpty ? nil : event.comment)
            xml.element("VersionSHA256", event.versionSHA256)
            xml.end()
        }
        xml.end()
        return Array(xml.text.utf8)
    }
}
