import AuditService
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import Synchronization
import SleepService
import TenancyService
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Unix seconds that a test moves by hand (identity's clock: tokens expire when the test says).
final class ManualUnixClock: Sendable {
    private let value: Mutex<Int64>
    init(_ start: Int64) { value = Mutex(start) }
    var now: Int64 { value.withLock { $0 } }
    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
    var function: @Sendable () -> Int64 { { self.now } }
}

/// An HTTP answer as the tests look at it.
struct HTTPAnswer: Sendable {
    let status: Int
    let headers: [String: String]
    let body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: body) as? [String: Any], text)
    }

    /// Checks the RFC 9457 shape and returns the problem's `code`.
    func problemCode(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        XCTAssertEqual(header("Content-Type"), "application/problem+json", file: file, line: line)
        let object = try json()
        for key in ["type", "title", "detail", "code", "requestId"] {
            XCTAssertNotNil(object[key] as? String, "problem has \(key): \(text)", file: file, line: line)
        }
        XCTAssertEqual(object["status"] as? Int, status, file: file, line: line)
        XCTAssertEqual(object["requestId"] as? String, header("X-Request-Id"), file: file, line: line)
        return object["code"] as? String ?? ""
    }
}

/// berth-audit, berth-identity, berth-tenancy (on the fake Kubernetes API) and berth-gateway in-process on
/// temporary sockets, the gateway on a free loopback port: what the REST API tests drive over real HTTP.
struct GatewayAPIHarness: Sendable {
    static let password = "gateway-api-test-password"
    let port: Int
    let env: TestEnvironment
    let identityClock: ManualUnixClock

    static func run(
        options: GatewayOptions = GatewayOptions(), verifier: (any TokenVerifier)? = nil, identityClock: ManualUnixClock = ManualUnixClock(Int64(Date().timeIntervalSince1970)),
        _ body: @Sendable (GatewayAPIHarness) async throws -> Void
    ) async throws {
        try await FakeKubernetesAPI.withRunning { api in
            let root = try TemporaryDirectory(prefix: "gwapi")
            defer { root.remove() }
            let kubeconfig = root.appending("kubeconfig")
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let passwordFile = root.appending("admin-password")
            try "\(password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
            let port = try LoopbackPort.free()
            let env = try TestEnvironment {
                $0.gateway.listen = "http://127.0.0.1:\(port)"
                $0.admin.bootstrapPasswordFile = passwordFile
                $0.identity.clientIDs = "berth-cli"
                $0.tenancy.kubeconfig = kubeconfig
                $0.tenancy.clusterName = "main"
            }
            defer { env.remove() }
            let logger = Logger(label: "test.gateway-api")
            let harness = GatewayAPIHarness(port: port, env: env, identityClock: identityClock)
            try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
                try await withRunningService(
                    try IdentityService.build(config: env.config, logger: logger, now: identityClock.function), in: env
                ) {
                    try await withRunningService(
                        try TenancyService.build(config: env.config, logger: logger, verifier: verifier), in: env
                    ) {
                        var configured = options
                        configured.verifier = configured.verifier ?? verifier
                        let options = configured
                        try await withRunningService(try SleepService.build(config: env.config, logger: logger), in: env) {
                            try await withRunningService(
                                try GatewayService.build(config: env.config, logger: logger, options: options), in: env
                            ) {
                                let up = await eventually { (try? await harness.get("/healthz"))?.status == 200 }
                                XCTAssertTrue(up, "the gateway listens")
                                try await body(harness)
                            }
                        }
                    }
                }
            }
        }
    }

    /// An ID token for the bootstrap admin, for the gateway's audience.
    func adminToken() async throws -> String {
        try await UnixRPCClient.call(
            socketPath: env.paths.socketPath(for: .identity), IdentityV1.passwordLogin,
            IdentityV1.PasswordLoginRequest(username: "admin", password: Self.password, clientId: "berth-cli")
        ).idToken
    }

    func get(_ path: String, token: String? = nil, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await send("GET", path, token: token, headers: headers)
    }

    func post(_ path: String, json: String, token: String?, headers: [String: String] = [:]) async throws -> HTTPAnswer {
        try await send("POST", path, token: token, body: Data(json.utf8), headers: headers)
    }

    func send(
        _ method: String, _ path: String, token: String? = nil, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)\(path)")))
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return HTTPAnswer(status: http.statusCode, headers: fields, body: data)
    }
}
