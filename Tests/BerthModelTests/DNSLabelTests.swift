import BerthModel
import XCTest

final class DNSLabelTests: XCTestCase {
    func testAcceptsLowercaseLettersDigitsAndDashes() throws {
        XCTAssertEqual(try DNSLabel("team-a1").rawValue, "team-a1")
        XCTAssertEqual(try DNSLabel(String(repeating: "a", count: 63)).rawValue.count, 63)
    }

    func testRejectsWithAMessageThatNamesTheThingAndTheFix() {
        XCTAssertThrowsError(try DNSLabel("Dev_1", kind: "space name")) { error in
            let error = error as? ModelError
            XCTAssertEqual(error?.code, .invalidName)
            XCTAssertEqual(
                error?.message,
                "space name \"Dev_1\" is not a DNS-1123 label: use lowercase letters, digits and '-', "
                    + "starting with a letter (at most 63)")
        }
    }

    func testRejectsEveryMalformedShape() {
        for bad in ["", "-a", "a-", "1abc", "a.b", "a b", "ä", String(repeating: "a", count: 64), "a\u{0}"] {
            XCTAssertNil(DNSLabel(rawValue: bad), "accepted \(bad.debugDescription)")
        }
    }

    func testDecodingValidates() {
        let json = Data(#"["ok-name", "Not_OK"]"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode([DNSLabel].self, from: json))
        XCTAssertEqual(try JSONDecoder().decode([DNSLabel].self, from: Data(#"["a"]"#.utf8)).first?.rawValue, "a")
    }
}
