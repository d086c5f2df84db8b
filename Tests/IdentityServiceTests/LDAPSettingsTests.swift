import BerthTesting
import Foundation
@testable import IdentityService
import XCTest

/// `identity.connectors` decoding (every problem keyed) and RFC 4515 escaping.
final class LDAPSettingsTests: XCTestCase {
    func testEscapesEveryFilterMetacharacter() {
        XCTAssertEqual(LDAPFilter.escape(#"a*b(c)d\e"#), #"a\2ab\28c\29d\5ce"#)
        XCTAssertEqual(LDAPFilter.escape("nul\0"), #"nul\00"#)
        XCTAssertEqual(LDAPFilter.escape("Jürgen Ødegård"), "Jürgen Ødegård")
        XCTAssertEqual(LDAPFilter.and("(objectClass=person)", "uid", "*)(uid=*"), #"(&(objectClass=person)(uid=\2a\29\28uid=\2a))"#)
    }

    func testDecodesAnLDAPConnectorWithDefaults() throws {
        let root = try TemporaryDirectory(prefix: "ldapcfg")
        defer { root.remove() }
        let passwordFile = root.appending("bind")
        try "s3cret\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let yaml = """
            - id: corp
              type: ldap
              url: ldaps://ldap.example.com
              bindDN: cn=berth,dc=example,dc=com
              bindPasswordFile: \(passwordFile)
              userSearch:
                baseDN: ou=people,dc=example,dc=com
                usernameAttribute: sAMAccountName
              groupSearch:
                - baseDN: ou=groups,dc=example,dc=com
                - baseDN: ou=groups,dc=example,dc=com
                  filter: (objectClass=posixGroup)
                  memberAttribute: memberUid
                  userAttribute: uid
              timeout: 5s
            """
        let settings = try ConnectorSettings.decode(yaml)
        guard case .ldap(let ldap) = settings.first else { return XCTFail("\(settings)") }
        XCTAssertEqual(ldap.id, "corp")
        XCTAssertEqual(ldap.bindPassword, "s3cret")
        XCTAssertEqual(ldap.userSearch.usernameAttribute, "sAMAccountName")
        XCTAssertEqual(ldap.userSearch.filter, "(objectClass=person)")
        XCTAssertEqual(ldap.groupSearches.map(\.memberAttribute), ["member", "memberUid"])
        XCTAssertEqual(ldap.nestedDepth, 3)
        XCTAssertEqual(ldap.timeoutSeconds, 5)
        XCTAssertEqual(ldap.poolSize, 4)
        XCTAssertEqual(try ConnectorSettings.decode(""), [])
    }

    func testEveryProblemNamesItsKey() {
        func problem(_ yaml: String) -> String? {
            do {
                _ = try ConnectorSettings.decode(yaml)
                return nil
            } catch {
                XCTAssertEqual(error.code, .invalidConfig)
                return error.message
            }
        }
        let base = "- id: corp\n  type: ldap\n  url: ldap://x\n  insecureNoTLS: true\n  userSearch: {baseDN: dc=x}\n"
        XCTAssertNil(problem(base))
        XCTAssertTrue(problem("- id: corp\n  type: ldap\n  url: ldap://x\n  userSearch: {baseDN: dc=x}")?
            .hasPrefix("identity.connectors[0].startTLS:") ?? false)
        XCTAssertTrue(problem(base + "  nestedDeph: 2")?.hasPrefix("identity.connectors[0].nestedDeph: is not a known") ?? false)
        XCTAssertTrue(problem("- id: corp\n  type: ldap\n  url: http://x")?.hasPrefix("identity.connectors[0].url:") ?? false)
        XCTAssertTrue(problem("- id: corp\n  type: ldap\n  url: ldap://x\n  insecureNoTLS: true")?
            .hasPrefix("identity.connectors[0].userSearch: is required") ?? false)
        XCTAssertTrue(problem("- id: corp\n  type: ldap\n  url: ldap://x\n  insecureNoTLS: true\n  userSearch: {baseDN: dc=x, filter: objectClass=person}")?
            .contains("userSearch.filter") ?? false)
        XCTAssertTrue(problem(base + base)?.hasPrefix("identity.connectors[1].id: \"corp\" is used twice") ?? false)
        XCTAssertTrue(problem("- id: local\n  type: ldap\n  url: ldap://x\n  insecureNoTLS: true\n  userSearch: {baseDN: dc=x}")?
            .contains("is used twice") ?? false)
        XCTAssertTrue(problem("- id: x\n  type: saml")?.hasPrefix("identity.connectors[0].type:") ?? false)
        XCTAssertTrue(problem(base + "  bindDN: cn=a\n  bindPasswordFile: /nonexistent/file")?
            .hasPrefix("identity.connectors[0].bindPasswordFile: /nonexistent/file cannot be read") ?? false)
    }
}
