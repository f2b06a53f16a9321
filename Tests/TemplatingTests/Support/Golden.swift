import TestSupport
import Foundation
import OfficeZip
import Testing
@testable import Templating

/// Golden outputs: each case's rendered package is compared entry by entry with files under Tests/TemplatingTests/Golden,
/// XML after canonicalisation, with a line diff on failure. `VANBAN_UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
    static let directory = repositoryRoot.appendingPathComponent("Tests/TemplatingTests/Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["VANBAN_UPDATE_GOLDEN"] == "1" }

    /// Compares (or records) a rendered package. Entries unchanged from the template are compared with the template;
    /// changed and new entries with their golden file; `entries.txt` pins the list and order of entries.
    static func check(case name: String, template: [UInt8], output: [UInt8]) throws {
        let folder = directory.appendingPathComponent(name)
        let source = try ZipArchive(bytes: template)
        let rendered = try ZipArchive(bytes: output)
        var listing: [String] = []
        var changed: [(String, [UInt8])] = []
        for entry in rendered.entries {
            let bytes = try rendered.contents(of: entry)
            let original = try source.entry(named: entry.name).map { try source.contents(of: $0) }
            listing.append(entry.name + (entry.method == 0 ? " stored" : " deflated"))
            if original != bytes { changed.append((entry.name, normalized(bytes, name: entry.name))) }
        }
        let listingText = listing.joined(separator: "\n") + "\n"
        if updating {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(listingText.utf8).write(to: folder.appendingPathComponent("entries.txt"))
            for (entryName, bytes) in changed {
                let url = folder.appendingPathComponent(fileName(entryName))
                try Data(bytes).write(to: url)
            }
            return
        }
        let expectedListing = try String(contentsOf: folder.appendingPathComponent("entries.txt"), encoding: .utf8)
        #expect(listingText == expectedListing, "entries of \(name) differ:\n\(diff(expectedListing, listingText))")
        let goldenFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "entries.txt" }.sorted()
        #expect(goldenFiles == changed.map { fileName($0.0) }.sorted(), "changed entries of \(name)")
        for (entryName, bytes) in changed {
            let url = folder.appendingPathComponent(fileName(entryName))
            guard let expected = try? [UInt8](Data(contentsOf: url)) else {
                Issue.record("\(name): no golden file for changed entry \(entryName)")
                continue
            }
            if expected != bytes {
                Issue.record("\(name): \(entryName) differs from its golden file\n\(diff(String(decoding: expected, as: UTF8.self), String(decoding: bytes, as: UTF8.self)))")
            }
        }
    }

    /// XML entries canonicalised and broken into one element per line, so diffs read well; others as they are.
    static func normalized(_ bytes: [UInt8], name: String) -> [UInt8] {
        guard name.hasSuffix(".xml") || name.hasSuffix(".rels"), let canonical = XMLCanonicalization.canonicalize(bytes) else { return bytes }
        return Array(String(decoding: canonical, as: UTF8.self).replacingOccurrences(of: "><", with: ">\n<").utf8) + [0x0A]
    }

    private static func fileName(_ entry: String) -> String {
        entry.replacingOccurrences(of: "/", with: "__")
    }

    /// A short unified-style diff: the first differing region with three lines of context.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var start = 0
        while start < min(a.count, b.count), a[start] == b[start] { start += 1 }
        var endA = a.count, endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] { endA -= 1; endB -= 1 }
        var lines = ["@@ line \(start + 1) @@"]
        lines += a[max(0, start - 3)..<start].map { "  " + $0 }
        lines += a[start..<min(endA, start + 20)].map { "- " + $0 }
        lines += b[start..<min(endB, start + 20)].map { "+ " + $0 }
        lines += a[endA..<min(a.count, endA + 3)].map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
