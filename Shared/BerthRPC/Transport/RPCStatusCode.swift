/// A gRPC status code (the 17 canonical codes), without making callers import GRPCCore.
///
/// A struct rather than an enum so that the set can grow without breaking a caller's `switch`.
public struct RPCStatusCode: Hashable, Sendable, CustomStringConvertible {
    /// The code's number on the wire (`grpc-status`).
    public let rawValue: Int
    private let name: String

    private init(_ rawValue: Int, _ name: String) {
        self.rawValue = rawValue
        self.name = name
    }

    public static let ok = RPCStatusCode(0, "ok")
    public static let cancelled = RPCStatusCode(1, "cancelled")
    public static let unknown = RPCStatusCode(2, "unknown")
    public static let invalidArgument = RPCStatusCode(3, "invalidArgument")
    public static let deadlineExceeded = RPCStatusCode(4, "deadlineExceeded")
    public static let notFound = RPCStatusCode(5, "notFound")
    public static let alreadyExists = RPCStatusCode(6, "alreadyExists")
    public static let permissionDenied = RPCStatusCode(7, "permissionDenied")
    public static let resourceExhausted = RPCStatusCode(8, "resourceExhausted")
    public static let failedPrecondition = RPCStatusCode(9, "failedPrecondition")
    public static let aborted = RPCStatusCode(10, "aborted")
    public static let outOfRange = RPCStatusCode(11, "outOfRange")
    public static let unimplemented = RPCStatusCode(12, "unimplemented")
    public static let `internal` = RPCStatusCode(13, "internal")
    public static let unavailable = RPCStatusCode(14, "unavailable")
    public static let dataLoss = RPCStatusCode(15, "dataLoss")
    public static let unauthenticated = RPCStatusCode(16, "unauthenticated")

    private static let all: [RPCStatusCode] = [
        .ok, .cancelled, .unknown, .invalidArgument, .deadlineExceeded, .notFound, .alreadyExists,
        .permissionDenied, .resourceExhausted, .failedPrecondition, .aborted, .outOfRange, .unimplemented,
        .internal, .unavailable, .dataLoss, .unauthenticated,
    ]

    /// The code with this wire number; unknown numbers become `.unknown` (as gRPC specifies).
    public init(rawValue: Int) {
        self = Self.all.first { $0.rawValue == rawValue } ?? .unknown
    }

    public var description: String { name }

    public static func == (lhs: RPCStatusCode, rhs: RPCStatusCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
