import BerthAuditClient
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import IdentityService
import Logging
import Synchronization
import XCTest

/// An audit sink that keeps what it is given, so a test can read the events identity recorded.
final class CollectingAuditSink: AuditEventSink {
    private let stored = Mutex<[AuditV1.Event]>([])
    var events: [AuditV1.Event] { stored.withLock { $0 } }
    func append(_ events: [AuditV1.Event], timeout: Duration) async throws(AuditClientError) {
        stored.withLock { $0.append(contentsOf: events) }
    }
    func actions() -> [String] { events.map(\.action) }
}

/// Identity on a real socket and identity.db with a movable clock and a collecting audit sink; the bootstrap
/// admin `admin` has `AdminTestIdentity.password`.
struct AdminTestIdentity {
    static let password = "operator-chosen-password"
    let env: TestEnvironment
    let clock: TestClock
    let audit: CollectingAuditSink
    let client: UnixRPCClient

    static func run(
        clock: TestClock = TestClock(1_800_000_000), _ body: @Sendable (AdminTestIdentity) async throws -> Void
    ) async throws {
        let root = try TemporaryDirectory(prefix: "idadmin")
        defer { root.remove() }
        let passwordFile = root.appending("admin-password")
        try "\(password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let env = try TestEnvironment {
            $0.admin.bootstrapPasswordFile = passwordFile
            $0.gateway.publicURL = "https://berth.test:7443"
            $0.identity.clientIDs = "berth-cli, kubernetes"
        }
        defer { env.remove() }
        let sink = CollectingAuditSink()
        let recorder = AuditRecorder(
            configuration: AuditRecorderConfiguration(
                producer: "identity", spoolPath: root.appending("spool/identity.spool"), delivery: .durable,
                flushInterval: .milliseconds(10)),
            sink: sink, clock: ContinuousClock(), now: { 0 }, logger: Logger(label: "test.audit"))
        let host = try IdentityService.build(
            config: env.config, logger: Logger(label: "test.identity"), now: clock.function, audit: .recorder(recorder))
        try await withRunningService(host, in: env) {
            let client = env.client(for: .identity)
            try await body(AdminTestIdentity(env: env, clock: clock, audit: sink, client: client))
            await client.close()
        }
    }

    static func bearer(_ token: String) -> [String: String] { ["authorization": "Bearer \(token)"] }

    /// Logs `username` in and returns the ID token (for `berth-cli`).
    func login(_ username: String, password: String = AdminTestIdentity.password) async throws -> String {
        try await client.unary(
            IdentityV1.passwordLogin,
            IdentityV1.PasswordLoginRequest(username: username, password: password, clientId: "berth-cli")
        ).idToken
    }

    /// A local user created by the local admin (the test process is the service's uid).
    func createUser(_ username: String, groups: [String] = []) async throws -> IdentityV1.UserRecord {
        try await client.unary(
            IdentityV1.createUser,
            IdentityV1.CreateUserRequest(
                username: username, displayName: username.capitalized, email: "\(username)@example.com",
                password: Self.password, groups: groups))
    }

    func createKey(
        owner: String = "", scopes: [String], expiresIn: Int64 = 0, as token: String? = nil
    ) async throws -> IdentityV1.CreateAccessKeyResponse {
        try await client.unary(
            IdentityV1.createAccessKey,
            IdentityV1.CreateAccessKeyRequest(owner: owner, name: "ci", scopes: scopes, expiresInSeconds: expiresIn),
            metadata: token.map(Self.bearer) ?? [:])
    }

    func verify(_ token: String, audience: String = "berth-cli") async throws -> IdentityV1.VerifyTokenResponse {
        try await client.unary(IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token, audience: audience))
    }
}
