/// Authorization codes, refresh tokens and device codes.
///
/// Contract (every implementation):
/// - Secrets are never stored: every lookup is by the SHA-256 (hex) the caller computed.
/// - `redeemCode` marks an unused code used and returns it with `firstUse == true`, atomically, so two concurrent
///   redemptions of one code see exactly one `true`; a used code comes back with `firstUse == false`; unknown: nil.
/// - `rotate` marks `oldHash` rotated and inserts `new` in one transaction, only if `oldHash` was neither rotated
///   nor revoked; false means it lost (a replay or a race), and nothing changed.
/// - `revokeFamily` revokes every token of the family (idempotent).
/// - `updateDeviceCode` reads, changes and writes one device code in one transaction and returns it before and
///   after (nil when unknown; the closure is not retried).
/// - Storage failures throw `.storage`.
public protocol OAuthStore: Sendable {
    func insertCode(_ code: AuthorizationCodeRecord) throws(IdentityError)
    func redeemCode(hash: String, now: Int64) throws(IdentityError) -> (
        record: AuthorizationCodeRecord, firstUse: Bool
    )?
    func setCodeFamily(hash: String, familyID: String) throws(IdentityError)

    func insertRefreshToken(_ token: RefreshTokenRecord) throws(IdentityError)
    func refreshToken(hash: String) throws(IdentityError) -> RefreshTokenRecord?
    func rotate(oldHash: String, to new: RefreshTokenRecord, now: Int64) throws(IdentityError) -> Bool
    func revokeFamily(_ familyID: String, now: Int64) throws(IdentityError)

    func insertUpstreamLogin(_ login: UpstreamLoginRecord) throws(IdentityError)
    /// Returns and deletes the pending upstream login (single use, atomic); nil when unknown.
    func takeUpstreamLogin(stateHash: String) throws(IdentityError) -> UpstreamLoginRecord?

    func insertDeviceCode(_ code: DeviceCodeRecord) throws(IdentityError)
    func deviceCode(userCode: String) throws(IdentityError) -> DeviceCodeRecord?
    @discardableResult
    func updateDeviceCode(
        where match: DeviceCodeMatch, _ change: @Sendable (DeviceCodeRecord) -> DeviceCodeRecord
    ) throws(IdentityError) -> (before: DeviceCodeRecord, after: DeviceCodeRecord)?
}

/// How `updateDeviceCode` finds its row.
public enum DeviceCodeMatch: Sendable {
    case deviceCodeHash(String)
    case userCode(String)
}
