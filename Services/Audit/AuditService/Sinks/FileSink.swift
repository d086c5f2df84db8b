import BerthRPC
import Foundation

/// JSON lines, one record or checkpoint per line (`ExportItem.jsonLine`), appended to `path` and fsync'd before
/// the cursor moves. When the file would grow past `maxBytes` it is rotated first: `path` → `path.1` → … →
/// `path.<keep>` (the oldest is dropped). The file calls run on the sink's own `BlockingIOQueue`.
struct FileSink: AuditSink {
    let path: String
    let maxBytes: Int
    var keep = 5
    let io = BlockingIOQueue(label: "file")
    var name: String { "file" }

    func deliver(_ items: [ExportItem]) async throws {
        var bytes: [UInt8] = []
        for item in items {
            bytes += try item.jsonLine()
            bytes.append(0x0A)
        }
        try await io.run { [self, bytes] in try append(bytes) }
    }

    /// Rotates if needed, appends, fsyncs (blocking).
    func append(_ bytes: [UInt8]) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > 0, size + bytes.count > maxBytes { try rotate() }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw AuditError.sink(name, "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw AuditError.sink(name, "cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw AuditError.sink(name, "cannot fsync \(path): \(String(cString: strerror(errno)))") }
    }

    func rotate() throws {
        let manager = FileManager.default
        try? manager.removeItem(atPath: "\(path).\(keep)")
        for index in stride(from: keep - 1, through: 1, by: -1) where manager.fileExists(atPath: "\(path).\(index)") {
            try manager.moveItem(atPath: "\(path).\(index)", toPath: "\(path).\(index + 1)")
        }
        try manager.moveItem(atPath: path, toPath: "\(path).1")
    }
}
