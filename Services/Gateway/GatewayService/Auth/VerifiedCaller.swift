import BerthRPC
import BerthRuntime

/// The person or key behind a request whose bearer token identity verified. It keeps identity's whole answer
/// (`VerifyTokenResponse`), so fields identity adds later (`tokenKind`, `scopes` for access keys) reach the
/// handlers without a change here; and the token itself, because the gateway forwards it to the services,
/// which decide what the caller may do.
struct VerifiedCaller: Sendable, Equatable {
    let token: String
    let claims: IdentityV1.VerifyTokenResponse

    var subject: String { claims.subject }
    var username: String { claims.username }

    /// gRPC metadata that makes a service act for this caller.
    var forwardedMetadata: [String: String] { BearerToken.metadata(forwarding: token) }
}
