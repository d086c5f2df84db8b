import HTTPTypes
import Hummingbird

/// Headers every response carries: no sniffing, no framing, no referrer leaks, no caching of API answers; HSTS
/// when the listener is TLS (a plain-HTTP answer must not pin HTTPS for a loopback name); a strict
/// Content-Security-Policy on HTML (the login pages and the web UI render server-side, with no inline script).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// True on an `https://` listener.
    let tls: Bool

    init(tls: Bool = false) {
        self.tls = tls
    }

    static var headers: [(HTTPField.Name, String)] {
        [
            ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ].compactMap { name, value in HTTPField.Name(name).map { ($0, value) } }
    }

    static var htmlPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }
    /// Non-HTML answers are never rendered by a browser, but the policy still forbids framing them.
    static var defaultPolicy: String { "default-src 'none'; frame-ancestors 'none'" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        for (name, value) in Self.headers where response.headers[name] == nil { response.headers[name] = value }
        if response.headers[.contentSecurityPolicy] == nil {
            let html = response.headers[.contentType]?.lowercased().hasPrefix("text/html") ?? false
            response.headers[.contentSecurityPolicy] = html ? Self.htmlPolicy : Self.defaultPolicy
        }
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
