import BerthTesting
import Foundation
@testable import IdentityService
import XCTest

/// A real slapd with `SlapdDirectory`'s entries, an identity.db to mirror users into, and an LDAP connector
/// configured against them (two group searches: groupOfNames by DN and posixGroup by uid).
struct LDAPFixture {
    let identity: IdentityFixture
    let directory: TemporaryDirectory
    let slapd: SlapdServer

    /// Skips the test (with the reason) when the machine has no slapd.
    init() throws {
        if let reason = SlapdServer.unavailableReason { throw XCTSkip(reason) }
        identity = try IdentityFixture()
        directory = try TemporaryDirectory(prefix: "slapd")
        slapd = try SlapdServer(
            directory: directory.path, suffix: SlapdDirectory.suffix, rootPassword: "admin-pw",
            ldif: SlapdDirectory.ldif)
        try slapd.start()
    }

    func settings(nestedDepth: Int = 3, poolSize: Int = 4) -> LDAPSettings {
        LDAPSettings(
            id: "corp", url: slapd.url, insecureNoTLS: true, bindDN: slapd.rootDN, bindPassword: slapd.rootPassword,
            userSearch: .init(baseDN: SlapdDirectory.people),
            groupSearches: [
                .init(baseDN: SlapdDirectory.groups),
                .init(
                    baseDN: SlapdDirectory.groups, filter: "(objectClass=posixGroup)", memberAttribute: "memberUid",
                    userAttribute: "uid"),
            ],
            nestedDepth: nestedDepth, timeoutSeconds: 3, poolSize: poolSize)
    }

    func connector(nestedDepth: Int = 3, poolSize: Int = 4) -> LDAPConnector {
        LDAPConnector(
            settings: settings(nestedDepth: nestedDepth, poolSize: poolSize),
            mirror: SQLiteMirroredUserStore(database: identity.database))
    }

    func remove() {
        slapd.stop()
        directory.remove()
        identity.remove()
    }
}

/// The IdentityError a call threw, nil if it returned.
func identityError<T>(_ body: () async throws -> T) async -> IdentityError? {
    do {
        _ = try await body()
        return nil
    } catch let error as IdentityError {
        return error
    } catch {
        XCTFail("unexpected \(error)")
        return nil
    }
}
