import BerthRPC
import BerthRuntime

/// A `TokenVerifier` with a fixed table of tokens, for services tested without berth-identity: a token in the
/// table verifies as its person, any other is refused as identity would refuse a forged one.
public struct StaticTokenVerifier: TokenVerifier {
    public let people: [String: IdentityV1.VerifyTokenResponse]

    public init(_ people: [String: IdentityV1.VerifyTokenResponse]) {
        self.people = people
    }

    /// A person's entry: `username` is also their subject with a `sub-` prefix (never the username itself).
    public static func person(_ username: String, groups: [String] = []) -> IdentityV1.VerifyTokenResponse {
        IdentityV1.VerifyTokenResponse(
            subject: "sub-\(username)", username: username, groups: groups, expiresAtUnix: 4_102_444_800)
    }

    public func verify(_ token: String) async throws(RPCClientError) -> IdentityV1.VerifyTokenResponse {
        guard let person = people[token] else {
            throw RPCClientError(code: .unauthenticated, message: "token signature does not verify")
        }
        return person
    }
}
