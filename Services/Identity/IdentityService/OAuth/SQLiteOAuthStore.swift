import BerthRPC
import BerthStore
import Foundation
import GRDB

/// `OAuthStore` on identity.db (migration 4).
public struct SQLiteOAuthStore: OAuthStore {
    let database: BerthDatabase

    public init(database: BerthDatabase) { self.database = database }

    public func insertCode(_ code: AuthorizationCodeRecord) throws(IdentityError) {
        try write("store an authorization code") { db in
            try db.execute(
                sql: """
                    INSERT INTO oauth_codes (code_hash, client_id, redirect_uri, code_challenge, nonce, scope,
                        session_id, user_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    code.codeHash, code.clientID, code.redirectURI, code.codeChallenge, code.nonce, code.scope,
                    code.sessionID, code.userID, code.expiresAt,
                ])
        }
    }

    public func redeemCode(hash: String, now: Int64) throws(IdentityError) -> (
        record: AuthorizationCodeRecord, firstUse: Bool
    )? {
        try write("redeem an authorization code") { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT * FROM oauth_codes WHERE code_hash = ?", arguments: [hash])
            else { return nil }
            var record = AuthorizationCodeRecord(
                codeHash: row["code_hash"], clientID: row["client_id"], redirectURI: row["redirect_uri"],
                codeChallenge: row["code_challenge"], nonce: row["nonce"], scope: row["scope"],
                sessionID: row["session_id"], userID: row["user_id"], expiresAt: row["expires_at"],
                usedAt: row["used_at"], familyID: row["family_id"])
            if record.usedAt != nil { return (record, false) }
            try db.execute(sql: "UPDATE oauth_codes SET used_at = ? WHERE code_hash = ?", arguments: [now, hash])
            record.usedAt = now
            return (record, true)
        }
    }

    public func setCodeFamily(hash: String, familyID: String) throws(IdentityError) {
        try write("link a code to its refresh tokens") { db in
            try db.execute(
                sql: "UPDATE oauth_codes SET family_id = ? WHERE code_hash = ?", arguments: [familyID, hash])
        }
    }

    public func insertRefreshToken(_ token: RefreshTokenRecord) throws(IdentityError) {
        try write("store a refresh token") { db in try Self.insert(token, db) }
    }

    public func refreshToken(hash: String) throws(IdentityError) -> RefreshTokenRecord? {
        do {
            return try database.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM refresh_tokens WHERE token_hash = ?", arguments: [hash])
                    .map(Self.refreshToken(from:))
            }
        } catch {
            throw IdentityError.storage("read a refresh token", error)
        }
    }

    public func rotate(oldHash: String, to new: RefreshTokenRecord, now: Int64) throws(IdentityError) -> Bool {
        try write("rotate a refresh token") { db in
            try db.execute(
                sql: """
                    UPDATE refresh_tokens SET rotated_at = ?
                    WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL
                    """,
                arguments: [now, oldHash])
            guard db.changesCount == 1 else { return false }
            try Self.insert(new, db)
            return true
        }
    }

    public func revokeFamily(_ familyID: String, now: Int64) throws(IdentityError) {
        try write("revoke a refresh token family") { db in
            try db.execute(
                sql: "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                arguments: [now, familyID])
        }
    }

    public func insertUpstreamLogin(_ login: UpstreamLoginRecord) throws(IdentityError) {
        let parameters: String
        do {
            parameters = String(decoding: try JSONEncoder().encode(login.parameters), as: UTF8.self)
        } catch {
            throw IdentityError.storage("encode an upstream login", error)
        }
        try write("store an upstream login") { db in
            try db.execute(
                sql: """
                    INSERT INTO upstream_logins (state_hash, connector_id, nonce, code_verifier, parameters_json,
                        callback_url, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    login.stateHash, login.connectorID, login.nonce, login.codeVerifier, parameters, login.callbackURL,
                    login.expiresAt,
                ])
        }
    }

    public func takeUpstreamLogin(stateHash: String) throws(IdentityError) -> UpstreamLoginRecord? {
        try write("finish an upstream login") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM upstream_logins WHERE state_hash = ?", arguments: [stateHash])
            else { return nil }
            try db.execute(sql: "DELETE FROM upstream_logins WHERE state_hash = ?", arguments: [stateHash])
            let json: String = row["parameters_json"]
            let parameters = try JSONDecoder().decode(IdentityV1.AuthorizationParameters.self, from: Data(json.utf8))
            return UpstreamLoginRecord(
                stateHash: stateHash, connectorID: row["connector_id"], nonce: row["nonce"],
                codeVerifier: row["code_verifier"], parameters: parameters, callbackURL: row["callback_url"],
                expiresAt: row["expires_at"])
        }
    }

    public func insertDeviceCode(_ code: DeviceCodeRecord) throws(IdentityError) {
        try write("store a device code") { db in
            try db.execute(
                sql: """
                    INSERT INTO device_codes (device_code_hash, user_code, client_id, scope, expires_at, poll_interval,
                        status) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    code.deviceCodeHash, code.userCode, code.clientID, code.scope, code.expiresAt, code.interval,
                    code.status.rawValue,
                ])
        }
    }

    public func deviceCode(userCode: String) throws(IdentityError) -> DeviceCodeRecord? {
        do {
            return try database.read { db in try Self.deviceCode(.userCode(userCode), db) }
        } catch {
            throw IdentityError.storage("read a device code", error)
        }
    }

    public func updateDeviceCode(
        where match: DeviceCodeMatch, _ change: @Sendable (DeviceCodeRecord) -> DeviceCodeRecord
    ) throws(IdentityError) -> (before: DeviceCodeRecord, after: DeviceCodeRecord)? {
        try write("update a device code") { db in
            guard let before = try Self.deviceCode(match, db) else { return nil }
            let after = change(before)
            try db.execute(
                sql: """
                    UPDATE device_codes SET poll_interval = ?, last_polled_at = ?, status = ?, session_id = ?,
                        user_id = ? WHERE device_code_hash = ?
                    """,
                arguments: [
                    after.interval, after.lastPolledAt, after.status.rawValue, after.sessionID, after.userID,
                    before.deviceCodeHash,
                ])
            return (before, after)
        }
    }

    // MARK: - Rows

    private func write<T>(_ what: String, _ body: (Database) throws -> T) throws(IdentityError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw IdentityError.storage(what, error)
        }
    }

    private static func insert(_ token: RefreshTokenRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO refresh_tokens (token_hash, family_id, session_id, user_id, client_id, scope, created_at,
                    family_started_at, rotated_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                token.tokenHash, token.familyID, token.sessionID, token.userID, token.clientID, token.scope,
                token.createdAt, token.familyStartedAt, token.rotatedAt, token.revokedAt,
            ])
    }

    private static func refreshToken(from row: Row) -> RefreshTokenRecord {
        RefreshTokenRecord(
            tokenHash: row["token_hash"], familyID: row["family_id"], sessionID: row["session_id"],
            userID: row["user_id"], clientID: row["client_id"], scope: row["scope"], createdAt: row["created_at"],
            familyStartedAt: row["family_started_at"], rotatedAt: row["rotated_at"], revokedAt: row["revoked_at"])
    }

    private static func deviceCode(_ match: DeviceCodeMatch, _ db: Database) throws -> DeviceCodeRecord? {
        let (column, value): (String, String) =
            switch match {
            case .deviceCodeHash(let hash): ("device_code_hash", hash)
            case .userCode(let code): ("user_code", code)
            }
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM device_codes WHERE \(column) = ?", arguments: [value])
        else { return nil }
        return DeviceCodeRecord(
            deviceCodeHash: row["device_code_hash"], userCode: row["user_code"], clientID: row["client_id"],
            scope: row["scope"], expiresAt: row["expires_at"], interval: row["poll_interval"],
            lastPolledAt: row["last_polled_at"],
            status: DeviceCodeRecord.Status(rawValue: row["status"]) ?? .denied, sessionID: row["session_id"],
            userID: row["user_id"])
    }
}
