import BerthModel
import BerthRPC
import BerthTesting
import Glibc
import IdentityService
import XCTest

/// WhoAmI answers from the kernel's peer credentials: the test process's own uid and pid.
final class IdentityWhoAmITests: XCTestCase {
    func testWhoAmIReportsTheCallersKernelIdentity() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try IdentityService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .identity)
            let me = try await client.unary(IdentityV1.whoAmI, IdentityV1.WhoAmIRequest())
            XCTAssertEqual(me.uid, getuid())
            XCTAssertEqual(me.gid, getgid())
            XCTAssertEqual(me.pid, getpid())
            XCTAssertEqual(me.authenticatedBy, "peer-credentials")
            XCTAssertEqual(me.localAdmin, getuid() == 0)
            if getuid() == 0 { XCTAssertEqual(me.username, "root") }
        }
    }
}
