/// A bump allocator for the protobuf-c structs, arrays and strings one encode builds.
///
/// Everything is freed at once when the arena goes away, after `protobuf_c_message_pack` has read it: the encoder
/// never calls `protobuf_c_message_free_unpacked` on what it built (that function frees field by field with the
/// allocator that unpacked, and would free arena memory). Not thread-safe: one arena belongs to one encode call.
final class Arena {
    private var chunks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    /// A typical request fits the first chunk; later chunks double.
    private var nextChunkSize = 2048

    init() {}

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Uninitialized memory, valid until the arena is released.
    func allocate(byteCount: Int, alignment: Int) -> UnsafeMutableRawPointer {
        if let cursor {
            let padding = Int(bitPattern: cursor).alignUp(alignment) - Int(bitPattern: cursor)
            if padding + byteCount <= remaining {
                self.cursor = cursor + (padding + byteCount)
                remaining -= padding + byteCount
                return cursor + padding
            }
        }
        let chunkSize = max(nextChunkSize, byteCount + alignment)
        nextChunkSize = chunkSize * 2
        let chunk = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
        chunks.append(chunk)
        let padding = Int(bitPattern: chunk).alignUp(alignment) - Int(bitPattern: chunk)
        cursor = chunk + (padding + byteCount)
        remaining = chunkSize - padding - byteCount
        return chunk + padding
    }

    /// A NUL-terminated copy of `string`'s UTF-8. A NUL inside the string cannot travel through protobuf-c's
    /// `char *` fields (it would cut the string short on the wire), so it is refused rather than truncated.
    func cString(_ string: String, field: FieldInfo) throws(ProtoCodecError) -> UnsafeMutablePointer<CChar> {
        var string = string
        let result: UnsafeMutablePointer<CChar>? = string.withUTF8 { utf8 in
            if utf8.contains(0) { return nil }
            let memory = allocate(byteCount: utf8.count + 1, alignment: 1)
            if let source = utf8.baseAddress { memory.copyMemory(from: source, byteCount: utf8.count) }
            memory.storeBytes(of: 0, toByteOffset: utf8.count, as: UInt8.self)
            return memory.bindMemory(to: CChar.self, capacity: utf8.count + 1)
        }
        guard let result else {
            throw ProtoCodecError(
                code: .invalidString,
                message: "string for field \(field.qualifiedName) contains a NUL byte, which protobuf-c strings "
                    + "cannot carry: remove it, or make the field bytes")
        }
        return result
    }
}

extension Int {
    fileprivate func alignUp(_ alignment: Int) -> Int { (self + alignment - 1) & ~(alignment - 1) }
}
