import Foundation

/// A fresh directory under the system temp dir, removed by `remove()`.
///
/// Socket paths must stay under 108 bytes (sun_path), so the name is short.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "berth") throws {
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix).XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: template])
        }
        path = String(cString: created)
    }

    public func appending(_ component: String) -> String {
        (path as NSString).appendingPathComponent(component)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
