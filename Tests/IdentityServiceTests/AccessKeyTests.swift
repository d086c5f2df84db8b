import BerthCrypto
import BerthRPC
import BerthTesting
import GRDB
import IdentityService
import XCTest

/// Access keys over the real identity socket and identity.db: create (shown once), list (never the secret),
/// verify through VerifyToken next to ID tokens, expiry, revocation, scope narrowing, last-used throttling.
final class AccessKeyTests: XCTestCase {
    static let refusal = "the access key is not valid (unknown, expired or revoked)"

    func testAKeyIsShownOnceStoredHashedAndVerifiesAsAnAccessKey() async throws {
        try await AdminTestIdentity.run { identity in
            let created = try await identity.createKey(owner: "admin", scopes: ["admin"])
            let key = try XCTUnwrap(created.key)
            XCTAssertTrue(created.token.hasPrefix("berth_ak_\(key.id)_"), created.token)
            let secret = String(created.token.dropFirst("berth_ak_\(key.id)_".count))
            XCTAssertEqual(Base64URL.decode(secret)?.count, 32, "a 256-bit secret")
            XCTAssertEqual(key.ownerUsername, "admin")
            XCTAssertEqual(key.scopes, ["admin"])

            let listed = try await identity.client.unary(
                IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(owner: "admin"))
            XCTAssertEqual(listed.keys.map(\.id), [key.id])
            XCTAssertFalse("\(listed)".contains(secret), "lists never carry the secret")

            // identity.db holds the SHA-256 of the secret, not the secret.
            let stored = try identity.withDatabase { db in
                try Row.fetchOne(db, sql: "SELECT * FROM access_keys WHERE id = ?", arguments: [key.id])
            }
            let digest = try SHA256.digest(Array(secret.utf8)).hexString
            XCTAssertEqual(stored?["secret_sha256"] as String?, digest)
            XCTAssertFalse(stored?.description.contains(secret) ?? true)

            let viaKey = try await identity.verify(created.token, audience: "")
            XCTAssertEqual(viaKey.tokenKind, "access_key")
            XCTAssertEqual(viaKey.username, "admin")
            XCTAssertEqual(viaKey.scopes, ["admin"])
            XCTAssertEqual(viaKey.groups, ["berth-admins"])

            let idToken = try await identity.login("admin")
            let viaToken = try await identity.verify(idToken)
            XCTAssertEqual(viaToken.tokenKind, "id_token")
            XCTAssertEqual(viaToken.scopes, [])
            XCTAssertEqual(viaToken.subject, viaKey.subject)

            let events = identity.audit.events.filter { $0.action == "accesskey.created" }
            XCTAssertEqual(events.count, 1)
            XCTAssertEqual(events.first?.target?.name, key.id)
        }
    }

    func testExpiredRevokedUnknownAndTamperedKeysGetOneAnswer() async throws {
        try await AdminTestIdentity.run { identity in
            let expiring = try await identity.createKey(owner: "admin", scopes: ["read-only"], expiresIn: 60)
            let revoked = try await identity.createKey(owner: "admin", scopes: ["read-only"])
            XCTAssertEqual(expiring.key?.expiresAtUnix, 1_800_000_060)
            _ = try await identity.verify(expiring.token)

            _ = try await identity.client.unary(
                IdentityV1.revokeAccessKey, IdentityV1.RevokeAccessKeyRequest(id: revoked.key?.id ?? ""))
            identity.clock.advance(60)
            let keyID = try XCTUnwrap(revoked.key?.id)
            let tampered = String(revoked.token.dropLast()) + (revoked.token.hasSuffix("A") ? "B" : "A")
            let unknown = "berth_ak_" + String(repeating: "0", count: 32) + "_" + String(repeating: "x", count: 43)
            for token in [expiring.token, revoked.token, tampered, unknown, "berth_ak_garbage"] {
                let error = await rpcError { try await identity.verify(token) }
                XCTAssertEqual(error?.code, .unauthenticated, token)
                XCTAssertTrue(error?.message.hasPrefix(Self.refusal) ?? false, error?.message ?? "no error")
            }
            let all = try await identity.client.unary(
                IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(owner: "admin", includeRevoked: true))
            XCTAssertEqual(all.keys.first { $0.id == keyID }?.revokedAtUnix, 1_800_000_000)
            let live = try await identity.client.unary(
                IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(owner: "admin"))
            XCTAssertFalse(live.keys.contains { $0.id == keyID })
            XCTAssertEqual(identity.audit.actions().filter { $0 == "accesskey.revoked" }.count, 1)
        }
    }

    func testAPersonCannotCreateAKeyWiderThanTheirOwnRights() async throws {
        try await AdminTestIdentity.run { identity in
            _ = try await identity.createUser("dev", groups: ["team-a"])
            let other = try await identity.createUser("other")
            let token = try await identity.login("dev")
            for scopes in [["admin"], ["scim"], ["team:team-b"], ["read-only", "admin"]] {
                let error = await rpcError { try await identity.createKey(scopes: scopes, as: token) }
                XCTAssertEqual(error?.code, .permissionDenied, "\(scopes)")
                XCTAssertTrue(error?.message.contains("wider than your own rights") ?? false, error?.message ?? "")
            }
            let forOther = await rpcError { try await identity.createKey(owner: other.id, scopes: ["read-only"], as: token) }
            XCTAssertEqual(forOther?.code, .permissionDenied)

            let team = try await identity.createKey(scopes: ["team:team-a:edit"], as: token)
            XCTAssertEqual(team.key?.ownerUsername, "dev")
            XCTAssertEqual(team.key?.scopes, ["team:team-a:edit"])
            let readOnly = try await identity.createKey(scopes: ["read-only"], as: token)

            // A read-only key changes nothing, not even by creating keys.
            let fromReadOnly = await rpcError { try await identity.createKey(scopes: ["read-only"], as: readOnly.token) }
            XCTAssertEqual(fromReadOnly?.code, .permissionDenied)
            // A person sees only their own keys; admins anyone's.
            let mine = try await identity.client.unary(
                IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(), metadata: AdminTestIdentity.bearer(token))
            XCTAssertEqual(Set(mine.keys.map(\.id)), Set([team.key?.id, readOnly.key?.id].compactMap { $0 }))
            let everyone = await rpcError {
                try await identity.client.unary(
                    IdentityV1.listAccessKeys, IdentityV1.ListAccessKeysRequest(owner: "*"),
                    metadata: AdminTestIdentity.bearer(token))
            }
            XCTAssertEqual(everyone?.code, .permissionDenied)
            let bad = await rpcError { try await identity.createKey(scopes: ["root"], as: token) }
            XCTAssertEqual(bad?.code, .invalidArgument)
        }
    }

    /// An `admin` key is an admin only while its owner is one: leaving berth-admins narrows the key at once, the
    /// same rule every other service applies (`Principal`), so no key outlives its owner's rights.
    func testAnAdminKeyStopsBeingAdminWhenItsOwnerLeavesTheAdmins() async throws {
        try await AdminTestIdentity.run { identity in
            let ops = try await identity.createUser("ops", groups: ["berth-admins"])
            let key = try await identity.createKey(owner: "ops", scopes: ["admin"])
            let listed = try await identity.client.unary(
                IdentityV1.listUsers, IdentityV1.ListUsersRequest(), metadata: AdminTestIdentity.bearer(key.token))
            XCTAssertTrue(listed.users.contains { $0.username == "admin" }, "an admin's admin key lists everyone")

            let admins = try await identity.client.unary(IdentityV1.getGroup, IdentityV1.GetGroupRequest(name: "berth-admins"))
            _ = try await identity.client.unary(
                IdentityV1.updateGroupMembers, IdentityV1.UpdateGroupMembersRequest(groupId: admins.id, removeMemberIds: [ops.id]))
            let refused = await rpcError {
                try await identity.client.unary(
                    IdentityV1.listUsers, IdentityV1.ListUsersRequest(), metadata: AdminTestIdentity.bearer(key.token))
            }
            XCTAssertEqual(refused?.code, .permissionDenied, "the key is no wider than its owner now")
        }
    }

    /// Verifications within a minute write last-used once; after a minute they write again.
    func testLastUsedIsWrittenAtMostOnceAMinute() throws {
        let fixture = try IdentityFixture()
        defer { fixture.remove() }
        let user = try fixture.addUser("robot", password: "unused-password")
        let store = SQLiteAccessKeyStore(database: fixture.database)
        let token = try AccessKeyToken.generate()
        try store.create(
            StoredAccessKey(
                id: token.id, userID: user.id, name: "ci", scopes: ["read-only"],
                secretSHA256: try token.secretDigest().hexString, createdAt: fixture.clock.now))
        let verifier = AccessKeyVerifier(keys: store, users: fixture.users, now: fixture.clock.function)

        _ = try verifier.verify(token.text)
        XCTAssertEqual(try store.key(id: token.id)?.lastUsedAt, 1_800_000_000)
        fixture.clock.advance(30)
        _ = try verifier.verify(token.text)
        fixture.clock.advance(29)
        _ = try verifier.verify(token.text)
        XCTAssertEqual(try store.key(id: token.id)?.lastUsedAt, 1_800_000_000, "no write within the minute")
        fixture.clock.advance(1)
        _ = try verifier.verify(token.text)
        XCTAssertEqual(try store.key(id: token.id)?.lastUsedAt, 1_800_000_060)
        // The store's own guard: a write for a time within the interval does nothing.
        XCTAssertFalse(try store.markUsed(id: token.id, at: 1_800_000_100, minimumInterval: 60))
    }

    func testTokenTextRoundTripsAndRejectsOtherShapes() throws {
        let token = try AccessKeyToken.generate()
        XCTAssertEqual(AccessKeyToken(parsing: token.text), token)
        for text in ["", "berth_ak_", "berth_ak_abc_def", "ak_" + token.id + "_" + token.secret, token.text.uppercased()] {
            XCTAssertNil(AccessKeyToken(parsing: text), text)
        }
        XCTAssertThrowsError(try AccessKeyScope(parsing: "team:"))
        XCTAssertEqual(try AccessKeyScope(parsing: "team:a:viewer").description, "team:a:viewer")
    }
}

extension AdminTestIdentity {
    /// Reads identity.db beside the running service (WAL: readers do not block it).
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: env.paths.databasePath(for: .identity) ?? "")
        return try queue.read(body)
    }
}
