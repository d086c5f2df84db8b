import Foundation

/// `gateway.listen` parsed: scheme, host and port. The config validator already refused plain HTTP on a
/// non-loopback address; this type only splits the URL.
struct GatewayListenAddress: Sendable, Equatable {
    let host: String
    let port: Int
    let url: String
    /// `https://`: the listener serves TLS with `gateway.tls.certFile`/`keyFile`.
    let isTLS: Bool

    init(_ url: String) throws {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
            components.scheme == "http" || components.scheme == "https"
        else {
            throw GatewayError(message: "gateway.listen: \"\(url)\" is not an http(s)://host:port URL")
        }
        self.host = host
        self.port = components.port ?? (components.scheme == "https" ? 443 : 80)
        self.url = url
        self.isTLS = components.scheme == "https"
    }
}

/// The gateway's error: what went wrong and what to do.
struct GatewayError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
