import Foundation

/// The CLI's token cache, `~/.config/berth/tokens.json` (`$XDG_CONFIG_HOME/berth/tokens.json` when set): per
/// Berth server (its issuer URL), the last login's ID token and refresh token. The file is 0600 in a 0700
/// directory and is replaced atomically.
struct LoginTokenCache {
    struct Entry: Codable, Equatable {
        var subject: String
        var username: String
        var sessionId: String
        var idToken: String
        /// Seconds since 1970 (the ID token's exp).
        var expiresAt: Int64
        /// "" after a socket password login (no refresh possible).
        var refreshToken: String = ""
        var clientId: String = "berth-cli"
        /// The CA file the login trusted for this server (`--server-ca`), reused by later commands.
        var serverCA: String?
    }

    struct File: Codable, Equatable {
        /// The server `berth token`/`whoami` use when none is given.
        var current: String = ""
        var servers: [String: Entry] = [:]
    }

    let path: String

    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> LoginTokenCache {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return LoginTokenCache(path: base + "/berth/tokens.json")
    }

    /// The whole file; an absent or unreadable file is empty.
    func loadFile() -> File {
        guard let data = FileManager.default.contents(atPath: path),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return File() }
        return file
    }

    /// The entry of `server` ("" = the current one).
    func load(server: String = "") -> (server: String, entry: Entry)? {
        let file = loadFile()
        let key = server.isEmpty ? file.current : server
        return file.servers[key].map { (key, $0) }
    }

    /// Stores `entry` for `server` and makes it current.
    func store(_ entry: Entry, server: String) throws {
        var file = loadFile()
        file.servers[server] = entry
        file.current = server
        try write(file)
    }

    /// Forgets `server`; deletes the file when nothing is left.
    func remove(server: String) throws {
        var file = loadFile()
        file.servers[server] = nil
        if file.current == server { file.current = file.servers.keys.sorted().first ?? "" }
        if file.servers.isEmpty {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            try write(file)
        }
    }

    /// Replaces the cache atomically: a temporary 0600 file renamed over the old one.
    private func write(_ file: File) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(file)
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
