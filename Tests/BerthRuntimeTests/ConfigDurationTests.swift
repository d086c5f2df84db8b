@testable import BerthRuntime
import XCTest

final class ConfigDurationTests: XCTestCase {
    func testParsesGoStyleDurations() throws {
        let cases: [(String, Duration)] = [
            ("200ms", .milliseconds(200)), ("5s", .seconds(5)), ("1m", .seconds(60)),
            ("1h30m", .seconds(5400)), ("1.5s", .milliseconds(1500)), ("0", .zero), ("250us", .microseconds(250)),
            ("2µs", .microseconds(2)), ("10ns", .nanoseconds(10)), (" 30s ", .seconds(30)), ("1m30s", .seconds(90)),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try ConfigDuration.parse(text).get().duration, expected, text)
        }
    }

    func testRejectsAmbiguousOrMalformedDurationsWithAReason() {
        let cases: [(String, String)] = [
            ("5", "has no unit after 5"), ("", "is empty"), ("-5s", "is negative"), ("5 sec", "unknown unit"),
            ("5d", "unknown unit"), ("1.2.3s", "malformed"), ("s", "where a number was expected"),
            ("99999999999h", "too large"),
        ]
        for (text, reason) in cases {
            switch ConfigDuration.parse(text) {
            case .success(let value): XCTFail("\"\(text)\" parsed as \(value)")
            case .failure(let error):
                XCTAssertTrue(error.description.contains(reason), "\(text): \(error)")
                XCTAssertTrue(error.description.contains("write a duration like"), "\(error)")
            }
        }
    }

    func testDescriptionRoundTrips() throws {
        for text in ["1h30m", "200ms", "5s", "0s", "1m1s1ms", "250us"] {
            XCTAssertEqual(try ConfigDuration.parse(text).get().description, text)
        }
        XCTAssertEqual(ConfigDuration(.milliseconds(1500)).description, "1s500ms")
    }
}
