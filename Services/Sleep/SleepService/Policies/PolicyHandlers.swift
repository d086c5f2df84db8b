import BerthModel
import BerthRPC

/// The policy RPCs: validation on top of a `PolicyStore`.
struct PolicyHandlers: Sendable {
    let store: any PolicyStore

    func set(_ request: SleepV1.SetPolicyRequest) async throws -> SleepV1.SpacePolicy {
        guard let policy = request.policy else {
            throw SleepError(code: .invalidArgument, message: "SetPolicy needs a policy: set policy.space")
        }
        let space = try Self.validSpace(policy.space)
        guard policy.sleepAfterSeconds >= 0 else {
            throw SleepError(
                code: .invalidArgument,
                message: "sleep_after_seconds \(policy.sleepAfterSeconds) is negative: use 0 (never) or a duration")
        }
        try await store.set(space: space, sleepAfterSeconds: policy.sleepAfterSeconds)
        return SleepV1.SpacePolicy(space: space, sleepAfterSeconds: policy.sleepAfterSeconds)
    }

    func get(_ request: SleepV1.GetPolicyRequest) async throws -> SleepV1.SpacePolicy {
        let space = try Self.validSpace(request.space)
        guard let seconds = try await store.get(space: space) else {
            throw SleepError(code: .notFound, message: "space \"\(space)\" has no sleep policy: set one with SetPolicy")
        }
        return SleepV1.SpacePolicy(space: space, sleepAfterSeconds: seconds)
    }

    static func validSpace(_ name: String) throws -> String {
        do {
            return try DNSLabel(name, kind: "space name").rawValue
        } catch {
            throw SleepError(code: .invalidArgument, message: error.message)
        }
    }
}
