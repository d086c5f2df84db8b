import COpenSSL

/// scrypt (RFC 7914) through OpenSSL's `EVP_PBE_scrypt`: the memory-hard KDF behind local passwords.
public enum Scrypt {
    /// The cost parameters; stored next to every hash so they can be raised later without breaking old hashes.
    public struct Parameters: Sendable, Hashable {
        /// log2 of N, the CPU/memory cost (15: N = 32768, 32 MiB with r = 8).
        public var logN: Int
        public var r: Int
        public var p: Int
        public var keyLength: Int

        public init(logN: Int, r: Int, p: Int, keyLength: Int) {
            self.logN = logN
            self.r = r
            self.p = p
            self.keyLength = keyLength
        }

        /// Berth's default for passwords: N = 2^15, r = 8, p = 1, 32-byte key.
        public static let passwords = Parameters(logN: 15, r: 8, p: 1, keyLength: 32)

        /// The memory scrypt needs (128·r·N for V plus 128·r·p for B), with headroom for OpenSSL's own check.
        var memoryBytes: UInt64 { 128 * UInt64(r) * ((UInt64(1) << UInt64(logN)) + UInt64(p) + 2) + (1 << 20) }
    }

    public static func deriveKey(
        password: [UInt8], salt: [UInt8], parameters: Parameters
    ) throws(CryptoError) -> [UInt8] {
        guard (1...24).contains(parameters.logN), (1...64).contains(parameters.r), (1...64).contains(parameters.p),
            (16...128).contains(parameters.keyLength)
        else {
            throw CryptoError(
                operation: "scrypt",
                reason: "parameters ln=\(parameters.logN) r=\(parameters.r) p=\(parameters.p) "
                    + "keyLength=\(parameters.keyLength) are outside ln 1-24, r 1-64, p 1-64, key 16-128 bytes")
        }
        var key = [UInt8](repeating: 0, count: parameters.keyLength)
        let ok = password.withUnsafeBufferPointer { passwordBuffer in
            salt.withUnsafeBufferPointer { saltBuffer in
                passwordBuffer.withMemoryRebound(to: CChar.self) { passwordChars in
                    EVP_PBE_scrypt(
                        passwordChars.baseAddress, passwordChars.count, saltBuffer.baseAddress, saltBuffer.count,
                        UInt64(1) << UInt64(parameters.logN), UInt64(parameters.r), UInt64(parameters.p),
                        parameters.memoryBytes, &key, key.count)
                }
            }
        }
        guard ok == 1 else { throw CryptoError.fromOpenSSL("scrypt") }
        return key
    }
}
