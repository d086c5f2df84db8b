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
