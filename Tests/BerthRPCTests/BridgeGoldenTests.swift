import BerthRPC
import Foundation
import XCTest

/// The bridge's bytes equal `protoc --encode` byte for byte, and decoding protoc's bytes gives the same values.
final class BridgeGoldenTests: XCTestCase {
    private func assertGolden<M: ProtoMessage & Equatable>(
        _ value: M, _ text: String, file: String = "berth/testing/v1/golden.proto",
        sourceFile: StaticString = #filePath, line: UInt = #line
    ) throws {
        let expected = try BridgeProtoc.encode(M.protoMessageName, text, file: file)
        let actual = try ProtoCodec.encode(value)
        XCTAssertEqual(
            actual, expected,
            "bridge bytes differ from protoc for \(M.protoMessageName); protoc reads ours as:\n"
                + ((try? BridgeProtoc.decode(M.protoMessageName, actual, file: file)) ?? "<undecodable>"),
            file: sourceFile, line: line)
        XCTAssertEqual(try ProtoCodec.decode(M.self, from: expected), value, file: sourceFile, line: line)
    }

    func testEveryScalarTypeSet() throws {
        let value = TestingV1.Scalars(
            i32: -42, i64: -9_000_000_000, u32: 4_000_000_000, u64: 18_000_000_000_000_000_000, s32: -3,
            s64: -9_223_372_036_854_775_808, f32: 0xDEAD_BEEF, f64: 0x0123_4567_89AB_CDEF, sf32: -7, sf64: -8,
            flag: true, ratio: 0.25, precise: -1.5e300, text: "héllo, wörld", blob: Data([0, 1, 0xFF, 0x80]),
            color: .blue)
        try assertGolden(
            value,
            """
            i32: -42 i64: -9000000000 u32: 4000000000 u64: 18000000000000000000 s32: -3
            s64: -9223372036854775808 f32: 0xDEADBEEF f64: 0x0123456789ABCDEF sf32: -7 sf64: -8
            flag: true ratio: 0.25 precise: -1.5e300 text: "h\\303\\251llo, w\\303\\266rld" blob: "\\000\\001\\377\\200"
            color: COLOR_BLUE
            """)
    }

    func testSintZigzagExtremes() throws {
        try assertGolden(
            TestingV1.Scalars(s32: Int32.min, s64: Int64.max, sf32: Int32.max, sf64: Int64.min),
            "s32: -2147483648 s64: 9223372036854775807 sf32: 2147483647 sf64: -9223372036854775808")
        try assertGolden(TestingV1.Scalars(i32: -1), "i32: -1")  // a negative int32 is a 10-byte varint
    }

    func testDefaultsAreNotOnTheWire() throws {
        try assertGolden(TestingV1.Scalars(), "")
        XCTAssertEqual(try ProtoCodec.encode(TestingV1.Scalars()), [])
        try assertGolden(TestingV1.Scalars(text: "", blob: Data()), "")
        try assertGolden(TestingV1.Scalars(text: "x"), "text: \"x\"")
    }

    func testNestedAndRepeated() throws {
        let value = TestingV1.Composite(
            inner: TestingV1.Inner(name: "a", value: 1), numbers: [1, -2, 300, 0], names: ["x", "", "zz"],
            items: [TestingV1.Inner(name: "i1"), TestingV1.Inner(value: -5), TestingV1.Inner()],
            colors: [.red, .unspecified, .blue], blobs: [Data([1, 2]), Data()])
        try assertGolden(
            value,
            """
            inner { name: "a" value: 1 } numbers: [1, -2, 300, 0] names: ["x", "", "zz"]
            items { name: "i1" } items { value: -5 } items {} colors: [COLOR_RED, COLOR_UNSPECIFIED, COLOR_BLUE]
            blobs: "\\001\\002" blobs: ""
            """)
    }

    func testEmptyNestedMessageIsPresent() throws {
        try assertGolden(TestingV1.Composite(inner: TestingV1.Inner()), "inner {}")
    }

    func testOneEntryMaps() throws {
        try assertGolden(TestingV1.Composite(labels: ["team": "payments"]), "labels { key: \"team\" value: \"payments\" }")
        try assertGolden(
            TestingV1.Composite(byName: ["n": TestingV1.Inner(name: "n", value: 9)]),
            "by_name { key: \"n\" value { name: \"n\" value: 9 } }")
        try assertGolden(TestingV1.Composite(byCode: [-7: "minus seven"]), "by_code { key: -7 value: \"minus seven\" }")
    }

    func testOneofMembers() throws {
        try assertGolden(TestingV1.Composite(choiceText: "t"), "choice_text: \"t\"")
        try assertGolden(TestingV1.Composite(choiceText: ""), "choice_text: \"\"")  // set-but-empty is on the wire
        try assertGolden(TestingV1.Composite(choiceNumber: -1), "choice_number: -1")
        try assertGolden(TestingV1.Composite(choiceInner: TestingV1.Inner(name: "c")), "choice_inner { name: \"c\" }")
    }

    func testScalarPresenceThroughOneMemberOneof() throws {
        try assertGolden(TestingV1.Composite(limit: 0), "limit: 0")
        try assertGolden(TestingV1.Composite(limit: 25), "limit: 25")
        try assertGolden(TestingV1.Composite(limit: nil), "")
        XCTAssertNil(try ProtoCodec.decode(TestingV1.Composite.self, from: []).limit)
    }

    func testTypicalAuditRequest() throws {
        let request = AuditV1.AppendRequest(events: [
            AuditV1.Event(
                id: "0b6f5c1e-2f39-4a2c-9a51-3c1d8e7f6a10", timeUnixNanos: 1_763_700_000_123_456_789,
                actor: AuditV1.Actor(subject: "u-1", username: "ada", groups: ["eng", "ops"], authenticatedBy: "oidc"),
                action: "space.created", target: AuditV1.Target(kind: "space", name: "dev-1", team: "payments"),
                outcome: .allowed, details: ["template": "web"])
        ])
        try assertGolden(
            request,
            """
            events {
              id: "0b6f5c1e-2f39-4a2c-9a51-3c1d8e7f6a10" time_unix_nanos: 1763700000123456789
              actor { subject: "u-1" username: "ada" groups: ["eng", "ops"] authenticated_by: "oidc" }
              action: "space.created" target { kind: "space" name: "dev-1" team: "payments" }
              outcome: OUTCOME_ALLOWED details { key: "template" value: "web" }
            }
            """, file: "berth/audit/v1/audit.proto")
    }

    func testHealthEnumNestedInMessage() throws {
        try assertGolden(
            HealthV1.HealthCheckResponse(status: .notServing), "status: NOT_SERVING", file: "grpc/health/v1/health.proto")
    }
}
