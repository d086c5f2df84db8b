import BerthRPC
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The local file where a service keeps the audit events it could not deliver, in the order they were recorded,
/// until berth-audit acknowledges them (`<stateDir>/spool/<service>/<service>.spool`).
///
/// - `append` writes whole records and, when `durable`, `fsync`s before returning.
/// - `load` returns every complete record; a torn tail (a crash mid-write) is cut off at the last complete
///   record, with a warning that says how much was lost (only the event whose write was interrupted).
/// - `removeFirst` drops exactly the records audit acknowledged, atomically (write the rest, fsync, rename), so
///   a crash during removal leaves either the old or the new spool, never a mix.
///
/// One recorder owns a spool file; it is not locked against a second writer.
struct AuditSpool: Sendable {
    let path: String
    let logger: Logger

    /// True when there is nothing to replay.
    var isEmpty: Bool {
        var info = stat()
        return stat(path, &info) != 0 || info.st_size == 0
    }

    func append(_ events: [AuditV1.Event], durable: Bool) throws(AuditClientError) {
        var bytes: [UInt8] = []
        do {
            for event in events { bytes += try SpoolRecord.encode(event) }
        } catch {
            throw AuditClientError(code: .spoolFailed, message: "cannot encode an audit event for the spool: \(error)")
        }
        try createDirectory()
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open", errno) }
        defer { close(descriptor) }
        try writeAll(descriptor, bytes)
        if durable, fsync(descriptor) != 0 { throw failure("fsync", errno) }
    }

    /// Every complete record, in order; repairs a torn tail.
    func load() throws(AuditClientError) -> [AuditV1.Event] {
        let scan = try scanFile()
        if let damage = scan.damage {
            let size = try fileSize()
            logger.warning(
                "audit spool has a torn or corrupt tail; keeping the complete records before it",
                metadata: [
                    "path": "\(path)", "problem": "\(damage)", "keptRecords": "\(scan.events.count)",
                    "droppedBytes": "\(size - scan.validBytes)",
                ])
            try truncate(to: scan.validBytes)
        }
        return scan.events
    }

    /// Drops the first `count` records (the ones audit acknowledged) and keeps the rest in order.
    func removeFirst(_ count: Int) throws(AuditClientError) {
        guard count > 0 else { return }
        let bytes = try readFile()
        let scan = SpoolRecord.scan(bytes)
        guard count < scan.ends.count else {
            try truncate(to: 0)
            return
        }
        let rest = Array(bytes[scan.ends[count - 1]..<scan.validBytes])
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("open", errno, temporary) }
        try withExtendedLifetime(descriptor) { () throws(AuditClientError) in
            defer { close(descriptor) }
            try writeAll(descriptor, rest)
            guard fsync(descriptor) == 0 else { throw failure("fsync", errno, temporary) }
        }
        guard rename(temporary, path) == 0 else { throw failure("rename", errno, temporary) }
        syncDirectory()
    }

    /// Moves a spool audit refuses out of the way so that it does not block everything recorded after it.
    /// Returns the new path.
    func quarantine(suffix: String) throws(AuditClientError) -> String {
        let target = "\(path).rejected-\(suffix)"
        guard rename(path, target) == 0 else { throw failure("rename", errno) }
        syncDirectory()
        return target
    }

    // MARK: - Files

    private func scanFile() throws(AuditClientError) -> SpoolRecord.Scan {
        SpoolRecord.scan(try readFile())
    }

    private func readFile() throws(AuditClientError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditClientError(
                code: .spoolFailed,
                message: "cannot read audit spool \(path): check that the service's user owns it (mode 0600)")
        }
        return [UInt8](data)
    }

    private func fileSize() throws(AuditClientError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw failure("stat", errno) }
        return Int(info.st_size)
    }

    private func truncate(to size: Int) throws(AuditClientError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", errno) }
        defer { close(descriptor) }
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw failure("ftruncate", errno) }
        guard fsync(descriptor) == 0 else { throw failure("fsync", errno) }
    }

    private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(AuditClientError) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return write(descriptor, base + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("write", errno)
            }
            written += result
        }
    }

    private func createDirectory() throws(AuditClientError) {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AuditClientError(
                code: .spoolFailed,
                message: "cannot create the audit spool directory \(directory): \(error); "
                    + "check paths.stateDir and that the service's user may write there")
        }
    }

    /// Makes a rename durable (best effort: some file systems refuse fsync on a directory).
    private func syncDirectory() {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    private func failure(_ operation: String, _ code: Int32, _ file: String? = nil) -> AuditClientError {
        AuditClientError(
            code: .spoolFailed,
            message: "audit spool \(file ?? path): \(operation) failed: \(String(cString: strerror(code))); "
                + "free disk space or fix the permissions of paths.stateDir, or audit events will be refused")
    }
}
