import Foundation
import Synchronization

/// Where finished log lines go. One call per line; implementations must write the line whole, so that two
/// threads logging at once never interleave partial lines.
public protocol LogLineWriter: Sendable {
    /// `line` has no trailing newline; the writer adds it.
    func write(line: String)
}

/// Writes each line to a file descriptor (standard error in production) under a lock, newline included in
/// the same `write(2)` loop: journald and `berthd` (which reads its children's stderr) see whole lines only.
public final class FileDescriptorLogWriter: LogLineWriter {
    /// Standard error, shared by every logger in the process so that they serialize on one lock.
    public static let standardError = FileDescriptorLogWriter(fileDescriptor: STDERR_FILENO)

    private let fileDescriptor: Int32
    private let lock = Mutex(())

    /// The writer does not own `fileDescriptor` and never closes it.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(
                        fileDescriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
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
