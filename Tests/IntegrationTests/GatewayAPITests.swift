import BerthRPC
import BerthTesting
import Foundation
import GatewayService
import XCTest

/// The REST API over real HTTP against the running gateway and services: authentication, problem+json,
/// pagination, idempotency, request ids, security headers and the metrics exposition.
final class GatewayAPITests: XCTestCase {
    func testBearerTokensAreRequiredAndForgedOrExpiredOnesAreRefused() async throws {
        try await GatewayAPIHarness.run { gateway in
            let missing = try await gateway.get("/api/v1/spaces")
            XCTAssertEqual(missing.status, 401)
            XCTAssertEqual(try missing.problemCode(), "unauthenticated")
            XCTAssertTrue(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") ?? false, "\(missing.headers)")

            let token = try await gateway.adminToken()
            let ok = try await gateway.get("/api/v1/spaces", token: token)
            XCTAssertEqual(ok.status, 200, ok.text)

            // A token with its signature changed: identity refuses it.
            var parts = token.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            let forged = try await gateway.get("/api/v1/spaces", token: parts.joined(separator: "."))
            XCTAssertEqual(forged.status, 401)
            XCTAssertEqual(try forged.problemCode(), "unauthenticated")
            XCTAssertTrue(forged.header("WWW-Authenticate")?.contains("invalid_token") ?? false)
            let garbage = try await gateway.get("/api/v1/teams", token: "not-a-token")
            XCTAssertEqual(garbage.status, 401)

            // A token never shown to the gateway before (so not cached), once identity's clock is past its
            // lifetime (3600 s): refused as expired.
            let old = try await gateway.adminToken()
            gateway.identityClock.advance(7200)
            let expired = try await gateway.get("/api/v1/spaces", token: old)
            XCTAssertEqual(expired.status, 401, expired.text)
            XCTAssertTrue((try expired.json()["detail"] as? String)?.contains("expired") ?? false, expired.text)

            // The OpenAPI document and health need no token.
            let document = try await gateway.get("/api/v1/openapi.json")
            XCTAssertEqual(document.status, 200)
            XCTAssertEqual(try document.json()["openapi"] as? String, "3.1.0")
            let health = try await gateway.get("/healthz")
            XCTAssertEqual(health.status, 200)
        }
    }

    func testSpacesCreateListPaginateAndErrorsAreProblems() async throws {
        try await GatewayAPIHarness.run { gateway in
            let token = try await gateway.adminToken()
            for name in ["api-a", "api-b", "api-c"] {
                let created = try await gateway.post("/api/v1/spaces", json: #"{"name":"\#(name)"}"#, token: token)
                XCTAssertEqual(created.status, 201, created.text)
                XCTAssertEqual(created.header("Location"), "/api/v1/spaces/\(name)?cluster=main")
                let body = try created.json()
                XCTAssertEqual(body["name"] as? String, name)
                XCTAssertEqual(body["cluster"] as? String, "main")
                XCTAssertNotNil(body["state"] as? String)
            }
            let first = try await gateway.get("/api/v1/spaces?limit=2", token: token)
            XCTAssertEqual(first.status, 200, first.text)
            let firstItems = try XCTUnwrap(try first.json()["items"] as? [[String: Any]])
            XCTAssertEqual(firstItems.count, 2)
            let cursor = try XCTUnwrap(try first.json()["nextCursor"] as? String)
            let encoded = try XCTUnwrap(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let second = try await gateway.get("/api/v1/spaces?limit=2&cursor=\(encoded)", token: token)
            let secondItems = try XCTUnwrap(try second.json()["items"] as? [[String: Any]])
            XCTAssertEqual(secondItems.count, 1)
            XCTAssertNil(try second.json()["nextCursor"], "the last page has no cursor")
            let names = (firstItems + secondItems).compactMap { $0["name"] as? String }
            XCTAssertEqual(Set(names), ["api-a", "api-b", "api-c"])

            let onMain = try await gateway.get("/api/v1/spaces?cluster=main&limit=10", token: token)
            XCTAssertEqual((try onMain.json()["items"] as? [Any])?.count, 3, onMain.text)
            let ready = try await eventually(timeout: .seconds(10)) {
                let page = try await gateway.get("/api/v1/spaces?state=Ready", token: token)
                return (try page.json()["items"] as? [Any])?.count == 3
            }
            XCTAssertTrue(ready, "the state filter finds the reconciled spaces")
            let sleeping = try await gateway.get("/api/v1/spaces?state=Sleeping", token: token)
            XCTAssertEqual((try sleeping.json()["items"] as? [Any])?.count, 0, sleeping.text)
            let unknownCluster = try await gateway.get("/api/v1/spaces?cluster=other", token: token)
            XCTAssertEqual(unknownCluster.status, 404, unknownCluster.text)

            let one = try await gateway.get("/api/v1/spaces/api-b", token: token)
            XCTAssertEqual(one.status, 200, one.text)
            XCTAssertEqual(try one.json()["name"] as? String, "api-b")

            let missing = try await gateway.get("/api/v1/spaces/nope", token: token)
            XCTAssertEqual(missing.status, 404)
            XCTAssertEqual(try missing.problemCode(), "not_found")
            let taken = try await gateway.post("/api/v1/spaces", json: #"{"name":"api-a"}"#, token: token)
            XCTAssertEqual(taken.status, 409)
            XCTAssertEqual(try taken.problemCode(), "already_exists")
            let invalidName = try await gateway.post("/api/v1/spaces", json: #"{"name":"Not_A_Label"}"#, token: token)
            XCTAssertEqual(invalidName.status, 422, invalidName.text)
            XCTAssertEqual(try invalidName.problemCode(), "invalid_argument")
            let notJSON = try await gateway.post("/api/v1/spaces", json: "{", token: token)
            XCTAssertEqual(notJSON.status, 400)
            XCTAssertEqual(try notJSON.problemCode(), "invalid_request")
            let noName = try await gateway.post("/api/v1/spaces", json: "{}", token: token)
            XCTAssertEqual(noName.status, 400)
            XCTAssertTrue((try noName.json()["detail"] as? String)?.contains("name") ?? false)
            let badLimit = try await gateway.get("/api/v1/spaces?limit=0", token: token)
            XCTAssertEqual(badLimit.status, 400)

            let deleted = try await gateway.send("DELETE", "/api/v1/spaces/api-c", token: token)
            XCTAssertEqual(deleted.status, 202, deleted.text)

            let audit = try await gateway.get("/api/v1/audit/events?action=space.&limit=1", token: token)
            XCTAssertEqual(audit.status, 200, audit.text)
            let events = try XCTUnwrap(try audit.json()["items"] as? [[String: Any]])
            XCTAssertEqual(events.count, 1)
            XCTAssertTrue((events.first?["action"] as? String)?.hasPrefix("space.") ?? false, audit.text)
            XCTAssertNotNil(try audit.json()["nextCursor"] as? String, "more than one space event: a next page")
            let badTime = try await gateway.get("/api/v1/audit/events?since=yesterday", token: token)
            XCTAssertEqual(badTime.status, 400)
            let ancient = try await gateway.get("/api/v1/audit/events?until=0001-01-01T00:00:00Z", token: token)
            XCTAssertEqual(ancient.status, 400, "found by schemathesis: a time outside Int64 nanoseconds once trapped")
        }
    }

    func testAnIdempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentBody() async throws {
        try await GatewayAPIHarness.run { gateway in
            let token = try await gateway.adminToken()
            let key = ["Idempotency-Key": "3f1c1e2a-create-team"]
            let body = #"{"name":"platform","displayName":"Platform"}"#
            let first = try await gateway.post("/api/v1/teams", json: body, token: token, headers: key)
            XCTAssertEqual(first.status, 201, first.text)
            XCTAssertNil(first.header("Idempotent-Replayed"))
            let again = try await gateway.post("/api/v1/teams", json: body, token: token, headers: key)
            XCTAssertEqual(again.status, 201, "the stored answer, not 409 already_exists: \(again.text)")
            XCTAssertEqual(again.body, first.body)
            XCTAssertEqual(again.header("Location"), "/api/v1/teams/platform")
            XCTAssertEqual(again.header("Idempotent-Replayed"), "true")

            let other = try await gateway.post(
                "/api/v1/teams", json: #"{"name":"platform-2"}"#, token: token, headers: key)
            XCTAssertEqual(other.status, 422)
            XCTAssertEqual(try other.problemCode(), "idempotency_key_reused")

            // Without the key the same body is a second request.
            let unkeyed = try await gateway.post("/api/v1/teams", json: body, token: token)
            XCTAssertEqual(unkeyed.status, 409)

            let teams = try await gateway.get("/api/v1/teams", token: token)
            XCTAssertEqual((try teams.json()["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["platform"])
            let team = try await gateway.get("/api/v1/teams/platform", token: token)
            XCTAssertEqual(try team.json()["displayName"] as? String, "Platform")
            let nobody = try await gateway.get("/api/v1/teams/nobody", token: token)
            XCTAssertEqual(nobody.status, 404)
        }
    }

    func testRequestIDsAreEchoedAndSecurityHeadersAreOnEveryAnswer() async throws {
        try await GatewayAPIHarness.run { gateway in
            let given = try await gateway.get("/healthz", headers: ["X-Request-Id": "ticket-4711"])
            XCTAssertEqual(given.header("X-Request-Id"), "ticket-4711")
            let generated = try await gateway.get("/api/v1/spaces")
            let id = try XCTUnwrap(generated.header("X-Request-Id"))
            XCTAssertEqual(id.count, 36, "a UUID: \(id)")
            XCTAssertEqual(try generated.json()["requestId"] as? String, id)
            let unsafe = try await gateway.get("/healthz", headers: ["X-Request-Id": String(repeating: "x", count: 300)])
            XCTAssertEqual(unsafe.header("X-Request-Id")?.count, 36, "an over-long id is replaced")
            for answer in [given, generated] {
                XCTAssertEqual(answer.header("X-Content-Type-Options"), "nosniff")
                XCTAssertEqual(answer.header("Referrer-Policy"), "no-referrer")
                XCTAssertEqual(answer.header("X-Frame-Options"), "DENY")
                XCTAssertTrue(answer.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") ?? false)
                XCTAssertNil(answer.header("Strict-Transport-Security"), "no HSTS on plain HTTP")
            }
        }
    }

    func testMetricsCountRequestsPerRouteTemplateAndParse() async throws {
        var options = GatewayOptions()
        options.apiRateLimit = .init(burst: 8, perSecond: 0.001)
        try await GatewayAPIHarness.run(options: options) { gateway in
            let token = try await gateway.adminToken()
            _ = try await gateway.get("/api/v1/spaces/first-space", token: token)
            _ = try await gateway.get("/api/v1/spaces/second-space", token: token)
            _ = try await gateway.get("/api/v1/spaces")
            for _ in 0..<8 { _ = try await gateway.get("/api/v1/teams", token: token) }
            let metrics = try await gateway.get("/metrics")
            XCTAssertEqual(metrics.status, 200)
            XCTAssertTrue(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") ?? false)
            let samples = try PrometheusSamples.parse(metrics.text)
            XCTAssertEqual(
                samples[#"berth_gateway_http_requests_total{method="GET",route="/api/v1/spaces/{name}",status="404"}"#], 2,
                metrics.text)
            XCTAssertFalse(metrics.text.contains("first-space"), "never a raw path")
            XCTAssertEqual(samples[#"berth_gateway_auth_failures_total{reason="missing"}"#], 1)
            XCTAssertGreaterThanOrEqual(samples[#"berth_gateway_rate_limited_total{bucket="api"}"#] ?? 0, 1)
            XCTAssertEqual(
                samples[#"berth_gateway_http_request_duration_seconds_count{method="GET",route="/api/v1/spaces/{name}"}"#], 2)
            XCTAssertEqual(samples[#"berth_service_up{service="identity"}"#], 1)
            XCTAssertEqual(samples[#"berth_service_up{service="sleep"}"#], 1)
        }
    }
}

/// A strict reader of the Prometheus text format: every line is a `# HELP`/`# TYPE` comment or
/// `name{label="value",…} number`; a sample's family must have been declared by `# TYPE` first.
enum PrometheusSamples {
    struct Malformed: Error, CustomStringConvertible {
        let line: String
        var description: String { "not Prometheus text: \(line)" }
    }

    static func parse(_ text: String) throws -> [String: Double] {
        var declared: Set<String> = []
        var samples: [String: Double] = [:]
        let sample = try Regex(#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? (\S+)$"#)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else {
                    throw Malformed(line: String(line))
                }
                declared.insert(String(parts[2]))
                continue
            }
            if line.hasPrefix("# HELP ") { continue }
            guard let match = try sample.wholeMatch(in: String(line)), let value = Double(String(line.split(separator: " ").last ?? "")) else {
                throw Malformed(line: String(line))
            }
            let name = String(match.output[1].substring ?? "")
            let family = ["_bucket", "_sum", "_count"].reduce(name) { $0.hasSuffix($1) && declared.contains(String($0.dropLast($1.count))) ? String($0.dropLast($1.count)) : $0 }
            guard declared.contains(family) else { throw Malformed(line: "undeclared family: \(line)") }
            samples[String(line.split(separator: " ").dropLast().joined(separator: " "))] = value
        }
        return samples
    }
}
