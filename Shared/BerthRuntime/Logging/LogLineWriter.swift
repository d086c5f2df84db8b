import Foundation
import Synchronization

/// Where finished log lines go. One call per line; implementations must write the line whole, so that two
/// threads logging at once never interleave partial lines.
public protocol LogLineWriter: Sendable {
    /// `line` has no trailing newline; the writer adds it.
    func write(line: String)
}

/// Writes each line to standard error with a single `write(2)` under a lock: journald and `berthd` (which
/// reads its children's stderr) see whole lines only.
public final class StandardErrorLogWriter: LogLineWriter {
    public static let shared = StandardErrorLogWriter()

    private let lock = Mutex(())

    public init() {}

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(
                        STDERR_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0, errno == EINTR {
                        continue
                    } else {
                        return  // stderr is gone; a logger has nowhere to report that
                    }
                }
            }
        }
    }
}
