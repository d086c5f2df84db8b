/// The five Berth services the supervisor runs, in start order (audit first, gateway last).
///
/// Everything that names a service (socket files, executables, database files, logger labels) derives the
/// name from here, so there is one spelling of each.
public enum ServiceName: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case audit
    case identity
    case tenancy
    case sleep
    case gateway

    /// Start order: each service starts only after the previous one is serving; stop is the reverse.
    public static let startOrder: [ServiceName] = [.audit, .identity, .tenancy, .sleep, .gateway]

    /// The executable's file name, e.g. `berth-audit`.
    public var executableName: String { "berth-\(rawValue)" }

    /// The socket's file name inside the runtime directory, e.g. `audit.sock`.
    public var socketFileName: String { "\(rawValue).sock" }

    /// The database's file name inside the state directory, or nil for the gateway (it owns no data).
    public var databaseFileName: String? { self == .gateway ? nil : "\(rawValue).db" }

    /// The swift-log label, e.g. `berth.audit`.
    public var loggerLabel: String { "berth.\(rawValue)" }

    /// The fully qualified gRPC service names this service serves (besides `grpc.health.v1.Health`).
    public var rpcServiceName: String {
        switch self {
        case .audit: "berth.audit.v1.Audit"
        case .identity: "berth.identity.v1.Identity"
        case .tenancy: "berth.tenancy.v1.Tenancy"
        case .sleep: "berth.sleep.v1.Sleep"
        case .gateway: "berth.gateway.v1.Gateway"
        }
    }

    /// Position in `startOrder`.
    public var startIndex: Int {
        switch self {
        case .audit: 0
        case .identity: 1
        case .tenancy: 2
        case .sleep: 3
        case .gateway: 4
        }
    }

    public static func < (lhs: ServiceName, rhs: ServiceName) -> Bool { lhs.startIndex < rhs.startIndex }
}

/// The supervisor's own socket name, for `berthd status`.
public let supervisorSocketFileName = "berthd.sock"
