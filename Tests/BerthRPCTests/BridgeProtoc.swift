import Foundation
import XCTest

/// Runs `protoc --encode` / `--decode` on the repository's proto/ tree: the reference the bridge must match.
enum BridgeProtoc {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL? {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin"]
        return candidates.map { URL(fileURLWithPath: $0).appendingPathComponent("protoc") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The bytes protoc produces for `text` (protobuf text format) as message `type` of `file` (relative to proto/).
    static func encode(_ type: String, _ text: String, file: String = "berth/testing/v1/golden.proto") throws -> [UInt8] {
        try run(["--encode=\(type)", "-I", "proto", file], input: Data(text.utf8))
    }

    /// protoc's text rendering of `bytes`, for failure messages and the unknown-field check.
    static func decode(_ type: String, _ bytes: [UInt8], file: String = "berth/testing/v1/golden.proto") throws -> String {
        String(decoding: try run(["--decode=\(type)", "-I", "proto", file], input: Data(bytes)), as: UTF8.self)
    }

    private static func run(_ arguments: [String], input: Data) throws -> [UInt8] {
        guard let executable else {
            throw XCTSkip("protoc not found on PATH: apt-get install protobuf-compiler to run the golden tests")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("protoc \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
            return []
        }
        return [UInt8](output)
    }
}
