import BerthCrypto
import XCTest

/// HMAC-SHA256 against RFC 4231 test case 2.
final class HMACSHA256Tests: XCTestCase {
    func testRFC4231Case2() throws {
        let code = try HMACSHA256.authenticationCode(
            key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(code.hexString, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}
