import BerthCrypto

/// The random secrets the OAuth flows hand out, and the hashes they are stored under.
enum OAuthSecrets {
    /// 32 random bytes, base64url (codes, refresh tokens, device codes).
    static func token() throws(IdentityError) -> String {
        do {
            return Base64URL.encode(try SecureRandom.bytes(32))
        } catch {
            throw IdentityError.crypto("generate a token", error)
        }
    }

    /// SHA-256 hex: what identity.db keeps instead of the secret.
    static func hash(_ secret: String) throws(IdentityError) -> String {
        do {
            return try SHA256.digest(Array(secret.utf8)).hexString
        } catch {
            throw IdentityError.crypto("hash a token", error)
        }
    }

    /// RFC 8628 §6.1: 8 characters from 20 consonants (no vowels, so no words; no look-alikes), shown as
    /// `WDJB-MJHT`. ~34 bits, enough with the device code's short lifetime and the login rate limit.
    static let userCodeAlphabet = Array("BCDFGHJKLMNPQRSTVWXZ")

    static func userCode() throws(IdentityError) -> String {
        var characters: [Character] = []
        while characters.count < 8 {
            let bytes: [UInt8]
            do {
                bytes = try SecureRandom.bytes(16)
            } catch {
                throw IdentityError.crypto("generate a user code", error)
            }
            // Rejection sampling: bytes ≥ 240 would make `% 20` uneven.
            for byte in bytes where byte < 240 && characters.count < 8 {
                characters.append(userCodeAlphabet[Int(byte % 20)])
            }
        }
        characters.insert("-", at: 4)
        return String(characters)
    }

    /// What a person typed, normalised: upper case, without spaces and dashes, re-dashed (`wdjb mjht` → `WDJB-MJHT`).
    static func normaliseUserCode(_ typed: String) -> String {
        var characters = Array(typed.uppercased().filter { userCodeAlphabet.contains($0) })
        if characters.count == 8 { characters.insert("-", at: 4) }
        return String(characters)
    }
}
