/// Decodes a Swift array from a repeated field, or a dictionary from a map field (its repeated entry messages).
struct RepeatedDecoder: Decoder {
    let field: FieldInfo
    let count: Int
    let elements: UnsafeRawPointer?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(field: FieldInfo, base: UnsafeRawPointer) {
        self.field = field
        self.count = (base + field.quantifierOffset).load(as: Int.self)
        self.elements = (base + field.offset).load(as: UnsafeRawPointer?.self)
    }

    func slot(_ index: Int) -> UnsafeRawPointer? {
        elements.map { $0 + index * field.kind.slotSize }
    }

    /// The key and value fields of a map's entry type.
    func entryFields() throws(ProtoCodecError) -> (key: FieldInfo, value: FieldInfo) {
        guard field.isMap else { throw .typeMismatch(field, swiftType: "a keyed value") }
        let layout = try field.messageLayout()
        guard let key = layout.field(number: 1), let value = layout.field(number: 2) else {
            throw .typeMismatch(field, swiftType: "a map entry without key and value")
        }
        return (key, value)
    }

    /// The entry struct at `index` of a map field.
    func entry(_ index: Int) -> UnsafeRawPointer? {
        slot(index)?.load(as: UnsafeRawPointer?.self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try MapDecodingContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        if field.isMap { return try RepeatedDecodingContainer(decoder: self, entryFields: entryFields()) }
        return RepeatedDecodingContainer(decoder: self, entryFields: nil)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw ProtoCodecError.typeMismatch(field, swiftType: "a single value")
    }
}

extension ProtoCodecError {
    static func malformedMap(_ field: FieldInfo) -> ProtoCodecError {
        ProtoCodecError(
            code: .malformedInput, message: "map field \(field.qualifiedName) has an entry protobuf-c left empty")
    }
}

/// The elements of a repeated field; for a map with non-String/Int Swift keys, key, value, key, value, ...
struct RepeatedDecodingContainer: UnkeyedDecodingContainer {
    let decoder: RepeatedDecoder
    let entryFields: (key: FieldInfo, value: FieldInfo)?
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(decoder: RepeatedDecoder, entryFields: (key: FieldInfo, value: FieldInfo)?) {
        self.decoder = decoder
        self.entryFields = entryFields
    }

    var count: Int? { entryFields == nil ? decoder.count : decoder.count * 2 }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private mutating func next<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw ProtoCodecError(
                code: .unsupportedShape,
                message: "read past the end of repeated field \(decoder.field.qualifiedName)")
        }
        defer { currentIndex += 1 }
        if let entryFields {
            guard let entry = decoder.entry(currentIndex / 2) else { throw ProtoCodecError.malformedMap(decoder.field) }
            let field = currentIndex % 2 == 0 ? entryFields.key : entryFields.value
            return try ValueReader.read(T.self, field: field, slot: entry + field.offset)
        }
        guard let slot = decoder.slot(currentIndex) else { throw ProtoCodecError.malformedMap(decoder.field) }
        return try ValueReader.read(T.self, field: decoder.field, slot: slot)
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw ProtoCodecError.nestedContainers(decoder.field.qualifiedName)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw ProtoCodecError.nestedContainers(decoder.field.qualifiedName)
    }
    mutating func superDecoder() throws -> any Decoder {
        throw ProtoCodecError.nestedContainers(decoder.field.qualifiedName)
    }
}

/// A map decoded into a `[String: V]` / `[Int: V]`: entries by their key's string form (the last duplicate
/// key wins, as protobuf says).
struct MapDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let field: FieldInfo
    let valueField: FieldInfo
    private let entries: [String: UnsafeRawPointer]
    var codingPath: [any CodingKey] { [] }

    init(decoder: RepeatedDecoder) throws {
        let (keyField, valueField) = try decoder.entryFields()
        self.field = decoder.field
        self.valueField = valueField
        var entries: [String: UnsafeRawPointer] = [:]
        entries.reserveCapacity(decoder.count)
        for index in 0..<decoder.count {
            guard let entry = decoder.entry(index) else { throw ProtoCodecError.malformedMap(decoder.field) }
            let keySlot = entry + keyField.offset
            let key: String
            switch keyField.kind {
            case .string: key = try String.load(for: keyField, at: keySlot)
            case .int32: key = String(try Int32.load(for: keyField, at: keySlot))
            case .int64: key = String(try Int64.load(for: keyField, at: keySlot))
            case .uint32: key = String(try UInt32.load(for: keyField, at: keySlot))
            case .uint64: key = String(try UInt64.load(for: keyField, at: keySlot))
            case .bool: key = String(try Bool.load(for: keyField, at: keySlot))
            default: throw ProtoCodecError.typeMismatch(keyField, swiftType: "a map key")
            }
            entries[key] = entry
        }
        self.entries = entries
    }

    var allKeys: [Key] { entries.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { entries[key.stringValue] != nil }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    private func read<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let entry = entries[key.stringValue] else {
            throw ProtoCodecError(
                code: .unsupportedShape,
                message: "map field \(field.qualifiedName) has no key \"\(key.stringValue)\"")
        }
        return try ValueReader.read(T.self, field: valueField, slot: entry + valueField.offset)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(type, forKey: key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try read(type, forKey: key) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw ProtoCodecError.nestedContainers(field.qualifiedName)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw ProtoCodecError.nestedContainers(field.qualifiedName)
    }
    func superDecoder() throws -> any Decoder { throw ProtoCodecError.nestedContainers(field.qualifiedName) }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw ProtoCodecError.nestedContainers(field.qualifiedName) }
}
