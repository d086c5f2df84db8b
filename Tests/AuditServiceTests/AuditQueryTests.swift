@testable import AuditService
import BerthRPC
import XCTest

/// Query filters, ordering and cursor pagination on a real database.
final class AuditQueryTests: XCTestCase {
    func fixture() async throws -> AuditStoreFixture {
        let fixture = try AuditStoreFixture(checkpointEvery: 0)
        var round: [[EncodedEvent]] = []
        for index in 1...30 {
            let event = AuditStoreFixture.event(
                "q\(index)", action: index % 3 == 0 ? "space.deleted" : (index % 3 == 1 ? "space.created" : "team.created"),
                time: Int64(index) * 1_000_000_000, username: index % 2 == 0 ? "alice" : "bob",
                team: index <= 10 ? "payments" : "search", space: "s\(index % 4)",
                outcome: index % 5 == 0 ? .denied : .allowed)
            round.append([try EncodedEvent(event)])
        }
        for result in try await fixture.store.append(round: round) { _ = try result.get() }
        return fixture
    }

    func page(_ fixture: AuditStoreFixture, _ request: AuditV1.QueryRequest) async throws -> AuditV1.QueryResponse {
        try await AuditLogHandlers(store: fixture.store, publicKeyPem: "").query(request)
    }

    func testFiltersCombine() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let alicePayments = try await page(fixture, .init(actor: "alice", team: "payments"))
        XCTAssertEqual(alicePayments.records.map(\.sequence), [10, 8, 6, 4, 2])
        let bySubject = try await page(fixture, .init(actor: "sub-alice", team: "payments"))
        XCTAssertEqual(bySubject.records.map(\.sequence), [10, 8, 6, 4, 2])
        let spaceNoun = try await page(fixture, .init(untilUnixNanos: 7_000_000_000, actionPrefix: "space."))
        XCTAssertEqual(spaceNoun.records.map(\.sequence), [6, 4, 3, 1])
        let exact = try await page(fixture, .init(actionPrefix: "space.deleted", team: "payments"))
        XCTAssertEqual(exact.records.map(\.sequence), [9, 6, 3])
        let partial = try await page(fixture, .init(actionPrefix: "team.cr", space: "s2"))
        XCTAssertEqual(partial.records.map(\.sequence), [26, 14, 2])
        let denied = try await page(fixture, .init(outcome: .denied, oldestFirst: true))
        XCTAssertEqual(denied.records.map(\.sequence), [5, 10, 15, 20, 25, 30])
        let window = try await page(
            fixture, .init(sinceUnixNanos: 28_000_000_000, targetKind: "space", cluster: "c1"))
        XCTAssertEqual(window.records.map(\.sequence), [30, 29, 28])
        let none = try await page(fixture, .init(targetName: "nope"))
        XCTAssertEqual(none.records, [])
        XCTAssertEqual(none.nextPageToken, "")
    }

    func testPagesCoverEverythingOnceInBothOrders() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        for oldestFirst in [false, true] {
            var seen: [UInt64] = []
            var token = ""
            var pages = 0
            repeat {
                let response = try await page(fixture, .init(oldestFirst: oldestFirst, pageSize: 7, pageToken: token))
                seen += response.records.map(\.sequence)
                token = response.nextPageToken
                pages += 1
            } while !token.isEmpty
            XCTAssertEqual(seen, oldestFirst ? Array(1...30) : Array((1...30).reversed()))
            XCTAssertEqual(pages, 5)
        }
    }

    func testABadTokenOrEmptyRangeIsInvalidArgument() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let first = try await page(fixture, .init(pageSize: 5))
        do {
            _ = try await page(fixture, .init(oldestFirst: true, pageToken: first.nextPageToken))
            XCTFail("a newest-first token was accepted for oldest-first")
        } catch let error as AuditError {
            XCTAssertEqual(error.code, .invalidQuery)
        }
        do {
            _ = try await page(fixture, .init(pageToken: "garbage!"))
            XCTFail("a garbage token was accepted")
        } catch let error as AuditError {
            XCTAssertEqual(error.code, .invalidQuery)
        }
        do {
            _ = try await page(fixture, .init(sinceUnixNanos: 5, untilUnixNanos: 5))
            XCTFail("an empty time range was accepted")
        } catch let error as AuditError {
            XCTAssertEqual(error.code, .invalidQuery)
        }
    }

    func testAfterSequenceFollowsNewEvents() async throws {
        let fixture = try await fixture()
        defer { fixture.remove() }
        let after = try await page(fixture, .init(oldestFirst: true, afterSequence: 27))
        XCTAssertEqual(after.records.map(\.sequence), [28, 29, 30])
    }
}
