import BerthRPC
import Foundation

/// JSON lines, one record per line, appended to `path` and fsync'd before the cursor moves. When the file would
/// grow past `maxBytes` it is rotated first: `path` → `path.1` → … → `path.<keep>` (the oldest is dropped).
struct FileSink: AuditSink {
    let path: String
    let maxBytes: Int
    var keep = 5
    var name: String { "file" }

    func deliver(_ records: [AuditV1.Record]) async throws {
        var bytes: [UInt8] = []
        for record in records {
            bytes += try ExportedRecord(record).jsonLine()
            bytes.append(0x0A)
        }
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
