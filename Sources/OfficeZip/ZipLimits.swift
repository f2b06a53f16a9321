/// Bounds that keep reading an uploaded package cheap in time and memory, whatever its headers claim.
public struct ZipLimits: Sendable {
    /// Largest accepted archive file, in bytes.
    public var maxArchiveBytes: Int
    /// Largest accepted number of central-directory entries.
    public var maxEntries: Int
    /// Largest declared uncompressed size of a single entry, in bytes.
    public var maxEntryUncompressedBytes: Int
    /// Largest sum of the declared uncompressed sizes of all entries, in bytes.
    public var maxTotalUncompressedBytes: Int
    /// Largest uncompressed-to-compressed ratio accepted for entries above ``ratioThresholdBytes``.
    public var maxCompressionRatio: Int

    /// Entries at or below this size are exempt from the ratio check: small XML parts legitimately compress very well.
    static let ratioThresholdBytes = 1 << 20

    /// Creates limits; every parameter defaults to a value generous enough for real office documents.
    public init(
        maxArchiveBytes: Int = 100 << 20,
        maxEntries: Int = 5_000,
        maxEntryUncompressedBytes: Int = 256 << 20,
        maxTotalUncompressedBytes: Int = 512 << 20,
        maxCompressionRatio: Int = 200
    ) {
        self.maxArchiveBytes = maxArchiveBytes
        self.maxEntries = maxEntries
        self.maxEntryUncompressedBytes = maxEntryUncompressedBytes
        self.maxTotalUncompressedBytes = maxTotalUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
    }

    /// The defaults: 100 MiB archive, 5 000 entries, 256 MiB per entry, 512 MiB in total, ratio 200 above 1 MiB.
    public static let `default` = ZipLimits()
}
