/// What a non-throwing container factory returns for a shape the bridge refuses: every call throws the error
/// (which the encoder has also recorded, in case the caller writes nothing).
struct RefusedEncodingContainer: UnkeyedEncodingContainer, SingleValueEncodingContainer {
    let error: ProtoCodecError
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }

    func keyed<Key: CodingKey>(_ type: Key.Type) -> RefusedKeyedEncodingContainer<Key> {
        RefusedKeyedEncodingContainer(error: error)
    }

    mutating func encodeNil() throws { throw error }
    mutating func encode(_ value: Bool) throws { throw error }
    mutating func encode(_ value: String) throws { throw error }
    mutating func encode(_ value: Double) throws { throw error }
    mutating func encode(_ value: Float) throws { throw error }
    mutating func encode(_ value: Int) throws { throw error }
    mutating func encode(_ value: Int8) throws { throw error }
    mutating func encode(_ value: Int16) throws { throw error }
    mutating func encode(_ value: Int32) throws { throw error }
    mutating func encode(_ value: Int64) throws { throw error }
    mutating func encode(_ value: UInt) throws { throw error }
    mutating func encode(_ value: UInt8) throws { throw error }
    mutating func encode(_ value: UInt16) throws { throw error }
    mutating func encode(_ value: UInt32) throws { throw error }
    mutating func encode(_ value: UInt64) throws { throw error }
    mutating func encode<T: Encodable>(_ value: T) throws { throw error }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusedKeyedEncodingContainer<NestedKey>(error: error))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { RefusedEncoder(error: error) }
}

struct RefusedKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let error: ProtoCodecError
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { throw error }
    mutating func encode(_ value: Bool, forKey key: Key) throws { throw error }
    mutating func encode(_ value: String, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Int, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Int8, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Int16, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Int32, forKey key: Key) throws { throw error }
    mutating func encode(_ value: Int64, forKey key: Key) throws { throw error }
    mutating func encode(_ value: UInt, forKey key: Key) throws { throw error }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { throw error }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { throw error }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { throw error }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { throw error }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { throw error }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(RefusedKeyedEncodingContainer<NestedKey>(error: error))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        RefusedEncodingContainer(error: error)
    }
    mutating func superEncoder() -> any Encoder { RefusedEncoder(error: error) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { RefusedEncoder(error: error) }
}

/// An encoder whose every container refuses.
struct RefusedEncoder: Encoder {
    let error: ProtoCodecError
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RefusedKeyedEncodingContainer<Key>(error: error))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { RefusedEncodingContainer(error: error) }
    func singleValueContainer() -> any SingleValueEncodingContainer { RefusedEncodingContainer(error: error) }
}
