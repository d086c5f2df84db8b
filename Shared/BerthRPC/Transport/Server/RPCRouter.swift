import GRPCCore

/// The unary handlers a server serves, keyed by method.
///
/// Build one per service (`var router = RPCRouter(); router.unary(Method.get) { request, call in … }`), then
/// hand it to `UnixRPCServer`. Registering the same method twice keeps the last handler.
///
/// Note: GRPCCore also has a type named `RPCRouter`; in a file that imports both, write `BerthRPC.RPCRouter`.
public struct RPCRouter: Sendable {
    var routes: [String: any RPCRoute] = [:]

    public init() {}

    /// Registers the handler for a unary method.
    ///
    /// The handler runs only after the authorizer allowed the caller for `method.access`. Throw an
    /// `RPCStatusConvertible` error to choose the status the caller sees; any other error becomes `internal`
    /// with the request id, and is logged, never echoed.
    public mutating func unary<Request, Response>(
        _ method: RPCMethod<Request, Response>,
        handler: @escaping @Sendable (Request, RPCCallContext) async throws -> Response
    ) {
        routes[method.path] = UnaryRoute(method: method, handler: handler)
    }

    /// The methods registered so far.
    public var methods: [RPCMethodDescriptor] { routes.values.map(\.descriptor).sorted { $0.description < $1.description } }
}

/// One registered method, able to register itself with grpc-swift's router for any transport.
protocol RPCRoute: Sendable {
    var descriptor: RPCMethodDescriptor { get }
    func register<Transport: ServerTransport>(
        into router: inout GRPCCore.RPCRouter<Transport>, dispatcher: RPCDispatcher)
}

struct UnaryRoute<Request: WireMessage, Response: WireMessage>: RPCRoute {
    let method: RPCMethod<Request, Response>
    let handler: @Sendable (Request, RPCCallContext) async throws -> Response

    var descriptor: RPCMethodDescriptor { method.descriptor }

    func register<Transport: ServerTransport>(
        into router: inout GRPCCore.RPCRouter<Transport>, dispatcher: RPCDispatcher
    ) {
        let method = self.method
        let handler = self.handler
        router.registerHandler(
            forMethod: MethodDescriptor(fullyQualifiedService: method.service, method: method.method),
            deserializer: WireDeserializer<Request>(
                maxBytes: min(method.maxMessageBytes, dispatcher.limits.maxMessageBytes),
                what: "\(method) request"),
            serializer: WireSerializer<Response>()
        ) { streamingRequest, context in
            let request = try await ServerRequest(stream: streamingRequest)
            let response = try await dispatcher.dispatch(
                method.descriptor, request: request.message, metadata: request.metadata, context: context,
                handler: handler)
            return StreamingServerResponse(single: ServerResponse(message: response))
        }
    }
}
