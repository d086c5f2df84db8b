import BerthTesting
import Foundation

/// Runs a child program (python, kubectl, the built `berth`) with a time limit and leaves nothing behind: output
/// goes to files (no pipe a grandchild could hold open, so nothing waits for an EOF that never comes), stdin is
/// /dev/null, the program is SIGKILLed when the limit passes, and the call returns only after it has exited.
enum BoundedProcess {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        /// True when the time limit killed it.
        let timedOut: Bool
    }

    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) async throws -> Outcome {
        let directory = try TemporaryDirectory(prefix: "child")
        defer { directory.remove() }
        let outPath = directory.appending("stdout")
        let errPath = directory.appending("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let (exits, exited) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { finished in
            exited.yield(finished.terminationStatus)
            exited.finish()
        }
        try process.run()
        let pid = process.processIdentifier
        let timedOut = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return false }
                kill(pid, SIGKILL)
                return true
            }
            var iterator = exits.makeAsyncIterator()
            _ = await iterator.next()
            group.cancelAll()
            return await group.next() ?? false
        }
        return Outcome(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
    }
}
