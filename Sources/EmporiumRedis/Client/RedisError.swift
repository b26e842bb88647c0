/// What went wrong talking to Redis. Equality compares the code only.
public struct RedisError: Error, Hashable, CustomStringConvertible {
    /// The kind of failure; the message says the rest.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String {
            case invalidURL = "invalid_url"
            case connectionFailed = "connection_failed"
            case connectionLost = "connection_lost"
            case timeout
            case server
            case protocolViolation = "protocol_violation"
            case unavailable
        }

        private let base: Base

        /// The Redis URL could not be read.
        public static let invalidURL = Code(base: .invalidURL)
        /// No connection could be opened (refused, unreachable, authentication or database selection failed).
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The connection broke while a command was in flight; whether the server ran it is unknown.
        public static let connectionLost = Code(base: .connectionLost)
        /// The server did not answer within the command timeout.
        public static let timeout = Code(base: .timeout)
        /// Redis answered with an error reply (`WRONGTYPE …`, `ERR …`); the message is its text.
        public static let server = Code(base: .server)
        /// The answer was not RESP2 as expected.
        public static let protocolViolation = Code(base: .protocolViolation)
        /// The client is shut down, or backing off after failed connection attempts.
        public static let unavailable = Code(base: .unavailable)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "redis \(code): \(message)" }

    public static func == (lhs: RedisError, rhs: RedisError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
