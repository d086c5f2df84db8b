import BerthRPC

/// `AuditEventSink` over berth-audit's socket (`AuditV1.append`).
///
/// Connecting is not retried: a missing or refusing socket fails at once with `.unreachable`, so that a service
/// whose audit is restarting spools without making its callers wait.
public final class RPCAuditSink: AuditEventSink {
    private let client: UnixRPCClient

    /// - Parameter socketPath: berth-audit's socket (`BerthPaths.socketPath(for: .audit)`).
    public init(socketPath: String) {
        client = UnixRPCClient(socketPath: socketPath, defaultDeadline: .seconds(2), connectRetry: .zero)
    }

    public func append(_ events: [AuditV1.Event], timeout: Duration) async throws(AuditClientError) {
        do {
            _ = try await client.unary(AuditV1.append, AuditV1.AppendRequest(events: events), deadline: timeout)
        } catch {
            throw Self.classify(error)
        }
    }

    /// Stops the underlying client; calls in flight finish.
    public func close() async {
        await client.close()
    }

    /// Which failures mean "maybe not stored, try again later" and which mean "audit said no".
    static func classify(_ error: RPCClientError) -> AuditClientError {
        switch error.code {
        case .invalidArgument, .resourceExhausted, .failedPrecondition, .permissionDenied, .unauthenticated,
            .unimplemented:
            return AuditClientError(code: .rejected, message: "berth-audit refused the events: \(error.message)")
        default:
            return AuditClientError(code: .unreachable, message: error.message)
        }
    }
}
