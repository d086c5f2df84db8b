/// Swift mirrors of proto/berth/gateway/v1/gateway.proto (package berth.gateway.v1).
public enum GatewayV1 {
    public struct GetListenersRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.gateway.v1.GetListenersRequest" }
        public init() {}
    }

    public struct Listener: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.gateway.v1.Listener" }
        /// e.g. http://127.0.0.1:7080
        public var url: String
        public var tls: Bool

        public init(url: String = "", tls: Bool = false) {
            self.url = url
            self.tls = tls
        }
    }

    public struct GetListenersResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.gateway.v1.GetListenersResponse" }
        public var listeners: [Listener]

        public init(listeners: [Listener] = []) {
            self.listeners = listeners
        }
    }
}
