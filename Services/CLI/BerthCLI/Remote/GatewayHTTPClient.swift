import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// HTTP(S) to the Berth gateway, for every call the CLI makes away from the sockets (login, token refresh, the
/// RPC relay). It trusts the system's CAs plus `caFile` (`--server-ca`, `BERTH_SERVER_CA`, or the one the login
/// used): a gateway on the self-signed certificate `berth admin init` makes is reached by passing that
/// certificate. AsyncHTTPClient, because Foundation's URLSession on Linux cannot be given a CA file.
struct GatewayHTTPClient: Sendable {
    /// The Berth server (`gateway.publicURL`), without a trailing slash.
    let server: String
    let caFile: String?

    init(server: String, caFile: String?) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.caFile = caFile.flatMap { $0.isEmpty ? nil : $0 }
    }

    struct Answer: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
    }

    /// The largest answer read (the biggest RPC answers are audit pages, well under this).
    static let maxAnswerBytes = 64 * 1024 * 1024

    /// Sends one request and reads the whole answer. Unreachable servers and TLS failures become
    /// `GatewayUnreachable`, which says what to check.
    func send(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Duration = .seconds(30)
    ) async throws(GatewayUnreachable) -> Answer {
        let client: HTTPClient
        do {
            client = try makeClient()
        } catch {
            throw GatewayUnreachable(server: server, why: "cannot use --server-ca \(caFile ?? ""): \(error)")
        }
        let result: Result<Answer, GatewayUnreachable>
        do {
            var request = HTTPClientRequest(url: server + path)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let response = try await client.execute(request, timeout: .milliseconds(Int64(timeout / .milliseconds(1))))
            let bytes = try await response.body.collect(upTo: Self.maxAnswerBytes)
            result = .success(Answer(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView)))
        } catch {
            result = .failure(GatewayUnreachable(server: server, why: Self.describe(error)))
        }
        try? await client.shutdown()
        return try result.get()
    }

    private func makeClient() throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile { tls.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMFile(caFile))] }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    static func describe(_ error: any Error) -> String {
        if let tls = error as? NIOSSLError { return "TLS failed (\(tls)): pass the gateway's CA with --server-ca FILE" }
        if "\(error)".contains("handshake") || "\(error)".contains("certificate") {
            return "TLS failed (\(error)): pass the gateway's CA with --server-ca FILE"
        }
        return "\(error)"
    }
}

/// The gateway could not be reached or spoke no HTTP we understand.
struct GatewayUnreachable: Error, CustomStringConvertible {
    let server: String
    let why: String

    var description: String { "cannot reach \(server): \(why): check --server and that berth-gateway runs" }
}
