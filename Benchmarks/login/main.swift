import BerthRPC
import BerthTesting
import CLDAP
import Foundation
import IdentityService
import Logging

// login-benchmark: LDAP password logins per second against the test slapd (issue 3).
//
//     swift run -c release login-benchmark        (needs slapd; a few seconds per figure)
//
// - raw libldap: service bind + user search + user bind on one handle, sequential (the floor under a login);
// - LDAPConnector.login (pool, escaping, groups with nesting, mirror into identity.db) with 1 and 8 callers;
// - PasswordLogin end to end over identity.sock (password → session → ES256 ID token) with 1 and 8 callers.
// - VerifyToken over identity.sock with 1 and 8 callers: what each API call costs identity.
// Ratios are to the raw libldap rate.

let seconds: Double = 3
if let reason = SlapdServer.unavailableReason {
    print("login-benchmark: skipped: \(reason)")
    exit(0)
}
let directory = try TemporaryDirectory(prefix: "loginbench")
defer { directory.remove() }
let slapd = try SlapdServer(
    directory: directory.path, suffix: SlapdDirectory.suffix, rootPassword: "admin-pw", ldif: SlapdDirectory.ldif)
try slapd.start()
defer { slapd.stop() }
print("login-benchmark: slapd at \(slapd.url), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Int(seconds)) s per figure")

/// Calls `body` from `callers` concurrent tasks for about `seconds`; operations per second.
func rate(callers: Int, _ body: @escaping @Sendable () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    let deadline = start + .seconds(seconds)
    let total = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<callers {
            group.addTask {
                var count = 0
                while ContinuousClock.now < deadline {
                    try await body()
                    count += 1
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = ContinuousClock.now - start
    return Double(total) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// One raw login on a libldap handle: bind as the service, search the user, bind as the user.
func rawLogin(_ handle: OpaquePointer) -> Bool {
    func bind(_ dn: String, _ password: String) -> Bool {
        password.withCString { berth_ldap_simple_bind(handle, dn, $0, password.utf8.count) } == LDAP_SUCCESS
    }
    guard bind(slapd.rootDN, slapd.rootPassword) else { return false }
    var result: OpaquePointer?
    var attributes: [UnsafeMutablePointer<CChar>?] = [strdup("uid"), nil]
    defer { free(attributes[0]) }
    let rc = attributes.withUnsafeMutableBufferPointer {
        berth_ldap_search(handle, SlapdDirectory.people, LDAP_SCOPE_SUBTREE, "(&(objectClass=person)(uid=alice))",
            $0.baseAddress, 5, 2, &result)
    }
    defer { if let result { ldap_msgfree(result) } }
    guard rc == LDAP_SUCCESS, let entry = ldap_first_entry(handle, result), let dn = ldap_get_dn(handle, entry) else {
        return false
    }
    defer { ldap_memfree(dn) }
    return bind(String(cString: dn), "alice-pw")
}

var made: OpaquePointer?
guard ldap_initialize(&made, slapd.url) == LDAP_SUCCESS, let handle = made else { fatalError("ldap_initialize") }
var version = LDAP_VERSION3
_ = ldap_set_option(handle, LDAP_OPT_PROTOCOL_VERSION, &version)
var rawCount = 0
let rawStart = ContinuousClock.now
while ContinuousClock.now < rawStart + .seconds(seconds) {
    guard rawLogin(handle) else { fatalError("raw libldap login failed") }
    rawCount += 1
}
let rawElapsed = ContinuousClock.now - rawStart
let raw = Double(rawCount) / (Double(rawElapsed.components.seconds) + Double(rawElapsed.components.attoseconds) / 1e18)
ldap_unbind_ext_s(handle, nil, nil)
print(String(format: "raw libldap bind+search+bind, 1 caller:      %8.0f /s", raw))

let passwordFile = directory.appending("bind-password")
try "\(slapd.rootPassword)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
let connectors = """
    - id: corp
      type: ldap
      url: \(slapd.url)
      insecureNoTLS: true
      bindDN: \(slapd.rootDN)
      bindPasswordFile: \(passwordFile)
      poolSize: 8
      userSearch: {baseDN: "\(SlapdDirectory.people)"}
      groupSearch:
        - baseDN: \(SlapdDirectory.groups)
        - {baseDN: "\(SlapdDirectory.groups)", filter: (objectClass=posixGroup), memberAttribute: memberUid, userAttribute: uid}
    """
let env = try TestEnvironment {
    $0.identity.connectors = connectors
    $0.gateway.publicURL = "https://berth.bench"
    $0.log.level = .error
}
defer { env.remove() }
var logger = Logger(label: "bench.identity")
logger.logLevel = .error
let host = try IdentityService.build(config: env.config, logger: logger, audit: .disabled)
guard case .ldap(let settings)? = try ConnectorSettings.decode(connectors).first else { fatalError("settings") }
try await withRunningService(host, in: env) {
    let database = try BerthDatabaseForBenchmark.open(env)
    let connector = LDAPConnector(settings: settings, mirror: SQLiteMirroredUserStore(database: database))
    for callers in [1, 8] {
        let perSecond = try await rate(callers: callers) {
            _ = try await connector.login(username: "alice", password: "alice-pw", now: 1_800_000_000)
        }
        print(String(format: "LDAPConnector.login, %d caller(s):              %8.0f /s  (%.2f× raw)", callers, perSecond, perSecond / raw))
    }
    let client = env.client(for: .identity)
    for callers in [1, 8] {
        let perSecond = try await rate(callers: callers) {
            _ = try await client.unary(
                IdentityV1.passwordLogin,
                IdentityV1.PasswordLoginRequest(connectorId: "corp", username: "alice", password: "alice-pw", clientId: "berth-cli"))
        }
        print(String(format: "PasswordLogin over identity.sock, %d caller(s): %8.0f /s  (%.2f× raw)", callers, perSecond, perSecond / raw))
    }
    // What every API call costs identity: verifying the ID token the login minted (signature, claims, session).
    let token = try await client.unary(
        IdentityV1.passwordLogin,
        IdentityV1.PasswordLoginRequest(connectorId: "corp", username: "alice", password: "alice-pw", clientId: "berth-cli")
    ).idToken
    for callers in [1, 8] {
        let perSecond = try await rate(callers: callers) {
            _ = try await client.unary(
                IdentityV1.verifyToken, IdentityV1.VerifyTokenRequest(token: token, audience: "berth-cli"))
        }
        print(String(format: "VerifyToken over identity.sock, %d caller(s):   %8.0f /s", callers, perSecond))
    }
    await client.close()
}
