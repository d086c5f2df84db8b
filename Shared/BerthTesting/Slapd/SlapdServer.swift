import Foundation
import Synchronization

/// Debian's real `slapd`, run by a test on 127.0.0.1 with a generated `slapd.conf` (schemas core, cosine,
/// inetorgperson, nis; one mdb database) and the LDIF the test gives, loaded with `slapadd` (which also adds
/// `entryUUID`). Started in the foreground (`-d 0`) so its pid is ours; `stop()` and `start()` again keep the
/// same port and data, for "directory down, then back" tests.
///
/// `SlapdServer.unavailableReason` is non-nil when the machine has no slapd: tests skip with it (CI installs
/// `slapd` and `ldap-utils` through the Makefile's TEST_PACKAGES).
public final class SlapdServer: Sendable {
    public static let slapd = "/usr/sbin/slapd"
    public static let slapadd = "/usr/sbin/slapadd"
    public static let schemaDir = "/etc/ldap/schema"

    /// Why slapd cannot run here, or nil.
    public static var unavailableReason: String? {
        for tool in [slapd, slapadd] where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is missing: install slapd and ldap-utils (make test-deps)"
        }
        if !FileManager.default.fileExists(atPath: schemaDir + "/inetorgperson.schema") {
            return "\(schemaDir)/inetorgperson.schema is missing: reinstall slapd"
        }
        return nil
    }

    public let suffix: String
    public let rootDN: String
    public let rootPassword: String
    public let port: Int
    public var url: String { "ldap://127.0.0.1:\(port)" }
    private let directory: String
    private let process = Mutex<Process?>(nil)

    /// Writes the config and loads `ldif` (the suffix entry included) into a fresh database under `directory`.
    /// `tls`: PEM certificate and key files for StartTLS (nil = plain LDAP only).
    public init(
        directory: String, suffix: String, rootPassword: String, ldif: String,
        tls: (certificateFile: String, keyFile: String)? = nil
    ) throws {
        self.directory = directory
        self.suffix = suffix
        rootDN = "cn=admin,\(suffix)"
        self.rootPassword = rootPassword
        port = try Self.freePort()
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let config = """
            include \(Self.schemaDir)/core.schema
            include \(Self.schemaDir)/cosine.schema
            include \(Self.schemaDir)/inetorgperson.schema
            include \(Self.schemaDir)/nis.schema
            \(tls.map { "TLSCertificateFile \($0.certificateFile)\nTLSCertificateKeyFile \($0.keyFile)" } ?? "")
            pidfile \(directory)/slapd.pid
            argsfile \(directory)/slapd.args
            modulepath /usr/lib/ldap
            moduleload back_mdb
            database mdb
            maxsize 10485760
            suffix "\(suffix)"
            rootdn "\(rootDN)"
            rootpw \(rootPassword)
            directory \(data)
            index objectClass eq
            index uid,memberUid,member eq

            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        try ldif.write(toFile: directory + "/data.ldif", atomically: true, encoding: .utf8)
        let load = try Self.run(Self.slapadd, ["-q", "-f", configPath, "-l", directory + "/data.ldif"])
        guard load.status == 0 else {
            throw SlapdError(message: "slapadd failed (\(load.status)): \(load.output)")
        }
    }

    private var configPath: String { directory + "/slapd.conf" }

    /// Starts slapd and waits (polling a TCP connect, 10 s at most) until it accepts connections.
    public func start() throws {
        let slapd = Process()
        slapd.executableURL = URL(fileURLWithPath: Self.slapd)
        slapd.arguments = ["-d", "0", "-f", configPath, "-h", url + "/"]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        slapd.standardOutput = log
        slapd.standardError = log
        try slapd.run()
        process.withLock { $0 = slapd }
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while !Self.accepts(port: port) {
            if !slapd.isRunning {
                throw SlapdError(message: "slapd exited with \(slapd.terminationStatus) on \(url) (port taken?)")
            }
            if ContinuousClock.now >= deadline { throw SlapdError(message: "slapd did not listen on \(url) within 10s") }
            usleep(20_000)
        }
    }

    /// Kills slapd (SIGKILL) and waits for it to exit. The data stays; `start()` brings it back.
    public func stop() {
        let running = process.withLock { current -> Process? in
            defer { current = nil }
            return current
        }
        guard let running, running.isRunning else { return }
        // SIGKILL, not SIGTERM: a child started from a test process inherits a signal mask that blocks SIGTERM
        // (slapd then never stops), and a killed directory is the outage the tests want anyway (mdb survives it).
        kill(running.processIdentifier, SIGKILL)
        // Foundation's waitUntilExit spins a run loop that never wakes inside a Swift task: poll instead.
        while running.isRunning { usleep(5_000) }
    }

    deinit { stop() }

    /// A port nothing listens on right now (bind to 0, read it back, close).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SlapdError(message: "socket() failed: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw SlapdError(message: "bind() failed: \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw SlapdError(message: "getsockname() failed: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) }
        } == 0
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        while process.isRunning { usleep(5_000) }  // see stop(): no waitUntilExit inside a task
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// The fixture could not set up or start slapd.
public struct SlapdError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension SlapdServer {
    /// Applies an LDIF change (`changetype: modify` …) as the root DN through `ldapmodify` (ldap-utils), so a
    /// test can rename or change an entry while the connector is running.
    public func modify(_ ldif: String) throws {
        let file = directory + "/change-\(UInt32.random(in: 0...UInt32.max)).ldif"
        try ldif.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Self.run("/usr/bin/ldapmodify", ["-x", "-H", url, "-D", rootDN, "-w", rootPassword, "-f", file])
        guard result.status == 0 else { throw SlapdError(message: "ldapmodify failed (\(result.status)): \(result.output)") }
    }
}
