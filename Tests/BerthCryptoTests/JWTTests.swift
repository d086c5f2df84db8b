import BerthCrypto
import Foundation
import XCTest

/// ES256 JWTs: sign, verify, and every way a token must be refused.
final class JWTTests: XCTestCase {
    struct Claims: Codable, Equatable {
        var iss: String
        var sub: String
        var aud: String
        var exp: Int64
        var nbf: Int64?
        var groups: [String]
    }

    let now: Int64 = 1_800_000_000
    var claims: Claims { Claims(iss: "https://berth.test", sub: "u1", aud: "berth-cli", exp: now + 600, nbf: nil, groups: ["g"]) }

    func policy(now: Int64? = nil, audience: String = "berth-cli", issuer: String = "https://berth.test")
        -> JWTVerificationPolicy
    {
        JWTVerificationPolicy(issuer: issuer, audience: audience, now: now ?? self.now)
    }

    func verify(_ token: String, _ policy: JWTVerificationPolicy, key: ECPrivateKey, kid: String = "k1") throws -> Claims {
        try JWT.verify(token, as: Claims.self, policy: policy) { $0 == kid ? key.publicKey : nil }
    }

    func code(_ body: () throws -> Claims) -> CryptoError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as CryptoError {
            return error.code
        } catch {
            return nil
        }
    }

    func testSignedTokensVerifyAndDecode() throws {
        let key = try ECPrivateKey.generate()
        let token = try JWT.sign(claims, with: key, keyID: "k1")
        let parts = token.split(separator: ".")
        XCTAssertEqual(parts.count, 3)
        let header = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(Base64URL.decode(String(parts[0]))))) as? [String: String]
        XCTAssertEqual(header, ["alg": "ES256", "kid": "k1", "typ": "JWT"])
        XCTAssertEqual(Base64URL.decode(String(parts[2]))?.count, 64, "raw r||s, not DER")
        XCTAssertEqual(try verify(token, policy(), key: key), claims)
    }

    func testForgedTamperedOrWrongKeyTokensAreRefused() throws {
        let key = try ECPrivateKey.generate()
        let token = try JWT.sign(claims, with: key, keyID: "k1")
        var parts = token.split(separator: ".").map(String.init)
        var forged = claims
        forged.groups = ["berth-admins"]
        parts[1] = Base64URL.encode(Array(try JSONEncoder().encode(forged)))
        XCTAssertEqual(code { try verify(parts.joined(separator: "."), policy(), key: key) }, .badSignature)

        let other = try ECPrivateKey.generate()
        let signedByOther = try JWT.sign(claims, with: other, keyID: "k1")
        XCTAssertEqual(code { try verify(signedByOther, policy(), key: key) }, .badSignature)
        XCTAssertEqual(code { try verify(token, policy(), key: key, kid: "k2") }, .unknownKey)
        XCTAssertEqual(code { try verify("a.b", policy(), key: key) }, .malformedToken)
        XCTAssertEqual(code { try verify(token + "x!", policy(), key: key) }, .malformedToken)
    }

    func testAlgNoneAndOtherAlgorithmsAreRefusedBeforeTheSignature() throws {
        let key = try ECPrivateKey.generate()
        let payload = Base64URL.encode(Array(try JSONEncoder().encode(claims)))
        for alg in ["none", "None", "HS256", "RS256", "ES384"] {
            let header = Base64URL.encode(Array(#"{"alg":"\#(alg)","kid":"k1"}"#.utf8))
            let unsigned = "\(header).\(payload)."
            XCTAssertEqual(code { try verify(unsigned, policy(), key: key) }, .algorithmNotAllowed, alg)
        }
        // Even a policy that lists "none" does not accept it.
        let lax = JWTVerificationPolicy(
            issuer: "https://berth.test", audience: "berth-cli", allowedAlgorithms: ["ES256", "none"], now: now)
        let none = Base64URL.encode(Array(#"{"alg":"none","kid":"k1"}"#.utf8)) + ".\(payload)."
        XCTAssertEqual(code { try verify(none, lax, key: key) }, .algorithmNotAllowed)
    }

    func testExpiryNotBeforeIssuerAndAudienceAreChecked() throws {
        let key = try ECPrivateKey.generate()
        let token = try JWT.sign(claims, with: key, keyID: "k1")
        // 60 s of leeway around exp.
        XCTAssertNoThrow(try verify(token, policy(now: now + 600 + 59), key: key))
        XCTAssertEqual(code { try verify(token, policy(now: now + 600 + 60), key: key) }, .expired)
        XCTAssertEqual(code { try verify(token, policy(audience: "kubernetes"), key: key) }, .wrongAudience)
        XCTAssertEqual(code { try verify(token, policy(issuer: "https://evil.test"), key: key) }, .wrongIssuer)

        var future = claims
        future.nbf = now + 300
        let early = try JWT.sign(future, with: key, keyID: "k1")
        XCTAssertEqual(code { try verify(early, policy(), key: key) }, .notYetValid)
        XCTAssertNoThrow(try verify(early, policy(now: now + 250), key: key))

        struct NoExpiry: Codable { var iss = "https://berth.test"; var aud = "berth-cli" }
        let forever = try JWT.sign(NoExpiry(), with: key, keyID: "k1")
        XCTAssertEqual(code { try verify(forever, policy(), key: key) }, .malformedToken)
    }

    func testAnAudienceArrayIsAcceptedWhenItContainsTheClient() throws {
        struct Multi: Codable { var iss = "https://berth.test"; var aud = ["kubernetes", "berth-cli"]; var exp: Int64 }
        let key = try ECPrivateKey.generate()
        let token = try JWT.sign(Multi(exp: now + 10), with: key, keyID: "k1")
        XCTAssertNoThrow(try JWT.verify(token, as: Multi.self, policy: policy()) { _ in key.publicKey })
    }

    func testJWKSetCarriesTheKeyIDAndCurve() throws {
        let key = try ECPrivateKey.generate()
        let thumbprint = try key.publicKey.jwkThumbprint()
        let jwk = try JWK(publicKey: key.publicKey, keyID: thumbprint)
        XCTAssertEqual(jwk.kid, thumbprint)
        XCTAssertEqual([jwk.kty, jwk.crv, jwk.alg, jwk.use], ["EC", "P-256", "ES256", "sig"])
        let json = try JSONEncoder().encode(JWKSet(keys: [jwk]))
        XCTAssertEqual(try JSONDecoder().decode(JWKSet.self, from: json).keys, [jwk])
    }
}
