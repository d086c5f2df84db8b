import BerthCrypto

/// The text form of an access key: `berth_ak_<id>_<secret>`.
///
/// - `id`: 16 random bytes as hex (no `_`), the row's primary key: finding the row costs one index lookup, and
///   the id can appear in lists and logs.
/// - `secret`: 32 random bytes (256 bits) as base64url; only its SHA-256 is stored.
///
/// Why a plain SHA-256 and not scrypt like passwords: a slow KDF protects low-entropy secrets that people choose.
/// A 256-bit random secret cannot be guessed whatever the hash speed, so a stolen identity.db gives nothing an
/// attacker can brute-force, and verifying a key on every API call stays a microsecond instead of tens of
/// milliseconds of memory-hard work.
public struct AccessKeyToken: Sendable, Equatable {
    public static let prefix = "berth_ak_"
    public let id: String
    public let secret: String

    public var text: String { Self.prefix + id + "_" + secret }

    /// A new random key.
    public static func generate() throws(IdentityError) -> AccessKeyToken {
        do {
            return AccessKeyToken(
                id: try SecureRandom.identifier(bytes: 16), secret: Base64URL.encode(try SecureRandom.bytes(32)))
        } catch {
            throw IdentityError.crypto("create an access key", error)
        }
    }

    init(id: String, secret: String) {
        self.id = id
        self.secret = secret
    }

    /// Splits `berth_ak_<id>_<secret>`; nil when the text does not have that shape.
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        guard let separator = rest.firstIndex(of: "_") else { return nil }
        let id = rest[..<separator]
        let secret = rest[rest.index(after: separator)...]
        guard id.count == 32, id.allSatisfy(\.isHexDigit), secret.count >= 43 else { return nil }
        self.id = String(id)
        self.secret = String(secret)
    }

    /// True for text that claims to be an access key (VerifyToken routes on this).
    public static func looksLikeAccessKey(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// SHA-256 of the secret, as stored.
    public func secretDigest() throws(IdentityError) -> [UInt8] {
        do {
            return try SHA256.digest(Array(secret.utf8))
        } catch {
            throw IdentityError.crypto("hash an access key", error)
        }
    }
}
