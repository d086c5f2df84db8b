import BerthCrypto
import Foundation
import XCTest

/// ES256 keys through OpenSSL: sign/verify, PEM round trips, the key file, and what is refused.
final class ECKeyTests: XCTestCase {
    func testSignaturesVerifyOnlyForTheSameKeyAndMessage() throws {
        let key = try ECPrivateKey.generate()
        let message = Array("checkpoint".utf8)
        let signature = try key.sign(message)
        XCTAssertEqual(signature.count, 64)
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message))
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: Array("checkpoinT".utf8)))
        XCTAssertFalse(try ECPrivateKey.generate().publicKey.isValidSignature(signature, for: message))
        var flipped = signature
        flipped[10] ^= 1
        XCTAssertFalse(key.publicKey.isValidSignature(flipped, for: message))
        XCTAssertFalse(key.publicKey.isValidSignature(Array(signature.prefix(63)), for: message))
    }

    func testPEMRoundTripsKeepTheKey() throws {
        let key = try ECPrivateKey.generate()
        let reloaded = try ECPrivateKey(pem: try key.pemRepresentation())
        let publicKey = try ECPublicKey(pem: try key.publicKey.pemRepresentation())
        XCTAssertEqual(try reloaded.publicKey.jwkThumbprint(), try key.publicKey.jwkThumbprint())
        let signature = try reloaded.sign([1, 2, 3])
        XCTAssertTrue(publicKey.isValidSignature(signature, for: [1, 2, 3]))
        let jwk = try publicKey.jwk()
        XCTAssertEqual(jwk["kty"], "EC")
        XCTAssertEqual(Base64URL.decode(jwk["x"] ?? "")?.count, 32)
        XCTAssertEqual(try publicKey.jwkThumbprint().count, 43)
    }

    /// OpenSSL's own tool verifies our signature (after converting raw r||s to DER with the public PEM).
    func testOpenSSLCommandLineAgreesOnThePublicKey() throws {
        let key = try ECPrivateKey.generate()
        let directory = NSTemporaryDirectory() + "eckey-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try key.pemRepresentation().write(toFile: directory + "/key.pem", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["pkey", "-in", directory + "/key.pem", "-pubout"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(String(decoding: data, as: UTF8.self), try key.publicKey.pemRepresentation())
    }

    func testLoadOrCreateWritesA0600FileOnceAndReloadsIt() throws {
        let directory = NSTemporaryDirectory() + "eckey-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/audit-signing-key.pem"
        let first = try ECPrivateKey.loadOrCreate(at: path)
        XCTAssertTrue(first.created)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        let second = try ECPrivateKey.loadOrCreate(at: path)
        XCTAssertFalse(second.created)
        XCTAssertEqual(try second.key.publicKey.jwkThumbprint(), try first.key.publicKey.jwkThumbprint())
    }

    func testAKeyOnAnotherCurveOrGarbageIsRefused() throws {
        let p384 = try Self.openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"])
        XCTAssertTrue(p384.hasPrefix("-----BEGIN PRIVATE KEY-----"), p384)
        XCTAssertThrowsError(try ECPrivateKey(pem: p384)) { error in
            XCTAssertTrue("\(error)".contains("not P-256"), "\(error)")
        }
        let rsa = try Self.openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        XCTAssertThrowsError(try ECPrivateKey(pem: rsa)) { error in
            XCTAssertTrue("\(error)".contains("not an EC key"), "\(error)")
        }
        XCTAssertThrowsError(try ECPrivateKey(pem: "not a key"))
        XCTAssertThrowsError(try ECPublicKey(pem: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
    }

    static func openssl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
