/// What `buildApplication` needs to know, assembled in `main` from flags, environment and defaults.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The running build's version, reported by `/` and `emporium_build_info`.
    public var version: String

    public init(host: String = "127.0.0.1", port: Int = 8080, version: String = EmporiumVersion.current) {
        self.host = host
        self.port = port
        self.version = version
    }
}

/// The version of this build.
public enum EmporiumVersion {
    public static let current = "0.1.0"
}
