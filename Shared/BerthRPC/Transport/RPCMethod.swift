/// One unary RPC of a service: its gRPC name, the access it needs and the largest request it accepts.
///
/// Declared once per method (usually as a `static let` next to the service's contract) and used by both the
/// server (`RPCRouter.unary`) and the client (`UnixRPCClient.unary`), so the two cannot disagree on the path.
public struct RPCMethod<Request: WireMessage, Response: WireMessage>: Sendable, Hashable, CustomStringConvertible {
    /// The default largest request body: 4 MiB, gRPC's usual limit.
    public static var defaultMaxMessageBytes: Int { 4 * 1024 * 1024 }

    /// Fully qualified service name, e.g. `berth.audit.v1.AuditService`.
    public let service: String
    /// Method name, e.g. `Append`.
    public let method: String
    /// What the method does to state; the authorizer decides from this.
    public let access: RPCAccess
    /// The largest request body (bytes) the server accepts for this method; larger ones get `resourceExhausted`.
    public let maxMessageBytes: Int

    public init(
        service: String, method: String, access: RPCAccess, maxMessageBytes: Int = Self.defaultMaxMessageBytes
    ) {
        self.service = service
        self.method = method
        self.access = access
        self.maxMessageBytes = maxMessageBytes
    }

    /// The HTTP/2 path: `/service/method`.
    public var path: String { "/\(service)/\(method)" }

    public var description: String { "\(service)/\(method)" }
}
