import Synchronization

/// A hash of a random password, made once, that a sign-in for an unknown address is checked against, so it
/// costs the same time as a wrong password for a real account.
final class DecoyPasswordHash: Sendable {
    private let hash = Mutex<String?>(nil)

    /// The hash, made with `hasher` on first use.
    func value(using hasher: any PasswordHashing) async throws -> String {
        if let made = hash.withLock({ $0 }) { return made }
        let made = try await hasher.hash(SecretToken.generate())
        hash.withLock { $0 = $0 ?? made }
        return made
    }
}
