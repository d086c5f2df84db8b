import Foundation

/// The CLI's token cache, `~/.config/berth/tokens.json` (`$XDG_CONFIG_HOME/berth/tokens.json` when set): the
/// last login's ID token and what `berth whoami` shows from it. The file is 0600 in a 0700 directory.
struct LoginTokenCache {
    struct Entry: Codable, Equatable {
        var subject: String
        var username: String
        var sessionId: String
        var idToken: String
        /// Seconds since 1970.
        var expiresAt: Int64
    }

    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> LoginTokenCache {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return LoginTokenCache(path: base + "/berth/tokens.json")
    }

    func load() -> Entry? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// Replaces the cache atomically: a temporary 0600 file renamed over the old one.
    func store(_ entry: Entry) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(entry)
        let temporary = path + ".tmp"
        try? FileManager.default.removeItem(atPath: temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw ValidationErrorMessage("cannot write \(temporary): check that \(directory) is writable")
        }
        // rename(2): atomic, and works whether or not the cache existed (Foundation's replaceItemAt needs it to).
        guard rename(temporary, path) == 0 else {
            throw ValidationErrorMessage("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// A failure message for the user, printed as is.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
