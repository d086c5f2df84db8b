/// The server side of the transport failed to start, run or stop: the socket path, peer credentials, a message
/// that would not encode or decode.
///
/// A struct wrapping a private enum (the swift-service-lifecycle `ServiceGroupError` pattern): adding a case
/// breaks no caller that switches on `code`. Client calls fail with `RPCClientError` instead.
public struct RPCTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case socketPath, alreadyRunning, peerCredentials, encoding, decoding, messageTooLarge
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The socket path or its directory cannot be used (too long, not a socket, no permission).
        public static let socketPath = Code(.socketPath)
        /// Another live server already answers on the socket path.
        public static let alreadyRunning = Code(.alreadyRunning)
        /// The peer credentials of a connection could not be read or parsed.
        public static let peerCredentials = Code(.peerCredentials)
        /// A message could not be encoded.
        public static let encoding = Code(.encoding)
        /// A message could not be decoded.
        public static let decoding = Code(.decoding)
        /// A message is larger than the limit.
        public static let messageTooLarge = Code(.messageTooLarge)

        public var description: String { base.rawValue }
    }

    public let code: Code
    public let message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
