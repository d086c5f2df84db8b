import BerthCrypto
import BerthRPC
import BerthRuntime
import Foundation
import IdentityService
import Logging

// identity-benchmark: what a password login costs and where the time goes, and ID-token verifications/s.
//
//     swift run -c release identity-benchmark        (state in a temp dir; a few seconds per figure)
//
// - scrypt (N=2^15, r=8, p=1, 32-byte key) derivations/s on 1 and 2 threads: the floor under every login.
// - PasswordLogin end to end over identity.sock (gRPC + bridge + scrypt + SQLite + ES256 sign) with 1 and 8
//   concurrent clients, and its ratio to the raw scrypt rate (1.0 would mean scrypt is all there is).
// - ID tokens: ES256 mint/s, JWT.verify/s with the key in memory, and IDTokenIssuer.verify/s (reads the
//   published keys from identity.db each time), plus VerifyToken over the socket.

let seconds: Double = 3
let root = (NSTemporaryDirectory() as NSString).appendingPathComponent("identity-bench-\(getpid())")
try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: root) }
print("identity-benchmark: state in \(root), \(ProcessInfo.processInfo.activeProcessorCount) cores")

/// Runs `body` on `threads` Dispatch threads for about `seconds`; returns operations per second.
func rate(threads: Int, _ body: @escaping @Sendable () throws -> Void) throws -> Double {
    let deadline = ContinuousClock.now + .seconds(seconds)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
    defer { counts.deallocate() }
    let start = ContinuousClock.now
    nonisolated(unsafe) let shared = counts
    DispatchQueue.concurrentPerform(iterations: threads) { index in
        var done = 0
        while ContinuousClock.now < deadline {
            try? body()
            done += 1
        }
        shared[index] = done
    }
    return Double(counts.reduce(0, +)) / elapsed(since: start)
}

func elapsed(since start: ContinuousClock.Instant) -> Double {
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

// MARK: scrypt
let salt = try SecureRandom.bytes(16)
let scrypt1 = try rate(threads: 1) { _ = try Scrypt.deriveKey(password: Array("pw".utf8), salt: salt, parameters: .passwords) }
let scrypt2 = try rate(threads: 2) { _ = try Scrypt.deriveKey(password: Array("pw".utf8), salt: salt, parameters: .passwords) }
print(String(format: "scrypt N=2^15 r=8 p=1:   %7.1f/s (1 thread)   %7.1f/s (2 threads)   %.1f ms each", scrypt1, scrypt2, 1000 / scrypt1))

// MARK: the service
let passwordFile = root + "/admin-password"
try "bench-password".write(toFile: passwordFile, atomically: true, encoding: .utf8)
var config = BerthConfig.defaults(binDir: "/nonexistent")
config.paths.stateDir = root + "/state"
config.paths.runtimeDir = root + "/run"
config.admin.bootstrapPasswordFile = passwordFile
config.identity.lockoutMaxFailures = 1_000_000
var logger = Logger(label: "berth.identity.bench")
logger.logLevel = .warning
let host = try IdentityService.build(config: config, logger: logger, audit: .disabled)
let socket = BerthPaths(config: config).socketPath(for: .identity)

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await host.run() }
    try await waitUntilServing(socket)
    try await serviceFigures(socket: socket, scryptRate: scrypt2)
    group.cancelAll()
}

func serviceFigures(socket: String, scryptRate: Double) async throws {
    let client = UnixRPCClient(socketPath: socket, defaultDeadline: .seconds(60))
    let request = IdentityV1.PasswordLoginRequest(username: "admin", password: "bench-password", clientId: "berth-cli")
    print("\nPasswordLogin over identity.sock (audit off):")
    for clients in [1, 8] {
        let loginRate = try await callRate(clients: clients) { _ = try await client.unary(IdentityV1.passwordLogin, request) }
        print(String(format: "  %d client(s): %7.1f logins/s   (%.2f of raw scrypt on 2 threads)", clients, loginRate, loginRate / scryptRate))
    }
    let token = try await client.unary(IdentityV1.passwordLogin, request).idToken

    print("\nID tokens:")
    let key = try ECPrivateKey.generate()
    let kid = try key.publicKey.jwkThumbprint()
    let minted = try JWT.sign(BenchClaims(), with: key, keyID: kid)
    let policy = JWTVerificationPolicy(issuer: "https://berth.test", audience: "berth-cli", now: 1_800_000_000)
    let sign1 = try rate(threads: 1) { _ = try JWT.sign(BenchClaims(), with: key, keyID: kid) }
    let verify1 = try rate(threads: 1) { _ = try JWT.verify(minted, as: BenchClaims.self, policy: policy) { _ in key.publicKey } }
    let verify2 = try rate(threads: 2) { _ = try JWT.verify(minted, as: BenchClaims.self, policy: policy) { _ in key.publicKey } }
    print(String(format: "  JWT.sign (ES256):                 %8.0f/s (1 thread)", sign1))
    print(String(format: "  JWT.verify, key in memory:        %8.0f/s (1 thread)   %8.0f/s (2 threads)", verify1, verify2))
    let verifyRequest = IdentityV1.VerifyTokenRequest(token: token, audience: "berth-cli")
    let remote = try await callRate(clients: 8) { _ = try await client.unary(IdentityV1.verifyToken, verifyRequest) }
    print(String(format: "  VerifyToken over the socket, 8 clients: %6.0f/s", remote))
    await client.close()
}

struct BenchClaims: Codable {
    var iss = "https://berth.test"
    var aud = "berth-cli"
    var sub = "u"
    var exp = Int64.max / 2
}

/// `clients` concurrent loops of `call` for about `seconds`; calls per second.
func callRate(clients: Int, _ call: @escaping @Sendable () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    let deadline = start + .seconds(seconds)
    let calls = try await withThrowingTaskGroup(of: Int.self) { callers in
        for _ in 0..<clients {
            callers.addTask {
                var done = 0
                while ContinuousClock.now < deadline {
                    try await call()
                    done += 1
                }
                return done
            }
        }
        return try await callers.reduce(0, +)
    }
    return Double(calls) / elapsed(since: start)
}

func waitUntilServing(_ socket: String) async throws {
    for _ in 0..<500 {
        let health = try? await UnixRPCClient.call(
            socketPath: socket, HealthV1.check, HealthV1.HealthCheckRequest(service: ""), deadline: .seconds(1))
        if health?.status == .serving { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw BenchmarkError("berth-identity did not report SERVING")
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
