import BerthCrypto
import BerthTesting
import IdentityService
import XCTest

/// `identity.clientsFile`: registrations load with hashed secrets only; plaintext secrets, confidential clients
/// without a hash and unsupported algorithms are refused with the client named. And `SessionStore.endAll`.
final class OAuthClientRegistryTests: XCTestCase {
    /// The portal's SSO callback is added to the API audience's client only, exactly (no other path or host).
    func testPortalCallbackIsRegisteredForTheAPIAudienceOnly() throws {
        let registry = OAuthClientRegistry(clients: [.berthCLI, OAuthClient(id: "tool", isPublic: true)], audiences: ["kubernetes"])
        let added = registry.addingPortalCallback(publicURL: "https://berth.example/", clientID: "berth-cli")
        let cli = try XCTUnwrap(added.client("berth-cli"))
        XCTAssertTrue(cli.allowsRedirect("https://berth.example/ui/callback"))
        XCTAssertFalse(cli.allowsRedirect("https://berth.example/ui/other"))
        XCTAssertFalse(cli.allowsRedirect("https://evil.example/ui/callback"))
        XCTAssertTrue(cli.allowsRedirect("http://127.0.0.1:4444/callback"), "the CLI's loopback redirects stay")
        XCTAssertEqual(added.client("tool"), registry.client("tool"))
        XCTAssertTrue(added.audiences.contains("kubernetes"))
        XCTAssertEqual(
            registry.addingPortalCallback(publicURL: "https://berth.example", clientID: "kubernetes").clients, registry.clients,
            "an audience-only id gets no redirect URI")
    }

    func testClientsFileLoadsAndRefusesPlaintextSecrets() throws {
        let root = try TemporaryDirectory(prefix: "clients")
        defer { root.remove() }
        let hash = try PasswordHash.make(password: "s3cret", parameters: .init(logN: 10, r: 8, p: 1, keyLength: 32))
        let path = root.appending("clients.json")
        try """
        {"clients": [
          {"id": "portal", "secretHash": "\(hash.encoded)", "redirectURIs": ["https://portal.example/cb"],
           "grants": ["authorization_code"]},
          {"id": "tool", "public": true, "redirectURIs": ["http://127.0.0.1/cb"]},
          {"id": "rsa-tool", "public": true, "redirectURIs": ["http://127.0.0.1/cb"], "idTokenSigningAlg": "RS256"}
        ]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let registry = try OAuthClientRegistry.load(clientsFile: path, clientIDs: ["berth-cli", "kubernetes"])
        XCTAssertEqual(registry.client("portal")?.isPublic, false)
        XCTAssertEqual(registry.client("portal")?.grants, [.authorizationCode])
        XCTAssertEqual(registry.client("tool")?.allowsRedirect("http://127.0.0.1:5555/cb"), true)
        XCTAssertEqual(registry.client("portal")?.allowsRedirect("https://portal.example:444/cb"), false)
        XCTAssertEqual(registry.client("berth-cli"), .berthCLI, "the CLI is built in")
        XCTAssertNil(registry.client("kubernetes"), "audience-only ids use no OAuth flow")
        XCTAssertTrue(registry.audiences.contains("kubernetes"))
        XCTAssertEqual(registry.client("rsa-tool")?.idTokenSigningAlg, "RS256")
        XCTAssertEqual(registry.client("tool")?.idTokenSigningAlg, "ES256", "ES256 is the default")
        XCTAssertEqual(registry.signingAlgorithms, ["rsa-tool": .rs256], "only the clients that are not ES256")

        for (entry, problem) in [
            (#"{"id": "bad", "secret": "plain", "secretHash": "\#(hash.encoded)"}"#, "plaintext"),
            (#"{"id": "bad"}"#, "secretHash"),
            (#"{"id": "bad", "public": true, "idTokenSigningAlg": "HS256"}"#, "HS256"),
        ] {
            try #"{"clients": [\#(entry)]}"#.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try OAuthClientRegistry.load(clientsFile: path, clientIDs: [])) { error in
                let message = (error as? IdentityError)?.message ?? ""
                XCTAssertTrue(message.contains("\"bad\"") && message.contains(problem), message)
            }
        }
    }

    func testEndAllEndsEverySessionOfOneUserAndTheirRefreshTokens() async throws {
        let fixture = try OAuthFixture()
        defer { fixture.remove() }
        let first = try await fixture.login()
        let second = try await fixture.login()
        let sessions = SQLiteSessionStore(database: fixture.identity.database)
        XCTAssertEqual(try sessions.endAll(userID: fixture.alice.id, now: fixture.clock.now), 2)
        XCTAssertEqual(try sessions.endAll(userID: fixture.alice.id, now: fixture.clock.now), 0)
        for tokens in [first, second] {
            let refreshed = await oauthError { try await fixture.refresh(tokens.refreshToken) }
            XCTAssertEqual(refreshed, "invalid_grant")
        }
    }
}
