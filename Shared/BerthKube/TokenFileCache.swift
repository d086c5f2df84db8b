import Foundation
import Synchronization

/// A bearer token read from a file and read again whenever the file's modification time or size changes
/// (kubelet rotates projected service-account tokens in place).
final class TokenFileCache: Sendable {
    private struct Entry {
        var modified: Date
        var size: Int
        var token: String
    }
    let path: String
    private let entry = Mutex<Entry?>(nil)

    init(path: String) { self.path = path }

    func token() throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        if let cached = entry.withLock({ $0 }), cached.modified == modified, cached.size == size {
            return cached.token
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeError(.kubeconfig, "tokenFile \(path): cannot be read: check the path and permissions")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        entry.withLock { $0 = Entry(modified: modified, size: size, token: token) }
        return token
    }
}
