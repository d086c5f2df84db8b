import Foundation
import BerthRuntime
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies a child's stdout or stderr into the supervisor's log, one log record per line, on a thread of its
/// own (blocking reads stay off the cooperative pool).
///
/// The logger carries `service=<name>`; each record adds `stream=stdout|stderr`. A partial last line is
/// flushed when the pipe closes (the child and everything in its process group exited). Overlong lines are
/// cut at `maximumLineBytes` so one runaway child cannot grow the supervisor's memory.
enum OutputRelay {
    static let maximumLineBytes = 16 * 1024

    /// Starts relaying; takes ownership of `fd` and closes it at end of file.
    static func relay(fd: Int32, stream: String, logger: Logger) {
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending.append(contentsOf: chunk[0..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    emit(pending[..<newline], stream: stream, logger: logger)
                    pending.removeSubrange(...newline)
                }
                if pending.count >= maximumLineBytes {
                    emit(pending[...], stream: stream, logger: logger)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty {
                emit(pending[...], stream: stream, logger: logger)
            }
            close(fd)
        }
    }

    private static func emit(_ bytes: ArraySlice<UInt8>, stream: String, logger: Logger) {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        if isBerthLogLine(line) {
            // Already one structured line naming its service (logger=berth.<service>): pass it through as it
            // is, rather than quoting a log line inside another.
            FileDescriptorLogWriter.standardError.write(line: line)
        } else {
            logger.info("\(line)", metadata: ["stream": "\(stream)"])
        }
    }

    /// A line written by a Berth service's own log handler (logfmt or JSON).
    static func isBerthLogLine(_ line: String) -> Bool {
        (line.hasPrefix("ts=") && line.contains(" logger=berth."))
            || (line.hasPrefix("{") && line.contains("\"logger\":\"berth."))
    }
}
