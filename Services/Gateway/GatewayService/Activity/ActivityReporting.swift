import BerthRPC
import Logging

/// Where the gateway reports space activity (berth-sleep's `RecordActivity`).
///
/// Contract: best effort. `report` never throws and never waits longer than its deadline; a failure is logged
/// (one line per failed report) and the activities are dropped — the next request in the space reports again.
/// Activity must never fail or hold up the request it was derived from.
protocol ActivityReporting: Sendable {
    func report(_ activities: [SleepV1.Activity]) async
}

/// `ActivityReporting` over berth-sleep's socket.
struct SleepActivityReporter: ActivityReporting {
    let client: UnixRPCClient
    let logger: Logger

    /// - Parameter socketPath: berth-sleep's socket (`BerthPaths.socketPath(for: .sleep)`). Connecting is not
    ///   retried and a call waits at most `deadline`: a sleep outage costs the webhook little.
    init(socketPath: String, deadline: Duration = .seconds(1), logger: Logger) {
        client = UnixRPCClient(socketPath: socketPath, defaultDeadline: deadline, connectRetry: .zero)
        self.logger = logger
    }

    func report(_ activities: [SleepV1.Activity]) async {
        guard !activities.isEmpty else { return }
        do {
            _ = try await client.unary(SleepV1.recordActivity, SleepV1.RecordActivityRequest(activities: activities))
        } catch {
            logger.warning(
                "cannot report space activity to berth-sleep; dropped (best effort)",
                metadata: ["activities": "\(activities.count)", "error": "\(error)"])
        }
    }
}
