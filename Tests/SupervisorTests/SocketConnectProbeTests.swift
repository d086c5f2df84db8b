import Foundation
import SupervisorService
import XCTest

/// The interim probe against real sockets: a listener, a stale socket file, a missing path.
final class SocketConnectProbeTests: XCTestCase {
    func testServingOnlyWhileSomethingListens() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("berth-probe-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("audit.sock").path
        let child = ChildSpec(name: "audit", executable: "/bin/true", socketPath: path)
        let probe = SocketConnectProbe()

        var isServing = await probe.isServing(child)
        XCTAssertFalse(isServing, "no socket file")

        let listener = try Self.listen(at: path)
        isServing = await probe.isServing(child)
        XCTAssertTrue(isServing, "listening")

        close(listener)  // the file stays behind, as after a crash
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        isServing = await probe.isServing(child)
        XCTAssertFalse(isServing, "stale socket file")
    }

    private static func listen(at path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(Glibc.listen(fd, 8), 0)
        return fd
    }
}
