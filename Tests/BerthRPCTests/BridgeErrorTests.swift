import BerthRPC
import Foundation
import XCTest

/// Swift shapes that disagree with the contract, and bytes that are not a message, fail with ProtoCodecError.
final class BridgeErrorTests: XCTestCase {
    private func assertCode<T>(
        _ code: ProtoCodecError.Code, mentioning fragments: [String] = [],
        file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
    ) {
        do {
            let value = try body()
            XCTFail("expected \(code), got \(value)", file: file, line: line)
        } catch let error as ProtoCodecError {
            XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
            for fragment in fragments {
                XCTAssertTrue(error.message.contains(fragment), "\"\(error.message)\" lacks \"\(fragment)\"", file: file, line: line)
            }
        } catch {
            XCTFail("expected ProtoCodecError, got \(error)", file: file, line: line)
        }
    }

    // MARK: Swift types that disagree with the contract

    /// berth.testing.v1.Inner with a property the proto does not have.
    private struct InnerWithExtra: ProtoMessage {
        static var protoMessageName: String { "berth.testing.v1.Inner" }
        var name = "n"
        var nickname = "x"
    }

    /// berth.testing.v1.Inner without its `value` field.
    private struct InnerNameOnly: ProtoMessage, Equatable {
        static var protoMessageName: String { "berth.testing.v1.Inner" }
        var name = ""
    }

    private struct InnerWithIntValue: ProtoMessage {
        static var protoMessageName: String { "berth.testing.v1.Inner" }
        var value: Int = 1
    }

    private struct Unknown: ProtoMessage {
        static var protoMessageName: String { "berth.nothing.v1.Nothing" }
    }

    /// berth.testing.v1.Composite with a non-optional sub-message.
    private struct CompositeRequiredInner: ProtoMessage, Equatable {
        static var protoMessageName: String { "berth.testing.v1.Composite" }
        var inner = TestingV1.Inner()
        var choiceText = ""
    }

    func testSwiftPropertyWithoutProtoFieldFailsToEncode() {
        assertCode(.unknownField, mentioning: ["nickname", "berth.testing.v1.Inner"]) {
            try ProtoCodec.encode(InnerWithExtra())
        }
    }

    func testProtoFieldMissingFromSwiftTypeIsSkippedOnDecode() throws {
        let bytes = try ProtoCodec.encode(TestingV1.Inner(name: "kept", value: 7))
        XCTAssertEqual(try ProtoCodec.decode(InnerNameOnly.self, from: bytes), InnerNameOnly(name: "kept"))
    }

    func testWrongSwiftTypeNamesFieldAndFix() {
        assertCode(.typeMismatch, mentioning: ["berth.testing.v1.Inner.value", "Int32"]) {
            try ProtoCodec.encode(InnerWithIntValue())
        }
    }

    func testUnknownMessageName() {
        assertCode(.unknownMessage, mentioning: ["berth.nothing.v1.Nothing"]) { try ProtoCodec.encode(Unknown()) }
    }

    func testTwoOneofMembersSet() {
        assertCode(.oneofConflict, mentioning: ["choiceText", "choiceNumber"]) {
            try ProtoCodec.encode(TestingV1.Composite(choiceText: "a", choiceNumber: 1))
        }
    }

    func testStringWithNULIsRefused() {
        assertCode(.invalidString, mentioning: ["berth.testing.v1.Inner.name", "NUL"]) {
            try ProtoCodec.encode(TestingV1.Inner(name: "a\u{0}b"))
        }
    }

    func testAbsentNonOptionalMessageDecodesAsDefault() throws {
        XCTAssertEqual(try ProtoCodec.decode(CompositeRequiredInner.self, from: []), CompositeRequiredInner())
        // ...and a non-optional message is always on the wire, even when empty; so is a non-optional oneof
        // member (field 8, ""): only an optional property can leave a oneof unset.
        XCTAssertEqual(try ProtoCodec.encode(CompositeRequiredInner()), [0x0A, 0x00, 0x42, 0x00])
    }

    // MARK: Bytes that are not a message

    func testUnknownFieldsAreSkipped() throws {
        // Inner{name: "a"} + field 99 varint 5 + field 100 length-delimited "zz" + field 2 = 3.
        let bytes: [UInt8] = [0x0A, 0x01, 0x61, 0x98, 0x06, 0x05, 0xA2, 0x06, 0x02, 0x7A, 0x7A, 0x10, 0x03]
        XCTAssertEqual(try ProtoCodec.decode(TestingV1.Inner.self, from: bytes), TestingV1.Inner(name: "a", value: 3))
    }

    func testTruncatedInput() throws {
        let bytes = try ProtoCodec.encode(AuditV1.Event(id: "abcdef", actor: AuditV1.Actor(subject: "s")))
        XCTAssertEqual(bytes.count, 13)
        // Every cut inside a field (a cut at 8, between the two fields, is a valid shorter Event).
        for length in 1..<bytes.count where length != 8 {
            assertCode(.malformedInput) { try ProtoCodec.decode(AuditV1.Event.self, from: Array(bytes.prefix(length))) }
        }
    }

    func testGarbage() {
        assertCode(.malformedInput) { try ProtoCodec.decode(AuditV1.Event.self, from: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) }
        assertCode(.malformedInput) { try ProtoCodec.decode(TestingV1.Inner.self, from: [0x0A, 0x7F]) }
    }

    func testWrongWireType() {
        // Inner.name (string, field 1) sent as a varint.
        assertCode(.malformedInput) { try ProtoCodec.decode(TestingV1.Inner.self, from: [0x08, 0x01]) }
        // Inner.value (int32, field 2) sent length-delimited.
        assertCode(.malformedInput) { try ProtoCodec.decode(TestingV1.Inner.self, from: [0x12, 0x01, 0x61]) }
    }

    func testInvalidUTF8InStringField() {
        // Inner.name = C3 28 (a lead byte followed by a non-continuation byte).
        assertCode(.invalidString, mentioning: ["berth.testing.v1.Inner.name", "UTF-8"]) {
            try ProtoCodec.decode(TestingV1.Inner.self, from: [0x0A, 0x02, 0xC3, 0x28])
        }
    }

    func testUnknownEnumNumber() {
        // Scalars.color (field 16) = 7.
        assertCode(.unknownEnumValue, mentioning: ["7", "Color"]) {
            try ProtoCodec.decode(TestingV1.Scalars.self, from: [0x80, 0x01, 0x07])
        }
    }

    func testDecodingFromABufferPointer() throws {
        let bytes = try ProtoCodec.encode(TestingV1.Inner(name: "p", value: 1))
        let decoded = try bytes.withUnsafeBytes { try ProtoCodec.decode(TestingV1.Inner.self, from: $0) }
        XCTAssertEqual(decoded, TestingV1.Inner(name: "p", value: 1))
    }
}
