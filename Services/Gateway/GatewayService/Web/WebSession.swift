import BerthCrypto
import BerthModel
import BerthRPC
import BerthRuntime
import Foundation
import Hummingbird

/// A browser's sign-in: the person's Berth ID token in a cookie that scripts cannot read (HttpOnly), that no
/// other site's request carries (SameSite=Strict), sent only over TLS when the gateway serves TLS (Secure). It
/// holds no server state, so a gateway restart signs nobody out, and it ends when the token expires.
struct WebSession: Sendable {
    static let cookieName = "berth_session"
    /// The login form's double-submit CSRF cookie (before there is a session to derive one from).
    static let loginCSRFCookieName = "berth_login_csrf"

    let token: String
    let person: IdentityV1.VerifyTokenResponse

    var username: String { person.username }
    var isAdmin: Bool { person.groups.contains(BerthGroups.admins) }

    /// The CSRF token every state-changing form carries: derived from the session's secret, which another
    /// site can neither read nor guess, so a forged cross-site POST cannot include it.
    var csrfToken: String { Self.csrfToken(for: token) }

    /// The gRPC metadata that makes the services act as the signed-in person (as `VerifiedCaller` does for the API).
    var forwardedMetadata: [String: String] { BearerToken.metadata(forwarding: token) }

    static func csrfToken(for secret: String) -> String {
        ((try? SHA256.digest(Array("berth-web-csrf:".utf8), Array(secret.utf8)))?.hexString ?? "").prefix(32).description
    }

    /// True when `submitted` is this session's CSRF token (constant-time).
    func acceptsCSRF(_ submitted: String?) -> Bool {
        guard let submitted else { return false }
        return ConstantTime.equals(Array(submitted.utf8), Array(csrfToken.utf8))
    }

    /// The request's cookies, name → value.
    static func cookies(of request: Request) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                cookies[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return cookies
    }

    /// A `Set-Cookie` value; `maxAge` 0 deletes the cookie. `sameSite` stays `Strict` except for a cookie that
    /// must come back on a navigation another site started (the SSO sign-in's state).
    static func setCookie(_ name: String, _ value: String, maxAge: Int64, secure: Bool, sameSite: String = "Strict")
        -> String
    {
        "\(name)=\(value); Path=/; Max-Age=\(max(maxAge, 0)); HttpOnly; SameSite=\(sameSite)\(secure ? "; Secure" : "")"
    }
}
