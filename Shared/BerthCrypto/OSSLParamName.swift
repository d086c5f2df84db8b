/// OSSL_PARAM keys as C strings that outlive the call: an OSSL_PARAM keeps the key pointer, and a Swift String
/// passed as `const char *` is only valid during the call that converts it.
enum OSSLParamName {
    static func pointer(_ name: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
    }
    static var rsaN: UnsafePointer<CChar> { pointer("n") }
    static var rsaE: UnsafePointer<CChar> { pointer("e") }
    static var rsaBits: UnsafePointer<CChar> { pointer("bits") }
    static var group: UnsafePointer<CChar> { pointer("group") }
    static var publicKey: UnsafePointer<CChar> { pointer("pub") }
}
