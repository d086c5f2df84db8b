import AuditService
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import TenancyService

// gateway-benchmark: berth-audit, berth-identity, berth-tenancy (on the fake Kubernetes API) and berth-gateway
// in one process on temporary sockets, the gateway on a loopback port; `wrk` (Debian package, in the Makefile's
// TEST_PACKAGES) drives it from outside.
//
//     swift run -c release gateway-benchmark [seconds]     (default 10 s per target)
//
// In the same run, with 64 connections (2 wrk threads): authenticated `GET /api/v1/spaces` (20 spaces, one
// page; bearer token verified through identity then cached, forwarded to tenancy, which verifies it too) and
// `GET /healthz` as the baseline. Prints req/s, p50, p99 of each and the ratio. The rate limit is lifted.

let seconds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10
guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
    print("gateway-benchmark: /usr/bin/wrk is missing: `apt-get install wrk` (or `make test-deps`)")
    exit(1)
}

struct WrkResult: Sendable {
    let requestsPerSecond: Double
    let p50: String
    let p99: String
    let non2xx: Int
}

@Sendable func wrk(_ url: String, token: String?) throws -> WrkResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
    var arguments = ["-t2", "-c64", "-d\(seconds)s", "--latency"]
    if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
    process.arguments = arguments + [url]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    func field(after prefix: String) -> String {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) } ?? "?"
    }
    let non2xx = Int(field(after: "Non-2xx or 3xx responses:")) ?? 0
    return WrkResult(
        requestsPerSecond: Double(field(after: "Requests/sec:")) ?? .nan, p50: field(after: "50%"), p99: field(after: "99%"),
        non2xx: non2xx)
}

var logger = Logger(label: "gateway-benchmark")
logger.logLevel = .warning
let quiet = logger

try await FakeKubernetesAPI.withRunning { api in
    let root = try TemporaryDirectory(prefix: "gateway-bench")
    defer { root.remove() }
    let kubeconfig = root.appending("kubeconfig")
    try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
    let passwordFile = root.appending("admin-password")
    try "benchmark-password\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
    let port = try freeLoopbackPort()
    let env = try TestEnvironment {
        $0.gateway.listen = "http://127.0.0.1:\(port)"
        $0.admin.bootstrapPasswordFile = passwordFile
        $0.tenancy.kubeconfig = kubeconfig
        $0.tenancy.clusterName = "main"
    }
    defer { env.remove() }
    let options = {
        var options = GatewayOptions()
        options.apiRateLimit = .init(burst: 1_000_000_000, perSecond: 1_000_000_000)
        return options
    }()
    try await withRunningService(try AuditService.build(config: env.config, logger: quiet), in: env) {
        try await withRunningService(try IdentityService.build(config: env.config, logger: quiet), in: env) {
            try await withRunningService(try TenancyService.build(config: env.config, logger: quiet), in: env) {
                try await withRunningService(
                    try GatewayService.build(config: env.config, logger: quiet, options: options), in: env
                ) {
                    let token = try await UnixRPCClient.call(
                        socketPath: env.paths.socketPath(for: .identity), IdentityV1.passwordLogin,
                        IdentityV1.PasswordLoginRequest(username: "admin", password: "benchmark-password", clientId: "berth-cli")
                    ).idToken
                    let tenancy = env.client(for: .tenancy)
                    for index in 0..<20 {
                        _ = try await tenancy.unary(
                            TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "bench-\(index)")),
                            metadata: BearerToken.metadata(forwarding: token))
                    }
                    await tenancy.close()
                    let base = "http://127.0.0.1:\(port)"
                    _ = try wrk(base + "/healthz", token: nil)  // warm-up (connections, caches)
                    let health = try wrk(base + "/healthz", token: nil)
                    let spaces = try wrk(base + "/api/v1/spaces", token: token)
                    print("gateway-benchmark: 64 connections, 2 wrk threads, \(seconds) s each, on this machine")
                    print("target                               req/s      p50        p99     non-2xx")
                    for (name, result) in [("GET /healthz", health), ("GET /api/v1/spaces (bearer, 20)", spaces)] {
                        print(
                            name.padding(toLength: 36, withPad: " ", startingAt: 0)
                                + String(format: "%9.0f", result.requestsPerSecond) + "  "
                                + result.p50.padding(toLength: 9, withPad: " ", startingAt: 0) + "  "
                                + result.p99.padding(toLength: 9, withPad: " ", startingAt: 0) + "  \(result.non2xx)")
                    }
                    print(String(format: "ratio spaces/healthz: %.3f", spaces.requestsPerSecond / health.requestsPerSecond))
                }
            }
        }
    }
}

/// A free TCP port on 127.0.0.1: bind to 0 and read it back.
@Sendable func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard fd >= 0, bound else { throw POSIXError(.EADDRNOTAVAIL) }
    return Int(UInt16(bigEndian: address.sin_port))
}
