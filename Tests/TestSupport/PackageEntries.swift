import Foundation
import OfficeZip

/// The entries of a rendered DOCX or ODT package, for tests that look inside it.
public enum PackageEntries {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// The entry names, in the package's order.
    public static func names(of package: [UInt8]) throws -> [String] { try ZipArchive(bytes: package).entries.map(\.name) }

    /// One entry's bytes.
    public static func bytes(_ name: String, of package: [UInt8]) throws -> [UInt8] {
        let archive = try ZipArchive(bytes: package)
        guard let entry = archive.entry(named: name) else { throw Missing(description: "no entry \(name)") }
        return try archive.contents(of: entry)
    }

    /// One entry as UTF-8 text.
    public static func text(_ name: String, of package: [UInt8]) throws -> String {
        String(decoding: try bytes(name, of: package), as: UTF8.self)
    }
}
