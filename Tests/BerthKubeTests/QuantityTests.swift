import BerthKube
import XCTest

final class QuantityTests: XCTestCase {
    func value(_ text: String) -> Decimal? { Quantity(text)?.value }

    func testSuffixesAndForms() {
        XCTAssertEqual(value("2"), 2)
        XCTAssertEqual(value("500m"), Decimal(string: "0.5"))
        XCTAssertEqual(value("0.5"), Quantity("500m")?.value, "the API server's canonical form compares equal")
        XCTAssertEqual(value("1Ki"), 1024)
        XCTAssertEqual(value("8Gi"), 8 * 1_073_741_824)
        XCTAssertEqual(value("1.5G"), 1_500_000_000)
        XCTAssertEqual(value("1e3"), 1000)
        XCTAssertEqual(value("1E-3"), Decimal(string: "0.001"))
        XCTAssertEqual(value("100n"), Decimal(string: "0.0000001"))
        XCTAssertEqual(value("1Ei"), Decimal(string: "1152921504606846976"))
    }

    func testRejectsWhatIsNotAQuantity() {
        for text in ["", "Gi", "abc", "1.2.3", "1Gb", "--1", "1 Gi", "1e", "0x10", ".", "1ki"] {
            XCTAssertNil(Quantity(text), text)
        }
    }

    func testArithmeticAndOrder() throws {
        let sum = try XCTUnwrap(Quantity("1500m")) + XCTUnwrap(Quantity("0.5"))
        XCTAssertEqual(sum.value, 2)
        XCTAssertLessThan(try XCTUnwrap(Quantity("999Mi")), try XCTUnwrap(Quantity("1Gi")))
        XCTAssertEqual(Quantity("1024Mi"), Quantity("1Gi"))
    }

    func testCanonicalText() {
        XCTAssertEqual(Quantity("8192Mi")?.canonical, "8Gi")
        XCTAssertEqual(Quantity("1.5")?.canonical, "1500m")
        XCTAssertEqual(Quantity("3")?.canonical, "3")
        XCTAssertEqual(Quantity("1536Mi")?.canonical, "1536Mi")
    }
}
