/// Arrays of scalars (`[String]`, `[Int32]`, `[Data]`, ...) code a repeated field in one step: one dynamic cast
/// per field instead of an encoder, a container and a cast per element.
protocol ProtoScalarArray {
    /// Writes the elements into a new arena array and stores its count and pointer into the struct at `base`.
    func store(for field: FieldInfo, into base: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError)
    /// Copies the repeated field of the struct at `base` into a Swift array.
    static func load(for field: FieldInfo, from base: UnsafeRawPointer) throws(ProtoCodecError) -> Self
}

extension Array: ProtoScalarArray where Element: ProtoScalar {
    func store(for field: FieldInfo, into base: UnsafeMutableRawPointer, arena: Arena) throws(ProtoCodecError) {
        var elements: UnsafeMutableRawPointer?
        if !isEmpty {
            let size = field.kind.slotSize
            let storage = arena.allocate(byteCount: count * size, alignment: field.kind.slotAlignment)
            for (index, element) in enumerated() {
                try element.store(for: field, at: storage + index * size, arena: arena)
            }
            elements = storage
        }
        (base + field.quantifierOffset).storeBytes(of: count, as: Int.self)
        (base + field.offset).storeBytes(of: elements, as: UnsafeMutableRawPointer?.self)
    }

    static func load(for field: FieldInfo, from base: UnsafeRawPointer) throws(ProtoCodecError) -> [Element] {
        let count = (base + field.quantifierOffset).load(as: Int.self)
        guard count > 0, let elements = (base + field.offset).load(as: UnsafeRawPointer?.self) else { return [] }
        let size = field.kind.slotSize
        var result: [Element] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            result.append(try Element.load(for: field, at: elements + index * size))
        }
        return result
    }
}
