import Crypto
import Foundation

/// SHA-256 as stored and printed: lower-case hex.
public enum SHA256Hex {
    public static func digest(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
