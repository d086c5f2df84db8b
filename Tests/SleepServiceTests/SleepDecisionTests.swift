import Foundation
import XCTest

@testable import SleepService

/// The decisions with an injected clock: numbered scenario steps, never the wall clock.
final class SleepDecisionTests: XCTestCase {
    static func utc(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    static let nightly = SleepWindow(
        weekdays: Set(1...7), sleepAt: SleepWindow.LocalTime("19:00")!, wakeAt: SleepWindow.LocalTime("08:00")!,
        timeZone: "Europe/Berlin")

    func testNightlyWindowKeepsWallClockTimesAcrossBothDaylightSavingChanges() throws {
        // 01-spring-forward (2026-03-29, Berlin goes from UTC+1 to UTC+2 at 02:00): the night is 12 h long.
        XCTAssertFalse(try Self.nightly.contains(Self.utc("2026-03-28T17:59:00Z")), "18:59 CET: not yet")
        XCTAssertTrue(try Self.nightly.contains(Self.utc("2026-03-28T18:00:00Z")), "19:00 CET: asleep")
        XCTAssertTrue(try Self.nightly.contains(Self.utc("2026-03-29T05:59:00Z")), "07:59 CEST: still asleep")
        XCTAssertFalse(try Self.nightly.contains(Self.utc("2026-03-29T06:00:00Z")), "08:00 CEST: awake")
        // 02-fall-back (2026-10-25, UTC+2 to UTC+1 at 03:00): the night is 14 h long.
        XCTAssertTrue(try Self.nightly.contains(Self.utc("2026-10-24T17:00:00Z")), "19:00 CEST: asleep")
        XCTAssertTrue(try Self.nightly.contains(Self.utc("2026-10-25T06:59:00Z")), "07:59 CET: still asleep")
        XCTAssertFalse(try Self.nightly.contains(Self.utc("2026-10-25T07:00:00Z")), "08:00 CET: awake")
    }

    func testWeekdayWindowsLeaveTheWeekendNightsAlone() throws {
        var weekdays = Self.nightly
        weekdays.weekdays = [2, 3, 4, 5, 6]  // Monday to Friday evenings
        XCTAssertTrue(try weekdays.contains(Self.utc("2026-11-21T06:00:00Z")), "Saturday 07:00: the Friday window")
        XCTAssertFalse(try weekdays.contains(Self.utc("2026-11-21T20:00:00Z")), "Saturday 21:00: no window starts")
        XCTAssertThrowsError(try SleepWindow(weekdays: [1], sleepAt: Self.nightly.sleepAt, wakeAt: Self.nightly.wakeAt, timeZone: "Mars/Olympus").contains(Date()))
        XCTAssertNil(SleepWindow.LocalTime("25:00"))
        XCTAssertNil(SleepWindow.LocalTime("7:5"))
    }

    func testInactivityKeepAwakeAndPreventWake() throws {
        let policy = EffectiveSleepPolicy(sleepAfter: .seconds(3600))
        let active = Self.utc("2026-11-20T10:00:00Z")
        // 00-setup: last activity at 10:00. 01-assert-stay at 10:59, 02-assert-sleep at 11:00.
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T10:59:00Z"), lastActivity: active, asleep: false, asleepSince: nil, policy: policy, deleteWarned: false), .stay)
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T11:00:00Z"), lastActivity: active, asleep: false, asleepSince: nil, policy: policy, deleteWarned: false), .sleep(reason: "inactivity for 1h"))
        // 03-assert-wake: activity while asleep wakes it.
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T12:00:00Z"), lastActivity: Self.utc("2026-11-20T11:59:00Z"), asleep: true, asleepSince: Self.utc("2026-11-20T11:00:00Z"), policy: policy, deleteWarned: false), .wake(reason: "activity"))
        // 04-keep-awake: pinned until 18:00, idle or not.
        var pinned = policy
        pinned.keepAwakeUntil = Self.utc("2026-11-20T18:00:00Z")
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T17:00:00Z"), lastActivity: active, asleep: false, asleepSince: nil, policy: pinned, deleteWarned: false), .stay)
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T18:00:00Z"), lastActivity: active, asleep: false, asleepSince: nil, policy: pinned, deleteWarned: false), .sleep(reason: "inactivity for 1h"))
        // 05-prevent-wake: asleep stays asleep whatever happens, until an owner wakes it.
        var prevented = policy
        prevented.preventWake = true
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T12:00:00Z"), lastActivity: Self.utc("2026-11-20T11:59:00Z"), asleep: true, asleepSince: Self.utc("2026-11-20T11:00:00Z"), policy: prevented, deleteWarned: false), .stay)
    }

    func testScheduleSleepsAndWakesByTheWindow() throws {
        let policy = EffectiveSleepPolicy(windows: [Self.nightly])
        let active = Self.utc("2026-11-20T10:00:00Z")
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-20T18:00:00Z"), lastActivity: active, asleep: false, asleepSince: nil, policy: policy, deleteWarned: false), .sleep(reason: "schedule"))
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-21T06:59:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-20T18:00:00Z"), policy: policy, deleteWarned: false), .stay)
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-21T07:00:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-20T18:00:00Z"), policy: policy, deleteWarned: false), .wake(reason: "schedule"))
    }

    func testDeleteAfterWarnsThenDeletes() throws {
        let policy = EffectiveSleepPolicy(sleepAfter: .seconds(3600), deleteAfter: .seconds(7 * 86_400), deleteWarning: .seconds(86_400))
        let active = Self.utc("2026-11-01T10:00:00Z")
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-07T09:59:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-01T11:00:00Z"), policy: policy, deleteWarned: false), .stay)
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-07T10:00:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-01T11:00:00Z"), policy: policy, deleteWarned: false), .warnDelete(at: Self.utc("2026-11-08T10:00:00Z")))
        XCTAssertEqual(try SleepDecision.decide(now: Self.utc("2026-11-07T12:00:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-01T11:00:00Z"), policy: policy, deleteWarned: true), .stay)
        guard case .delete = try SleepDecision.decide(now: Self.utc("2026-11-08T10:00:00Z"), lastActivity: active, asleep: true, asleepSince: Self.utc("2026-11-01T11:00:00Z"), policy: policy, deleteWarned: true) else {
            return XCTFail("not deleted when due")
        }
    }
}
