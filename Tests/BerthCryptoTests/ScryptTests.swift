import BerthCrypto
import XCTest

/// scrypt through EVP_PBE_scrypt, the stored password format and the constant-time comparison.
final class ScryptTests: XCTestCase {
    /// RFC 7914 §12, the first two test vectors.
    func testRFC7914KnownAnswers() throws {
        let first = try Scrypt.deriveKey(
            password: [], salt: [], parameters: Scrypt.Parameters(logN: 4, r: 1, p: 1, keyLength: 64))
        XCTAssertEqual(
            first.hexString,
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
        let second = try Scrypt.deriveKey(
            password: Array("password".utf8), salt: Array("NaCl".utf8),
            parameters: Scrypt.Parameters(logN: 10, r: 8, p: 16, keyLength: 64))
        XCTAssertEqual(
            second.hexString,
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    func testParametersOutsideTheAllowedRangeAreRefused() {
        XCTAssertThrowsError(
            try Scrypt.deriveKey(password: [1], salt: [1], parameters: .init(logN: 40, r: 8, p: 1, keyLength: 32)))
    }

    func testPasswordHashRoundTripsAndMatchesOnlyItsPassword() throws {
        let hash = try PasswordHash.make(password: "correct horse")
        XCTAssertEqual(hash.parameters, .passwords)
        XCTAssertEqual(hash.salt.count, 16)
        XCTAssertEqual(hash.key.count, 32)
        XCTAssertTrue(hash.encoded.hasPrefix("$scrypt$ln=15,r=8,p=1$"), hash.encoded)
        let parsed = try XCTUnwrap(PasswordHash(encoded: hash.encoded))
        XCTAssertEqual(parsed, hash)
        XCTAssertTrue(try parsed.matches("correct horse"))
        XCTAssertFalse(try parsed.matches("correct horsE"))
        XCTAssertFalse(try parsed.matches(""))
        XCTAssertNotEqual(try PasswordHash.make(password: "correct horse").salt, hash.salt, "a fresh salt each time")
        XCTAssertNil(PasswordHash(encoded: "$argon2id$v=19$x$y"))
        XCTAssertNil(PasswordHash(encoded: "$scrypt$ln=15,r=8$c2FsdA$a2V5"))
    }

    /// Weaker stored parameters still verify (they travel with the hash) and ask for a rehash.
    func testOldParametersStillVerifyAndAskForARehash() throws {
        let weak = Scrypt.Parameters(logN: 10, r: 8, p: 1, keyLength: 32)
        let hash = try PasswordHash.make(password: "pw", parameters: weak)
        let parsed = try XCTUnwrap(PasswordHash(encoded: hash.encoded))
        XCTAssertEqual(parsed.parameters, weak)
        XCTAssertTrue(try parsed.matches("pw"))
        XCTAssertTrue(parsed.needsRehash())
        XCTAssertFalse(try PasswordHash.make(password: "pw").needsRehash())
    }

    /// The derived and stored keys go, whole, through the comparison function (CRYPTO_memcmp by default), never
    /// through an early-exit `==`.
    func testMatchingComparesWholeKeysThroughTheComparator() throws {
        let hash = try PasswordHash.make(password: "pw", parameters: .init(logN: 10, r: 8, p: 1, keyLength: 32))
        var seen: [([UInt8], [UInt8])] = []
        let result = try hash.matches("wrong") { derived, stored in
            seen.append((derived, stored))
            return ConstantTime.equals(derived, stored)
        }
        XCTAssertFalse(result)
        XCTAssertEqual(seen.count, 1)
        XCTAssertEqual(seen.first?.0.count, 32)
        XCTAssertEqual(seen.first?.1, hash.key)
    }

    func testConstantTimeEquality() {
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([9, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertTrue(ConstantTime.equals([], []))
    }
}
