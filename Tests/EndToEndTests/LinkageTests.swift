import Foundation
import XCTest

/// The system libraries are linked dynamically (security updates from Debian reach Berth without a rebuild):
/// `ldd` of each executable names the libraries it uses.
final class LinkageTests: XCTestCase {
    func libraries(of executable: String) throws -> String {
        try BuiltProducts.require([executable])
        let (code, output) = try runCommand("/usr/bin/ldd", [BuiltProducts.path(executable)])
        XCTAssertEqual(code, 0, output)
        return output
    }

    func testEveryServiceLinksProtobufC() throws {
        for executable in ["berthd", "berth-audit", "berth-identity", "berth-tenancy", "berth-sleep", "berth-gateway", "berth"] {
            XCTAssertTrue(try libraries(of: executable).contains("libprotobuf-c.so"), "\(executable) does not link libprotobuf-c")
        }
    }

    func testServicesWithDatabasesLinkTheSystemSQLite() throws {
        for executable in ["berth-audit", "berth-identity", "berth-tenancy", "berth-sleep"] {
            XCTAssertTrue(try libraries(of: executable).contains("libsqlite3.so"), "\(executable) does not link libsqlite3")
        }
    }

    func testAuditAndIdentityLinkOpenSSLAndIdentityLinksLibldap() throws {
        XCTAssertTrue(try libraries(of: "berth-audit").contains("libcrypto.so.3"))
        let identity = try libraries(of: "berth-identity")
        XCTAssertTrue(identity.contains("libldap"), identity)
        XCTAssertTrue(identity.contains("liblber"), identity)
    }
}
