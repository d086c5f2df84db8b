/// A stored password: scrypt parameters, salt and derived key, encoded as
/// `$scrypt$ln=15,r=8,p=1$<base64url salt>$<base64url key>` (the parameters travel with the hash, so raising the
/// cost later leaves old hashes verifiable and `needsRehash` says which to upgrade at the next login).
public struct PasswordHash: Sendable, Hashable {
    public let parameters: Scrypt.Parameters
    public let salt: [UInt8]
    public let key: [UInt8]

    public static let saltLength = 16

    /// Hashes `password` with a fresh random 16-byte salt.
    public static func make(
        password: String, parameters: Scrypt.Parameters = .passwords
    ) throws(CryptoError) -> PasswordHash {
        let salt = try SecureRandom.bytes(saltLength)
        let key = try Scrypt.deriveKey(password: Array(password.utf8), salt: salt, parameters: parameters)
        return PasswordHash(parameters: parameters, salt: salt, key: key)
    }

    public init(parameters: Scrypt.Parameters, salt: [UInt8], key: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.key = key
    }

    /// Parses the encoded form; nil when it is not one.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [Substring: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let number = Int(kv[1]) else { return nil }
            values[kv[0]] = number
        }
        guard let logN = values["ln"], let r = values["r"], let p = values["p"],
            let salt = Base64URL.decode(String(parts[3])), let key = Base64URL.decode(String(parts[4])),
            !salt.isEmpty, !key.isEmpty
        else { return nil }
        self.init(parameters: Scrypt.Parameters(logN: logN, r: r, p: p, keyLength: key.count), salt: salt, key: key)
    }

    public var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$\(Base64URL.encode(salt))$\(Base64URL.encode(key))"
    }

    /// Whether `password` derives this key. The derived and stored keys are compared with `compare`, which is
    /// `ConstantTime.equals` unless a test watches the comparison.
    public func matches(
        _ password: String, compare: ([UInt8], [UInt8]) -> Bool = ConstantTime.equals
    ) throws(CryptoError) -> Bool {
        let derived = try Scrypt.deriveKey(password: Array(password.utf8), salt: salt, parameters: parameters)
        return compare(derived, key)
    }

    /// True when the hash was made with weaker parameters than `current`: rehash it after the next good login.
    public func needsRehash(current: Scrypt.Parameters = .passwords) -> Bool {
        parameters.logN < current.logN || parameters.r < current.r || parameters.p < current.p
            || parameters.keyLength < current.keyLength
    }
}
