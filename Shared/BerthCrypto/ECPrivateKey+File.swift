import Foundation

extension ECPrivateKey {
    /// Loads the key at `path`, or generates one and writes it there (0600, fsync'd, never overwriting a file
    /// that appeared meanwhile). Returns the key and whether it was created.
    public static func loadOrCreate(at path: String) throws(CryptoError) -> (key: ECPrivateKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) {
            guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CryptoError(
                    operation: "read \(path)",
                    reason: "cannot read the key file: check that it belongs to the user running Berth (mode 0600)")
            }
            return (try ECPrivateKey(pem: pem), false)
        }
        let key = try generate()
        try writePrivateFile(path, contents: Array(try key.pemRepresentation().utf8))
        return (key, true)
    }

    /// Writes `contents` to a new file at `path` with mode 0600 and fsyncs it.
    static func writePrivateFile(_ path: String, contents: [UInt8]) throws(CryptoError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CryptoError(
                operation: "create \(path)", reason: String(cString: strerror(errno)) + ": check the state directory")
        }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw CryptoError(operation: "write \(path)", reason: String(cString: strerror(errno)))
        }
    }
}
