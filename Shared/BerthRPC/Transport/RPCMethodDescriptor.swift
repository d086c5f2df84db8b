/// An `RPCMethod` without its message types: what the authorizer, the call context and logs need.
public struct RPCMethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    public let service: String
    public let method: String
    public let access: RPCAccess

    public init(service: String, method: String, access: RPCAccess) {
        self.service = service
        self.method = method
        self.access = access
    }

    public var description: String { "\(service)/\(method)" }
}

extension RPCMethod {
    public var descriptor: RPCMethodDescriptor {
        RPCMethodDescriptor(service: service, method: method, access: access)
    }
}
