import BerthCrypto
import Foundation
import XCTest

/// RS256 signing keys through OpenSSL: sign/verify, PEM and JWK round trips, agreement with the `openssl` CLI
/// (PKCS#1 v1.5 is deterministic, so its signature must be byte-for-byte ours), the RFC 7638 thumbprint vector,
/// and what is refused.
final class RSAPrivateKeyTests: XCTestCase {
    /// RFC 7638 §3.1: this key's thumbprint is NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs.
    static let rfc7638N =
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"

    func testSignaturesVerifyOnlyForTheSameKeyAndMessage() throws {
        let key = try RSAPrivateKey.generate()
        XCTAssertEqual(key.algorithm, .rs256)
        let message = Array("header.payload".utf8)
        let signature = try key.sign(message)
        XCTAssertEqual(signature.count, 256, "2048-bit modulus")
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: Array("header.payloaD".utf8)))
        var flipped = signature
        flipped[100] ^= 1
        XCTAssertFalse(key.publicKey.isValidSignature(flipped, for: message))
        XCTAssertEqual(try key.sign(message), signature, "PKCS#1 v1.5 signatures are deterministic")
    }

    func testPEMAndJWKRoundTripsKeepTheKey() throws {
        let key = try RSAPrivateKey.generate()
        let reloaded = try RSAPrivateKey(pem: try key.pemRepresentation())
        XCTAssertEqual(try reloaded.jwkThumbprint(), try key.jwkThumbprint())
        let jwk = try key.publicKey.jwk()
        XCTAssertEqual(jwk["kty"], "RSA")
        XCTAssertEqual(jwk["e"], "AQAB")
        XCTAssertEqual(Base64URL.decode(jwk["n"] ?? "")?.count, 256)
        // The public key rebuilt from n and e (what a relying party does with the JWKS) verifies our signature.
        let fromJWK = try RSAPublicKey(modulus: try XCTUnwrap(jwk["n"]), exponent: try XCTUnwrap(jwk["e"]))
        XCTAssertEqual(try fromJWK.jwkThumbprint(), try key.jwkThumbprint())
        XCTAssertTrue(fromJWK.isValidSignature(try reloaded.sign([1, 2, 3]), for: [1, 2, 3]))
        let fromPEM = try RSAPublicKey(pem: try key.publicKey.pemRepresentation())
        XCTAssertEqual(try fromPEM.jwkThumbprint(), try key.jwkThumbprint())

        let entry = try key.publicJWK(keyID: "k")
        XCTAssertEqual([entry.kty, entry.alg, entry.use, entry.kid], ["RSA", "RS256", "sig", "k"])
        XCTAssertNil(entry.crv)
        XCTAssertNil(entry.x)
        let json = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        XCTAssertFalse(json.contains("\"crv\""), "an RSA JWK has no EC members: \(json)")
    }

    func testTheThumbprintMatchesRFC7638() throws {
        let key = try RSAPublicKey(modulus: Self.rfc7638N, exponent: "AQAB")
        XCTAssertEqual(try key.jwkThumbprint(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        XCTAssertEqual(try key.jwk()["n"], Self.rfc7638N)
    }

    /// OpenSSL's own tool verifies our signature with the public PEM we wrote, and signing the same message with
    /// the same key gives the same bytes (a known answer: RSASSA-PKCS1-v1_5 has no randomness).
    func testOpenSSLCommandLineAgrees() throws {
        let directory = NSTemporaryDirectory() + "rsakey-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try RSAPrivateKey.generate()
        let message = Array("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0".utf8)
        let signature = try key.sign(message)
        try key.pemRepresentation().write(toFile: directory + "/key.pem", atomically: true, encoding: .utf8)
        try key.publicKey.pemRepresentation().write(toFile: directory + "/pub.pem", atomically: true, encoding: .utf8)
        try Data(message).write(to: URL(fileURLWithPath: directory + "/msg"))
        try Data(signature).write(to: URL(fileURLWithPath: directory + "/sig"))

        let verified = try Self.openssl(
            ["dgst", "-sha256", "-verify", directory + "/pub.pem", "-signature", directory + "/sig", directory + "/msg"])
        XCTAssertEqual(verified.status, 0, String(decoding: verified.output, as: UTF8.self))
        XCTAssertTrue(String(decoding: verified.output, as: UTF8.self).contains("Verified OK"))
        let signed = try Self.openssl(["dgst", "-sha256", "-sign", directory + "/key.pem", directory + "/msg"])
        XCTAssertEqual(signed.status, 0)
        XCTAssertEqual(Array(signed.output), signature)

        try Data([0] + message.dropFirst()).write(to: URL(fileURLWithPath: directory + "/msg"))
        let tampered = try Self.openssl(
            ["dgst", "-sha256", "-verify", directory + "/pub.pem", "-signature", directory + "/sig", directory + "/msg"])
        XCTAssertNotEqual(tampered.status, 0)
    }

    /// A key made by openssl (traditional `RSA PRIVATE KEY` PEM too) loads and signs what openssl verifies.
    func testAKeyMadeByOpenSSLLoadsAndShortOrECKeysAreRefused() throws {
        let made = String(decoding: try Self.openssl(["genrsa", "-traditional", "2048"]).output, as: UTF8.self)
        XCTAssertTrue(made.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"), made)
        let key = try RSAPrivateKey(pem: made)
        XCTAssertTrue(key.publicKey.isValidSignature(try key.sign([7]), for: [7]))

        let short = String(
            decoding: try Self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"]).output,
            as: UTF8.self)
        XCTAssertThrowsError(try RSAPrivateKey(pem: short)) { error in
            XCTAssertTrue("\(error)".contains("1024 bits"), "\(error)")
        }
        XCTAssertThrowsError(try RSAPrivateKey(pem: try ECPrivateKey.generate().pemRepresentation())) { error in
            XCTAssertTrue("\(error)".contains("not an RSA key"), "\(error)")
        }
        XCTAssertThrowsError(try RSAPrivateKey.generate(bits: 1024))
        XCTAssertThrowsError(try JWSAlgorithm.es256.privateKey(pem: made), "an RSA PEM is not an ES256 key")
    }

    /// JWT.sign with an RSA key writes alg RS256; verification needs RS256 allowed and an RSA key under the kid.
    func testRS256TokensVerifyAndAnAlgorithmKeyMismatchIsRefused() throws {
        struct Claims: Codable { var iss: String; var aud: String; var exp: Int64; var sub: String }
        let rsa = try RSAPrivateKey.generate()
        let ec = try ECPrivateKey.generate()
        let token = try JWT.sign(Claims(iss: "https://berth", aud: "c", exp: 2_000, sub: "u"), with: rsa, keyID: "r")
        let header = try XCTUnwrap(Base64URL.decode(String(token.split(separator: ".")[0])))
        XCTAssertTrue(String(decoding: header, as: UTF8.self).contains(#""alg":"RS256""#))
        let both = JWTVerificationPolicy(issuer: "https://berth", audience: "c", allowedAlgorithms: ["ES256", "RS256"], now: 1_000)
        let keys: (String) -> (any JWSPublicKey)? = { $0 == "r" ? rsa.publicKey : $0 == "e" ? ec.publicKey : nil }
        XCTAssertEqual(try JWT.verify(token, as: Claims.self, policy: both, verifyingKeys: keys).sub, "u")

        let esOnly = JWTVerificationPolicy(issuer: "https://berth", audience: "c", now: 1_000)
        XCTAssertThrowsError(try JWT.verify(token, as: Claims.self, policy: esOnly, verifyingKeys: keys)) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .algorithmNotAllowed)
        }
        // An RS256 header naming the EC key's kid (and the reverse) is refused before any signature check.
        let parts = token.split(separator: ".").map(String.init)
        let pointedAtEC = Base64URL.encode(Array(#"{"alg":"RS256","kid":"e","typ":"JWT"}"#.utf8))
        let forged = pointedAtEC + "." + parts[1] + "." + parts[2]
        XCTAssertThrowsError(try JWT.verify(forged, as: Claims.self, policy: both, verifyingKeys: keys)) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .algorithmNotAllowed)
        }
        let ecToken = try JWT.sign(Claims(iss: "https://berth", aud: "c", exp: 2_000, sub: "u"), with: ec, keyID: "r")
        XCTAssertThrowsError(try JWT.verify(ecToken, as: Claims.self, policy: both, verifyingKeys: keys)) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .algorithmNotAllowed)
        }
    }

    static func openssl(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}
