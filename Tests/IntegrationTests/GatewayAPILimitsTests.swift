import BerthTesting
import Foundation
import GatewayService
import XCTest

/// The gateway's limits over real HTTP: request bodies (413) and per-client rate limits (429 + Retry-After).
final class GatewayAPILimitsTests: XCTestCase {
    func testAnOversizedBodyIs413WithAProblem() async throws {
        var options = GatewayOptions()
        options.maxBodyBytes = 2048
        try await GatewayAPIHarness.run(options: options) { gateway in
            let token = try await gateway.adminToken()
            let big = #"{"name":"big","labels":{"a":""# + String(repeating: "x", count: 4096) + #""}}"#
            let refused = try await gateway.post("/api/v1/spaces", json: big, token: token)
            XCTAssertEqual(refused.status, 413)
            XCTAssertEqual(try refused.problemCode(), "body_too_large")
            // Checked before authentication: an anonymous client cannot make the gateway read a large body.
            let anonymous = try await gateway.post("/api/v1/spaces", json: big, token: nil)
            XCTAssertEqual(anonymous.status, 413)
            let small = try await gateway.post("/api/v1/spaces", json: #"{"name":"small"}"#, token: token)
            XCTAssertEqual(small.status, 201, small.text)
        }
    }

    func testTheAPIBucketAnswers429WithRetryAfterAndLeavesHealthAlone() async throws {
        var options = GatewayOptions()
        options.apiRateLimit = .init(burst: 3, perSecond: 0.1)
        try await GatewayAPIHarness.run(options: options) { gateway in
            let token = try await gateway.adminToken()
            for _ in 0..<3 {
                let allowed = try await gateway.get("/api/v1/templates", token: token)
                XCTAssertEqual(allowed.status, 200, allowed.text)
            }
            let limited = try await gateway.get("/api/v1/templates", token: token)
            XCTAssertEqual(limited.status, 429)
            XCTAssertEqual(try limited.problemCode(), "rate_limited")
            let retryAfter = try XCTUnwrap(limited.header("Retry-After").flatMap(Int.init))
            XCTAssertTrue((1...10).contains(retryAfter), "one token per 10 s: \(retryAfter)")
            for _ in 0..<5 {
                let health = try await gateway.get("/healthz")
                XCTAssertEqual(health.status, 200)
            }
            // The sign-in bucket is separate: /token is limited by its own rule (the route is another helper's;
            // whatever answers, it is not 429 on the first request).
            let signIn = try await gateway.send("POST", "/token", body: Data())
            XCTAssertNotEqual(signIn.status, 429)
        }
    }
}
