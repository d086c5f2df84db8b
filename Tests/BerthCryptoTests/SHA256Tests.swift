import BerthCrypto
import XCTest

final class SHA256Tests: XCTestCase {
    /// FIPS 180-2 test vectors.
    func testKnownVectors() throws {
        XCTAssertEqual(
            try SHA256.digest([]).hexString, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            try SHA256.digest(Array("abc".utf8)).hexString,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testDigestOfPartsEqualsDigestOfConcatenation() throws {
        let a = Array("hello ".utf8), b = Array("world".utf8)
        XCTAssertEqual(try SHA256.digest(a, b), try SHA256.digest(a + b))
    }

    func testRandomBytesDiffer() throws {
        let x = try SecureRandom.bytes(32), y = try SecureRandom.bytes(32)
        XCTAssertEqual(x.count, 32)
        XCTAssertNotEqual(x, y)
        XCTAssertEqual(try SecureRandom.identifier().count, 32)
    }
}
