public import EmporiumCore
import HummingbirdBcrypt
import NIOPosix

/// bcrypt at cost 12 (OWASP ASVS 5 asks for at least 10). Hashing takes about a quarter of a second of CPU, so it
/// runs on NIO's blocking thread pool, never on the cooperative pool that serves requests.
public struct BcryptPasswordHasher: PasswordHashing {
    /// The work factor: 2^cost rounds.
    public let cost: UInt8

    /// Creates a hasher.
    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
