import BerthRPC
import Foundation

/// `WakeSpace`, `SleepSpace`, `KeepAwake`, `GetSleepState`: validation, authorization per space, then the engine.
struct ControlHandlers: Sendable {
    let engine: SleepEngine
    let authorizer: any SpaceAuthorizer
    let clock: any Clock<Duration>
    /// `sleep.wakeTimeout`: when the request sets none.
    let defaultWakeTimeout: Duration

    func wake(_ request: SleepV1.WakeSpaceRequest, peer: PeerCredentials, metadata: [String: String]) async throws -> SleepV1.SleepState {
        guard request.timeoutSeconds >= 0 else {
            throw SleepError(code: .invalidArgument, message: "timeout_seconds \(request.timeoutSeconds) is negative: use 0 (default) or seconds")
        }
        let space = try await engine.space(request.space)
        let actor = try await authorizer.authorize(.wake, space: space, peer: peer, metadata: metadata)
        let timeout = request.timeoutSeconds > 0 ? Duration.seconds(request.timeoutSeconds) : defaultWakeTimeout
        let engine = engine
        let clock = clock
        // The wake runs in a child task so the caller gets an answer at the timeout; a wake cut short stays
        // `waking` in sleep.db and the next pass finishes it.
        return try await withThrowingTaskGroup(of: SleepV1.SleepState?.self) { group in
            group.addTask { try await engine.wake(space, by: actor) }
            group.addTask {
                try await clock.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let state = first else {
                throw SleepError(
                    code: .deadlineExceeded,
                    message: "waking space \"\(space.name)\" took longer than \(SleepDecision.short(timeout)): berth-sleep "
                        + "finishes it on its next pass; check with `berth space show \(space.name)`")
            }
            return state
        }
    }

    func sleep(_ request: SleepV1.SleepSpaceRequest, peer: PeerCredentials, metadata: [String: String]) async throws -> SleepV1.SleepState {
        let space = try await engine.space(request.space)
        let actor = try await authorizer.authorize(.sleep, space: space, peer: peer, metadata: metadata)
        return try await engine.sleep(space, by: actor, preventWake: request.preventWake)
    }

    func keepAwake(_ request: SleepV1.KeepAwakeRequest, peer: PeerCredentials, metadata: [String: String]) async throws -> SleepV1.SleepState {
        guard request.untilUnixSeconds > 0 else {
            throw SleepError(code: .invalidArgument, message: "until_unix_seconds is not set: send the time to keep the space awake until")
        }
        let space = try await engine.space(request.space)
        let actor = try await authorizer.authorize(.keepAwake, space: space, peer: peer, metadata: metadata)
        return try await engine.keepAwake(
            space, until: Date(timeIntervalSince1970: TimeInterval(request.untilUnixSeconds)), by: actor)
    }

    func state(_ request: SleepV1.GetSleepStateRequest) async throws -> SleepV1.SleepState {
        try await engine.state(of: try await engine.space(request.space))
    }
}
