import BerthRPC
import Foundation
import XCTest

final class TransportAuthorizationTests: XCTestCase {
    /// Told that the caller (whoever it is) may only read.
    private struct ReadOnlyAuthorizer: RPCAuthorizer {
        func authorize(
            _ peer: PeerCredentials, for method: RPCMethodDescriptor, metadata: [String: String]
        ) -> RPCAuthorizationDecision {
            method.access == .read ? .allow : .deny(requirement: "membership of the test's admin group")
        }
    }

    func testWriteCallIsDeniedWithTheMethodAndRequirementWhileReadsPass() async throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir.appendingPathComponent("auth.sock").path
        let ran = ManagedCounter()
        var router = RPCRouter()
        router.unary(TestMethods.echo) { request, _ in request }
        router.unary(TestMethods.write) { request, _ in
            ran.increment()
            return request
        }
        let server = UnixRPCServer(
            socketPath: path, router: router, authorizer: ReadOnlyAuthorizer(), logger: testLogger())
        try await withRunningServer(server) {
            let client = UnixRPCClient(socketPath: path)
            let read = try await client.unary(TestMethods.echo, EchoMessage("read"))
            XCTAssertEqual(read.text, "read")
            let denied = await assertClientError(.permissionDenied) {
                try await client.unary(TestMethods.write, EchoMessage("write"))
            }
            let message = denied?.message ?? ""
            XCTAssertTrue(message.contains("berth.testing.v1.Echo/Write"), message)
            XCTAssertTrue(message.contains("write call"), message)
            XCTAssertTrue(message.contains("membership of the test's admin group"), message)
            XCTAssertEqual(ran.value, 0, "the handler ran for a denied call")
            await client.close()
        }
    }

    func testDefaultPolicy() {
        let method = { (access: RPCAccess) in RPCMethodDescriptor(service: "s", method: "m", access: access) }
        let policy = PeerCredentialAuthorizer(
            serviceUID: 998, adminGroupIDs: [997], supplementaryGroups: { $0.uid == 1001 ? [100, 997] : [100] })
        let service = PeerCredentials(uid: 998, gid: 998, pid: 1)
        let root = PeerCredentials(uid: 0, gid: 0, pid: 1)
        let adminByPrimaryGroup = PeerCredentials(uid: 1000, gid: 997, pid: 1)
        let adminBySupplementaryGroup = PeerCredentials(uid: 1001, gid: 100, pid: 1)
        let someone = PeerCredentials(uid: 1002, gid: 100, pid: 1)

        for peer in [service, root, adminByPrimaryGroup, adminBySupplementaryGroup] {
            for access in RPCAccess.allCases {
                XCTAssertEqual(policy.authorize(peer, for: method(access), metadata: [:]), .allow, "\(peer) \(access)")
            }
        }
        XCTAssertEqual(policy.authorize(someone, for: method(.read), metadata: [:]), .allow)
        for access in [RPCAccess.write, .admin] {
            guard case .deny(let requirement) = policy.authorize(someone, for: method(access), metadata: [:]) else {
                return XCTFail("\(access) allowed for an ordinary user")
            }
            XCTAssertTrue(requirement.contains("uid 998"), requirement)
            XCTAssertTrue(requirement.contains("997"), requirement)
        }
        // Forged metadata changes nothing: the decision is from the kernel's credentials only.
        XCTAssertNotEqual(
            policy.authorize(someone, for: method(.admin), metadata: ["uid": "0", "x-berth-uid": "0"]), .allow)

        let stricter = PeerCredentialAuthorizer(
            serviceUID: 998, adminGroupIDs: [], otherUsersMay: [], supplementaryGroups: { _ in [] })
        XCTAssertNotEqual(stricter.authorize(someone, for: method(.read), metadata: [:]), .allow)
    }
}

/// A thread-safe counter for handlers to report into.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
