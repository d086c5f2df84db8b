@testable import TenancyService
import XCTest

/// The controller's inbox: repeated names merge, and a resync in progress can take the single spaces people wait
/// for without swallowing a full resync asked for meanwhile.
final class SpaceWakeupsTests: XCTestCase {
    func testSingleSpacesAreTakenWithoutTheFullResyncRequest() {
        let wakeups = SpaceWakeups()
        wakeups.enqueue("a")
        wakeups.enqueue(nil)
        wakeups.enqueue("b")
        wakeups.enqueue("a")
        XCTAssertEqual(wakeups.takeSpaces(), ["a", "b"], "in order, each once")
        XCTAssertEqual(wakeups.takeSpaces(), [])
        wakeups.enqueue("a")
        let rest = wakeups.take()
        XCTAssertTrue(rest.all, "the full resync asked for is still pending")
        XCTAssertEqual(rest.spaces, ["a"], "a name taken before can be asked for again")
        let empty = wakeups.take()
        XCTAssertFalse(empty.all)
        XCTAssertEqual(empty.spaces, [])
    }
}
