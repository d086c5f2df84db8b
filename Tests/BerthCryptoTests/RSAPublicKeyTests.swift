import BerthCrypto
import XCTest

/// RS256 verification from a JWK's n and e (a vector made with python3-cryptography, PKCS#1 v1.5 + SHA-256).
final class RSAPublicKeyTests: XCTestCase {
    static let n = "wKrjo8mXBTkf269trIlAcK59dj6uTTPdQOrLuRFxSWM9EaqN4hD6xb6IaIp0L4ildeCIbQEc_bdAwiIJbxrcLaoEF9nyDA47lmYiXF0miabYkNQbLJ2LzUscQB4Y_dElLtbqJ17d0jNJ3SenrrUc5QgYvaLz3zirzW-4QVTMNcBBh-69zHybKYl3Buh9Qpq4DfP2JXwKGW2kd4c1nBJBHc9_46ucfqwSoZk-e0Wm_Kx1kKXqK7TivfgdsoSZAHG2n8U3X-fkt5_S7Gy9CwhJ55gGXPl4kIdvEzj7ZbKvCC4rq8qWjLqysrnMHEaUngz3mId9BdX1GlPTjKsAYYrW-Q"
    static let signature = "K3p1Djm3PML4RO8Fg1B0_4uLIqDRl9IPealQnJKckgb56F5B4r13DrfEtt4huIkidRHeVIHyBRNncBxgHg0AZPeuBke-apBDJY0yc7fGFskz5W79FXjJi5RICfkW-PL9xpBQHU_d3hiV5pTYkS_ZtWrbNTC6jPgpU1Vr3qySNkRoPLwZDyGTEXVP9x2DVpIDkvD6hTouEtpoyyIndCZTOaevhMAesnZEMF6wZyax9r1IqSN2OSDSHD2ot3mNi3J4jpTYnF3il0JHBOc9G8uzJSJzv4btqThfKbnHHo-yXBQMaML-iSQQ8MtcjBKT1SPJEX2C7ghX6sXDquoxHwkbnw"

    func testVerifiesAnRS256SignatureFromTheJWKMembers() throws {
        let key = try RSAPublicKey(modulus: Self.n, exponent: "AQAB")
        XCTAssertEqual(key.algorithm, "RS256")
        let signature = try XCTUnwrap(Base64URL.decode(Self.signature))
        XCTAssertTrue(key.isValidSignature(signature, for: Array("header.payload".utf8)))
        XCTAssertFalse(key.isValidSignature(signature, for: Array("header.payloaD".utf8)))
        var flipped = signature
        flipped[10] ^= 1
        XCTAssertFalse(key.isValidSignature(flipped, for: Array("header.payload".utf8)))
    }

    func testRefusesShortKeysAndGarbage() {
        // 1024-bit modulus (128 bytes of 0xff… is not a real key, but its size is what is checked first).
        let short = Base64URL.encode([UInt8](repeating: 0xC3, count: 128))
        XCTAssertThrowsError(try RSAPublicKey(modulus: short, exponent: "AQAB"))
        XCTAssertThrowsError(try RSAPublicKey(modulus: "!!", exponent: "AQAB"))
    }
}

/// Tokens verified with keys of either algorithm: the header's alg must match the key's.
final class JWTAnyKeyTests: XCTestCase {
    struct Claims: Codable { var iss: String; var aud: String; var exp: Int64; var sub: String }

    func testAnECKeyReadFromItsJWKVerifiesAndAnAlgorithmMismatchIsRefused() throws {
        let signer = try ECPrivateKey.generate()
        let jwk = try signer.publicKey.jwk()
        let fromJWK = try ECPublicKey(jwkX: try XCTUnwrap(jwk["x"]), y: try XCTUnwrap(jwk["y"]))
        XCTAssertEqual(try fromJWK.jwkThumbprint(), try signer.publicKey.jwkThumbprint())
        let token = try JWT.sign(Claims(iss: "https://idp", aud: "berth", exp: 2_000, sub: "u"), with: signer, keyID: "ec")
        let policy = JWTVerificationPolicy(issuer: "https://idp", audience: "berth", allowedAlgorithms: ["ES256", "RS256"], now: 1_000)
        let claims = try JWT.verify(token, as: Claims.self, policy: policy, verifyingKeys: { $0 == "ec" ? fromJWK : nil })
        XCTAssertEqual(claims.sub, "u")

        // The same kid answered by an RSA key: an ES256 token must not be checked against it.
        let rsa = try RSAPublicKey(modulus: RSAPublicKeyTests.n, exponent: "AQAB")
        XCTAssertThrowsError(try JWT.verify(token, as: Claims.self, policy: policy, verifyingKeys: { _ in rsa })) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .algorithmNotAllowed)
        }
        XCTAssertThrowsError(try ECPublicKey(jwkX: "AAAA", y: "AAAA"))
    }
}
