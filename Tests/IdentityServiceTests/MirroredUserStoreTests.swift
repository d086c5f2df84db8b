@testable import IdentityService
import XCTest

/// `SQLiteMirroredUserStore`'s contract: keyed by (connector, external id), updates in place, refuses a username
/// another user holds without changing anything.
final class MirroredUserStoreTests: XCTestCase {
    func testMirrorsByExternalIDAndRefusesATakenUsername() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        _ = try fixture.addUser("admin", password: "pw")  // a local user
        let store = SQLiteMirroredUserStore(database: fixture.database)

        let first = try store.mirror(
            ExternalUser(externalID: "uuid-1", username: "dana", email: "d@x", groups: ["b", "a", "a"]),
            connectorID: "corp", now: 10)
        XCTAssertEqual(first.groups, ["a", "b"])
        let updated = try store.mirror(
            ExternalUser(externalID: "uuid-1", username: "dana.k", email: "dk@x", groups: ["c"]), connectorID: "corp",
            now: 20)
        XCTAssertEqual(updated.id, first.id)
        XCTAssertEqual(updated.createdAt, 10)
        XCTAssertEqual(try fixture.users.user(id: first.id)?.groups, ["c"])
        XCTAssertEqual(try fixture.users.user(id: first.id)?.username, "dana.k")

        // The same external id under another connector is another person.
        let other = try store.mirror(ExternalUser(externalID: "uuid-1", username: "erin"), connectorID: "sso", now: 30)
        XCTAssertNotEqual(other.id, first.id)

        // "admin" belongs to the local connector: refused, and nothing was written.
        XCTAssertThrowsError(
            try store.mirror(ExternalUser(externalID: "uuid-9", username: "admin"), connectorID: "corp", now: 40)
        ) { error in
            XCTAssertEqual((error as? IdentityError)?.code, .alreadyExists)
            XCTAssertTrue((error as? IdentityError)?.message.contains("\"local\"") ?? false)
        }
        let again = try store.mirror(ExternalUser(externalID: "uuid-9", username: "frank"), connectorID: "corp", now: 50)
        XCTAssertEqual(again.createdAt, 50, "the refused attempt left no row behind")
    }
}
