/// The pictures of a signed document's signature block: the signer's handwritten signature (blue, transparent PNG)
/// between title and name, and the issuing body's seal (red) over the left third of it (DOMAIN §7). A document
/// without them keeps the blank signature space of its draft.
public struct SignatureArtwork: Sendable, Equatable {
    /// The signer's signature, PNG bytes; nil when the signer has none on file.
    public var signature: [UInt8]?
    /// The issuing body's seal, PNG bytes; nil when the body has none on file.
    public var seal: [UInt8]?

    public init(signature: [UInt8]? = nil, seal: [UInt8]? = nil) {
        self.signature = signature
        self.seal = seal
    }

    /// No pictures: a draft, or a commune with no artwork on file.
    public static let none = SignatureArtwork()
}
