import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import Glibc
import XCTest

/// The built executables (`swift build` puts them beside the test bundle).
enum BuiltProducts {
    static let directory: String = {
        let bundle = Bundle.main.bundleURL
        // .build/<triple>/debug/BerthPackageTests.xctest -> .build/<triple>/debug
        return bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent().path : bundle.path
    }()

    static func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static func require(_ names: [String]) throws {
        for name in names where !FileManager.default.isExecutableFile(atPath: path(name)) {
            throw XCTSkip("\(name) is not built in \(directory): run `swift build` (make test does) first")
        }
    }
}

/// A real `berthd` process on a temporary state and runtime directory, with a free loopback port for the gateway.
final class BerthdProcess {
    let env: TestEnvironment
    let process = Process()
    let logFile: String
    let gatewayPort: Int

    /// - Parameter stateDirectory: an existing state directory (a restored backup) instead of a fresh one.
    init(
        binDir: String = BuiltProducts.directory, stateDirectory: String? = nil,
        extraEnvironment: [String: String] = [:]
    ) throws {
        try BuiltProducts.require(["berthd"] + ServiceName.startOrder.map(\.executableName))
        env = try TestEnvironment(binDir: binDir)
        gatewayPort = try FreePort.loopback()
        logFile = env.root.appending("berthd.log")
        FileManager.default.createFile(atPath: logFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path("berthd"))
        process.arguments = [
            "--state-dir", stateDirectory ?? env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir,
            "--bin-dir", binDir,
        ]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
        environment["BERTH_GATEWAY_LISTEN"] = "http://127.0.0.1:\(gatewayPort)"
        environment["BERTH_STORAGE_SYNCHRONOUS"] = "normal"
        environment["BERTH_SUPERVISOR_STOP_GRACE_PERIOD"] = "5s"
        for (key, value) in extraEnvironment { environment[key] = value }
        process.environment = environment
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// berthd's Status RPC, or nil while it does not answer.
    func status() async -> SupervisorV1.StatusResponse? {
        try? await UnixRPCClient.call(
            socketPath: env.paths.supervisorSocketPath, SupervisorV1.status, SupervisorV1.StatusRequest(),
            deadline: .seconds(1))
    }

    func service(_ name: ServiceName) async -> SupervisorV1.ServiceStatus? {
        await status()?.services.first { $0.name == name.rawValue }
    }

    func allServing() async -> Bool {
        guard let services = await status()?.services, services.count == ServiceName.allCases.count else { return false }
        return services.allSatisfy { $0.state == .serving }
    }

    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait for the process to exit (SIGKILL and fail after `timeout`).
    func stop(timeout: Duration = .seconds(15)) async -> Bool {
        guard process.isRunning else { return true }
        kill(pid, SIGTERM)
        let exited = await eventually(timeout: timeout) { !self.process.isRunning }
        if !exited { kill(pid, SIGKILL) }
        return exited
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        env.remove()
    }
}

/// A free TCP port on 127.0.0.1 (bind to 0, read it back, close).
enum FreePort {
    static func loopback() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFixtureError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else { throw TestFixtureError("could not bind a loopback port: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Whether a process exists (kill(pid, 0)).
func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
}
