import Crypto
public import EmporiumCore

/// SHA-256 as hex: refresh and reset tokens are 256 random bits, so a plain hash is as strong as a slow one.
public struct SHA256Digests: SecretDigesting {
    /// Creates the digester.
    public init() {}

    public func digest(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }
}
