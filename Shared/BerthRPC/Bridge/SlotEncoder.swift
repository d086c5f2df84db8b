/// Encodes a value that codes itself as one single value (an enum's raw value, a wrapper struct around a
/// String, ...) into one slot.
final class SlotEncoder: Encoder {
    let field: FieldInfo
    let slot: UnsafeMutableRawPointer
    let arena: Arena
    var failure: ProtoCodecError?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(field: FieldInfo, slot: UnsafeMutableRawPointer, arena: Arena) {
        self.field = field
        self.slot = slot
        self.arena = arena
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(fail("a keyed value").keyed(Key.self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fail("an array")
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SlotEncodingContainer(encoder: self)
    }

    private func fail(_ shape: String) -> RefusedEncodingContainer {
        let error = ProtoCodecError.typeMismatch(field, swiftType: shape)
        if failure == nil { failure = error }
        return RefusedEncodingContainer(error: error)
    }
}

struct SlotEncodingContainer: SingleValueEncodingContainer {
    let encoder: SlotEncoder
    var codingPath: [any CodingKey] { [] }

    private func encodeScalar(_ value: some ProtoScalar) throws {
        try value.store(for: encoder.field, at: encoder.slot, arena: encoder.arena)
    }

    mutating func encodeNil() throws {
        throw ProtoCodecError(
            code: .unsupportedShape,
            message: "field \(encoder.field.qualifiedName) got a nested nil: use a single level of Optional")
    }

    mutating func encode(_ value: Bool) throws { try encodeScalar(value) }
    mutating func encode(_ value: String) throws { try encodeScalar(value) }
    mutating func encode(_ value: Double) throws { try encodeScalar(value) }
    mutating func encode(_ value: Float) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int8) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int16) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int32) throws { try encodeScalar(value) }
    mutating func encode(_ value: Int64) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt8) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt16) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt32) throws { try encodeScalar(value) }
    mutating func encode(_ value: UInt64) throws { try encodeScalar(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try ValueWriter.write(value, field: encoder.field, slot: encoder.slot, arena: encoder.arena)
    }
}
