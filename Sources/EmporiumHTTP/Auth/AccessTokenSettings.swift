/// How access tokens are signed and checked: HS256 with one named key, a fixed issuer and audience.
public struct AccessTokenSettings: Sendable {
    /// The fewest secret bytes accepted: as many as the SHA-256 output (RFC 7518 §3.2).
    public static let minimumSecretBytes = 32

    /// The HMAC key. `main` reads it from `EMPORIUM_JWT_SECRET`; the default is random per process, so tokens
    /// do not survive a restart and do not work across replicas.
    public var secret: [UInt8]
    /// The key id in every token's header; a token naming another key is refused.
    public var keyID: String
    public var issuer: String
    public var audience: String
    /// How long an access token is valid: 15 minutes.
    public var lifetime: Duration

    /// Creates the settings.
    public init(
        secret: [UInt8] = AccessTokenSettings.randomSecret(),
        keyID: String = "emporium-1",
        issuer: String = "emporium",
        audience: String = "emporium-api",
        lifetime: Duration = .seconds(15 * 60)
    ) {
        self.secret = secret
        self.keyID = keyID
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
    }

    /// 32 bytes from the system's secure generator.
    public static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<minimumSecretBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
