/// Decodes a value that codes itself as one single value (an enum's raw value, a wrapper struct) from one slot.
struct SlotDecoder: Decoder, SingleValueDecodingContainer {
    let field: FieldInfo
    let slot: UnsafeRawPointer

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw ProtoCodecError.typeMismatch(field, swiftType: "a keyed value")
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw ProtoCodecError.typeMismatch(field, swiftType: "an array")
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func read<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueReader.read(T.self, field: field, slot: slot)
    }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool { try read(type) }
    func decode(_ type: String.Type) throws -> String { try read(type) }
    func decode(_ type: Double.Type) throws -> Double { try read(type) }
    func decode(_ type: Float.Type) throws -> Float { try read(type) }
    func decode(_ type: Int.Type) throws -> Int { try read(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try read(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try read(type) }
}
