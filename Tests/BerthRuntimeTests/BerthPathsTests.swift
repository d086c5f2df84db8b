import BerthModel
@testable import BerthRuntime
import XCTest

final class BerthPathsTests: XCTestCase {
    func testPathsDeriveFromTheConfig() {
        let paths = BerthPaths(config: .defaults(binDir: "/usr/lib/berth"))
        XCTAssertEqual(paths.socketPath(for: .audit), "/run/berth/audit.sock")
        XCTAssertEqual(paths.supervisorSocketPath, "/run/berth/berthd.sock")
        XCTAssertEqual(paths.databasePath(for: .tenancy), "/var/lib/berth/tenancy.db")
        XCTAssertNil(paths.databasePath(for: .gateway))
        XCTAssertEqual(paths.spoolDirectory(for: .identity), "/var/lib/berth/spool/identity")
        XCTAssertEqual(paths.executablePath(for: .sleep), "/usr/lib/berth/berth-sleep")
    }

    func testPrepareCreatesDirectoriesWithTheirModes() throws {
        let root = try makeTemporaryDirectory(self)
        let previous = umask(0o077)  // the modes must not depend on the caller's umask
        defer { umask(previous) }
        let paths = BerthPaths(stateDirectory: root + "/a/state", runtimeDirectory: root + "/run", binDirectory: "/b")
        try paths.prepare()
        XCTAssertEqual(try fileMode(root + "/a/state"), 0o700)
        XCTAssertEqual(try fileMode(root + "/run"), 0o750)
        try paths.prepare()  // idempotent
        try paths.prepareSpoolDirectory(for: .audit)
        XCTAssertEqual(try fileMode(root + "/a/state/spool/audit"), 0o700)
    }

    func testPrepareExplainsAFileInTheWay() throws {
        let root = try makeTemporaryDirectory(self)
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/state", contents: Data()))
        let paths = BerthPaths(stateDirectory: root + "/state", runtimeDirectory: root + "/run", binDirectory: "/b")
        XCTAssertThrowsError(try paths.prepare()) { error in
            let runtimeError = error as? BerthRuntimeError
            XCTAssertEqual(runtimeError?.code, .directoryUnavailable)
            XCTAssertEqual(runtimeError?.keys, ["paths.stateDir"])
            XCTAssertTrue(runtimeError?.message.contains("exists but is not a directory") ?? false)
        }
    }

    func testPrepareExplainsPermissionDenied() throws {
        try XCTSkipIf(getuid() == 0, "root bypasses directory permissions")
        let root = try makeTemporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: root + "/locked", withIntermediateDirectories: false)
        chmod(root + "/locked", 0o500)
        defer { chmod(root + "/locked", 0o700) }
        let paths = BerthPaths(
            stateDirectory: root + "/locked/state", runtimeDirectory: root + "/run", binDirectory: "/b")
        XCTAssertThrowsError(try paths.prepare()) { error in
            let message = (error as? BerthRuntimeError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("cannot create state directory \(root)/locked/state: permission denied"))
            XCTAssertTrue(message.contains("--state-dir"), message)
        }
    }
}

extension BerthPathsTests {
    /// Runs as root too (where permission tests skip): a file where a parent directory should be.
    func testPrepareExplainsAnImpossibleParent() throws {
        let root = try makeTemporaryDirectory(self)
        XCTAssertTrue(FileManager.default.createFile(atPath: root + "/file", contents: Data()))
        let paths = BerthPaths(stateDirectory: root + "/s", runtimeDirectory: root + "/file/run", binDirectory: "/b")
        XCTAssertThrowsError(try paths.prepare()) { error in
            let runtimeError = error as? BerthRuntimeError
            XCTAssertEqual(runtimeError?.keys, ["paths.runtimeDir"])
            XCTAssertEqual(
                runtimeError?.message,
                "cannot create runtime directory \(root)/file/run: not a directory: set paths.runtimeDir to a "
                    + "directory that can be created")
        }
    }
}
