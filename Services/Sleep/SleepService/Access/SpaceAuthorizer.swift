import BerthRPC

/// What a caller wants to do to a space.
enum SpaceOperation: String, Sendable {
    case wake, sleep, keepAwake = "keep-awake"
}

/// Decides whether the caller of a manual transition may do it to this space, and who they are (for audit and
/// for prevent-wake, which only an owner or admin may override).
///
/// Contract: returns the caller when allowed; throws `SleepError` `.permissionDenied` when the caller may not touch
/// the space, `.unauthenticated` when a bearer token was refused, `.notFound` when the space does not exist (or the
/// caller may not see it: the two are not told apart), `.unavailable` when the deciding service is unreachable.
protocol SpaceAuthorizer: Sendable {
    func authorize(
        _ operation: SpaceOperation, space: DirectorySpace, peer: PeerCredentials, metadata: [String: String]
    ) async throws -> SleepActor
}
