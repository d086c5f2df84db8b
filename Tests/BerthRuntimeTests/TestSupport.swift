import Foundation
import XCTest

/// A fresh directory per test, removed at teardown. Kept short: socket paths must fit in 107 bytes.
func makeTemporaryDirectory(_ testCase: XCTestCase) throws -> String {
    let path = "/tmp/berth-rt-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

func fileMode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// The repository root, found from this file's location (Tests/BerthRuntimeTests/…).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
