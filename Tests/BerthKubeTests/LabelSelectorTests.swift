@testable import BerthKube
import XCTest

final class LabelSelectorTests: XCTestCase {
    func testRendersAndParsesEveryOperator() throws {
        let selector = LabelSelector([
            .equals("app", "web"), .notEquals("tier", "db"), .isIn("env", ["dev", "test"]), .notIn("zone", ["a"]),
            .exists("berth.dev/space"), .doesNotExist("legacy"),
        ])
        XCTAssertEqual(selector.description, "app=web,tier!=db,env in (dev,test),zone notin (a),berth.dev/space,!legacy")
        XCTAssertEqual(LabelSelector(parsing: selector.description), selector)
    }

    func testMatching() throws {
        let selector = try XCTUnwrap(LabelSelector(parsing: "app=web, env in (dev,test), !legacy"))
        XCTAssertTrue(selector.matches(["app": "web", "env": "dev"]))
        XCTAssertFalse(selector.matches(["app": "web", "env": "prod"]))
        XCTAssertFalse(selector.matches(["app": "web", "env": "dev", "legacy": "1"]))
        XCTAssertTrue(try XCTUnwrap(LabelSelector(parsing: "zone notin (a)")).matches([:]), "notin matches a missing key")
        XCTAssertNil(LabelSelector(parsing: "env in dev"), "malformed set")
    }
}

final class RetryPolicyTests: XCTestCase {
    func testBackoffDoublesIsCappedAndJittered() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), jitter: 0.5)
        let error = KubeError(.serverError, "x")
        XCTAssertEqual(policy.delay(afterAttempt: 1, error: error, random: 0), .milliseconds(100))
        XCTAssertEqual(policy.delay(afterAttempt: 3, error: error, random: 0), .milliseconds(400))
        XCTAssertEqual(policy.delay(afterAttempt: 3, error: error, random: 1), .milliseconds(200), "jitter takes up to half off")
        XCTAssertEqual(policy.delay(afterAttempt: 9, error: error, random: 0), .seconds(1), "capped")
    }

    func testRetryAfterWinsWhenLongerButIsCapped() {
        let policy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(100), maxBackoff: .seconds(5), jitter: 0)
        XCTAssertEqual(policy.delay(afterAttempt: 1, error: KubeError(.tooManyRequests, "x", retryAfter: .seconds(2)), random: 0), .seconds(2))
        XCTAssertEqual(policy.delay(afterAttempt: 1, error: KubeError(.tooManyRequests, "x", retryAfter: .seconds(60)), random: 0), .seconds(5))
    }
}
