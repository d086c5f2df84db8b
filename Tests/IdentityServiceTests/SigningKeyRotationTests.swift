import BerthCrypto
import IdentityService
import XCTest

/// Signing keys: created on first use, kid = RFC 7638 thumbprint, rotated when due, old keys published (and
/// accepted) for the overlap, then gone.
final class SigningKeyRotationTests: XCTestCase {
    func testRotationKeepsTheOldKeyForTheOverlapOnly() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let clock = fixture.clock
        let ring = SigningKeyRing(
            store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 1000, overlap: 300)
        let issuer = IDTokenIssuer(issuer: "https://berth.test/", lifetime: 300, keys: ring)
        XCTAssertEqual(issuer.issuer, "https://berth.test")
        let user = try fixture.addUser("alice", password: "pw", groups: ["dev"])

        let first = try ring.signingKey(now: clock.now)
        XCTAssertEqual(first.id, try first.key.jwkThumbprint())
        XCTAssertEqual(first.key.algorithm, .es256, "ES256 is the default")
        XCTAssertEqual(try ring.jwks(now: clock.now).keys.map(\.kid), [first.id])
        clock.advance(999)
        XCTAssertEqual(try ring.signingKey(now: clock.now).id, first.id, "not due yet")
        let oldToken = try issuer.mint(for: user, audience: "berth-cli", authTime: clock.now, nonce: nil, sessionID: nil, now: clock.now)

        clock.advance(1)
        let second = try ring.signingKey(now: clock.now)
        XCTAssertNotEqual(second.id, first.id)
        XCTAssertEqual(Set(try ring.jwks(now: clock.now).keys.map(\.kid)), [first.id, second.id])
        // A token the retired key signed still verifies during the overlap.
        XCTAssertEqual(try issuer.verify(oldToken.token, audience: "berth-cli", now: clock.now).sub, user.id)
        let newToken = try issuer.mint(for: user, audience: "berth-cli", authTime: clock.now, nonce: "n-1", sessionID: "s", now: clock.now)
        XCTAssertTrue(newToken.token.contains("."))
        let claims = try issuer.verify(newToken.token, audience: "berth-cli", now: clock.now)
        XCTAssertEqual(claims.nonce, "n-1")
        XCTAssertEqual(claims.groups, ["dev"])
        XCTAssertEqual(claims.exp, clock.now + 300)

        clock.advance(300)
        XCTAssertEqual(try ring.jwks(now: clock.now).keys.map(\.kid), [second.id], "the retired key is unpublished")
        // A restart (a fresh ring on the same database) sees the same keys.
        let restarted = SigningKeyRing(
            store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 1000, overlap: 300)
        XCTAssertEqual(try restarted.signingKey(now: clock.now).id, second.id)
    }

    func testTokensSignedByAnUnpublishedKeyAreRefused() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let user = try fixture.addUser("alice", password: "pw")
        let ring = SigningKeyRing(store: SQLiteSigningKeyStore(database: fixture.database), rotationPeriod: 100, overlap: 10)
        let issuer = IDTokenIssuer(issuer: "https://berth.test", lifetime: 1000, keys: ring)
        let token = try issuer.mint(for: user, audience: "berth-cli", authTime: 0, nonce: nil, sessionID: nil, now: fixture.clock.now)
        fixture.clock.advance(100)
        _ = try ring.signingKey(now: fixture.clock.now)
        fixture.clock.advance(11)
        _ = try ring.signingKey(now: fixture.clock.now)  // prunes nothing yet (pruning happens on rotation)
        XCTAssertThrowsError(try issuer.verify(token.token, audience: "berth-cli", now: fixture.clock.now)) { error in
            XCTAssertEqual((error as? IdentityError)?.code, .invalidToken)
        }
        XCTAssertThrowsError(try issuer.verify(token.token, audience: "kubernetes", now: fixture.clock.now - 11))
    }
}
