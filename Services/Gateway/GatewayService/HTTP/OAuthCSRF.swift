import Foundation
import Hummingbird

/// CSRF protection for the login and device forms: a double-submit token. The page sets a random value in an
/// HttpOnly, SameSite=Strict cookie and repeats it in a hidden field; a POST is accepted only when the two match
/// (a cross-site form cannot read or set the cookie).
struct OAuthCSRF: Sendable {
    static let cookieName = "berth_csrf"
    /// `Secure` cookies on an https listener.
    let secure: Bool

    /// The token to put in the form: the request's cookie when it has one, else a fresh one (set it with `cookie`).
    func token(for request: Request) -> (value: String, isNew: Bool) {
        if let existing = request.cookies[Self.cookieName]?.value, existing.count == 43 { return (existing, false) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let value = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (value, true)
    }

    func cookie(_ value: String) -> Cookie {
        Cookie(name: Self.cookieName, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether the form's `csrf` field matches the cookie (compared in constant time).
    func accepts(_ request: Request, form: OAuthForm) -> Bool {
        guard let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty else { return false }
        let a = Array(cookie.utf8)
        let b = Array(form["csrf"].utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
