import Documents

/// Where the pictures of signature blocks come from: each commune's seal and its signers' handwritten signatures.
///
/// `KindFinisher` asks for a commune's artwork when it prepares a version for an action, before the store takes its
/// write lock, and picks the signer's signature at signing. A source without pictures for a commune gives
/// `CommuneArtwork.none`, and the signed document keeps the blank signature space of its draft.
public protocol ArtworkSource: Sendable {
    /// The checked pictures of one commune. Throws `ArtworkError` when a file is there but unusable.
    func artwork(ofCommune communeID: String) throws(ArtworkError) -> CommuneArtwork
}

/// One commune's seal and the signatures of the people who sign for it, each a checked PNG.
public struct CommuneArtwork: Sendable, Equatable {
    /// The issuing body's seal; nil when there is none.
    public let seal: [UInt8]?
    /// Signatures by user name (`chutich`).
    public let signatures: [String: [UInt8]]

    public init(seal: [UInt8]? = nil, signatures: [String: [UInt8]] = [:]) {
        self.seal = seal
        self.signatures = signatures
    }

    /// No pictures.
    public static let none = CommuneArtwork()

    /// The signature block of a document `userID` signs: their signature, when they have one, and the seal.
    public func signed(by userID: String) -> SignatureArtwork {
        SignatureArtwork(signature: signatures[userID], seal: seal)
    }
}

/// A picture file that cannot go into a signed document, with the file and the reason, in Vietnamese.
public struct ArtworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at fault.
    public let path: String
    /// Why, ending with what to do.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "Ảnh \(path) không dùng được: \(reason)" }
}
