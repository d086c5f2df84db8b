import BerthCrypto
import Foundation
import IdentityService
import XCTest

/// RS256 next to ES256 in the key ring: one current key per algorithm, each rotated with the same overlap rule,
/// both published, tokens of either verified, and a token whose alg is not its key's type refused.
final class SigningKeyRS256Tests: XCTestCase {
    func testEachAlgorithmRotatesOnItsOwnWithTheSameOverlap() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let clock = fixture.clock
        let ring = SigningKeyRing(
            store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 1000, overlap: 300)
        let issuer = IDTokenIssuer(issuer: "https://berth.test", lifetime: 300, keys: ring, algorithms: ["grafana": .rs256])
        let user = try fixture.addUser("alice", password: "pw", groups: ["dev"])

        let es = try ring.signingKey(now: clock.now)
        clock.advance(500)
        // The RS256 key is made on first use, later than the ES256 one: its rotation clock is its own.
        let rs = try ring.signingKey(now: clock.now, algorithm: .rs256)
        XCTAssertEqual(rs.key.algorithm, .rs256)
        XCTAssertEqual(rs.id, try rs.key.jwkThumbprint())
        let keys = try ring.jwks(now: clock.now).keys
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: keys.map { ($0.kid, $0.alg) }), [es.id: "ES256", rs.id: "RS256"])

        clock.advance(500)  // ES256 due (1000 old), RS256 not (500 old)
        let es2 = try ring.signingKey(now: clock.now)
        XCTAssertNotEqual(es2.id, es.id)
        XCTAssertEqual(try ring.signingKey(now: clock.now, algorithm: .rs256).id, rs.id, "RS256 not due yet")

        clock.advance(499)
        let oldRS = try issuer.mint(for: user, audience: "grafana", authTime: clock.now, nonce: nil, sessionID: nil, now: clock.now)
        XCTAssertEqual(try Self.header(oldRS.token)["alg"], "RS256", "grafana is configured for RS256")
        XCTAssertEqual(try Self.header(oldRS.token)["kid"], rs.id)

        clock.advance(1)  // RS256 due now
        let rs2 = try ring.signingKey(now: clock.now, algorithm: .rs256)
        XCTAssertNotEqual(rs2.id, rs.id)
        XCTAssertEqual(
            Set(try ring.jwks(now: clock.now).keys.map(\.kid)), [es2.id, rs.id, rs2.id], "ES256 retired 500 ago: gone")
        // The retired RS256 key still verifies what it signed during the overlap...
        XCTAssertEqual(try issuer.verify(oldRS.token, audience: "grafana", now: clock.now).sub, user.id)
        let newRS = try issuer.mint(for: user, audience: "grafana", authTime: clock.now, nonce: "n", sessionID: nil, now: clock.now)
        XCTAssertEqual(try Self.header(newRS.token)["kid"], rs2.id)
        XCTAssertEqual(try issuer.verify(newRS.token, audience: "grafana", now: clock.now).nonce, "n")
        // ...and not after it: the retired key is unpublished (the token is still within its exp leeway).
        clock.advance(300)
        XCTAssertEqual(Set(try ring.jwks(now: clock.now).keys.map(\.kid)), [es2.id, rs2.id])
        XCTAssertThrowsError(try issuer.verify(oldRS.token, audience: "grafana", now: clock.now)) { error in
            XCTAssertEqual((error as? IdentityError)?.detail, "unknownKey", "\(error)")
        }
        // A restart sees the same current key of each algorithm.
        let restarted = SigningKeyRing(
            store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 1000, overlap: 300)
        XCTAssertEqual(try restarted.signingKey(now: clock.now, algorithm: .rs256).id, rs2.id)
        XCTAssertEqual(try restarted.signingKey(now: clock.now).id, es2.id)
    }

    func testATokenWhoseAlgIsNotItsKeysTypeIsRefused() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let now = fixture.clock.now
        let ring = SigningKeyRing(store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 1000, overlap: 300)
        let issuer = IDTokenIssuer(issuer: "https://berth.test", lifetime: 300, keys: ring)
        let user = try fixture.addUser("alice", password: "pw")
        try ring.ensureCurrentKeys(now: now)
        let es = try issuer.mint(for: user, audience: "berth-cli", authTime: now, nonce: nil, sessionID: nil, now: now)
        let rs = try issuer.mint(
            for: user, audience: "berth-cli", authTime: now, nonce: nil, sessionID: nil, now: now, algorithm: .rs256)
        XCTAssertEqual(try Self.header(es.token)["alg"], "ES256")
        XCTAssertEqual(try Self.header(rs.token)["alg"], "RS256")
        XCTAssertEqual(try issuer.verify(rs.token, audience: "berth-cli", now: now).sub, user.id)
        XCTAssertEqual(try issuer.verify(es.token, audience: "berth-cli", now: now).sub, user.id)

        // Swap the kids: each header now names a key of the other type.
        let esKid = try XCTUnwrap(try Self.header(es.token)["kid"])
        let rsKid = try XCTUnwrap(try Self.header(rs.token)["kid"])
        for (token, kid) in [(rs.token, esKid), (es.token, rsKid)] {
            var header = try Self.header(token)
            header["kid"] = kid
            let encoded = Base64URL.encode(Array(try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])))
            let parts = token.split(separator: ".").map(String.init)
            XCTAssertThrowsError(try issuer.verify(encoded + "." + parts[1] + "." + parts[2], audience: "berth-cli", now: now)) {
                error in
                let identity = error as? IdentityError
                XCTAssertEqual(identity?.code, .invalidToken)
                XCTAssertEqual(identity?.detail, "algorithmNotAllowed", "\(error)")
            }
        }
    }

    static func header(_ token: String) throws -> [String: String] {
        let bytes = try XCTUnwrap(Base64URL.decode(String(token.split(separator: ".")[0])))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: String])
    }
}
