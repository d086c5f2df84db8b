import BerthCrypto
import BerthRuntime
import Foundation
import Logging

/// Creates the first local administrator on first start: `admin.bootstrapUser` (default `admin`) in group
/// `berth-admins`, with the password from `admin.bootstrapPasswordFile`, or else a generated one written once to
/// `<stateDir>/bootstrap-admin-password` (0600). The password itself is never logged.
///
/// Idempotent: when the user exists nothing changes. When a generated password file exists but the user does not
/// (a crash between the two), the file's password is used rather than a new one.
public struct BootstrapAdmin: Sendable {
    public static let group = "berth-admins"
    public static let generatedFileName = BerthPaths.bootstrapAdminPasswordFileName
    static let generatedLength = 24

    public let username: String
    /// `admin.bootstrapPasswordFile`; empty: generate.
    public let passwordFile: String
    public let stateDir: String

    public init(username: String, passwordFile: String, stateDir: String) {
        self.username = username
        self.passwordFile = passwordFile
        self.stateDir = stateDir
    }

    public var generatedPasswordPath: String { stateDir + "/" + Self.generatedFileName }

    /// Returns true when the user was created now.
    @discardableResult
    public func ensure(
        in store: any UserStore, connectorID: String, now: Int64, logger: Logger
    ) throws(IdentityError) -> Bool {
        if try store.user(connectorID: connectorID, username: username) != nil { return false }
        let password = try obtainPassword(logger: logger)
        let hash: PasswordHash
        let id: String
        do {
            hash = try PasswordHash.make(password: password)
            id = try SecureRandom.identifier()
        } catch {
            throw IdentityError.crypto("hash the bootstrap admin password", error)
        }
        try store.createUser(
            User(
                id: id, username: username, displayName: "Berth administrator", connectorID: connectorID,
                createdAt: now, groups: [Self.group]),
            passwordHash: hash)
        logger.info("bootstrap admin created", metadata: ["user": "\(username)", "group": "\(Self.group)"])
        return true
    }

    private func obtainPassword(logger: Logger) throws(IdentityError) -> String {
        if !passwordFile.isEmpty {
            return try readPassword(passwordFile, key: "admin.bootstrapPasswordFile")
        }
        let path = generatedPasswordPath
        if FileManager.default.fileExists(atPath: path) {
            return try readPassword(path, key: path)
        }
        let password: String
        do {
            password = try Self.generatePassword()
            try ECPrivateKey.writePrivateFile(path, contents: Array((password + "\n").utf8))
        } catch {
            throw IdentityError.crypto("write the bootstrap admin password to \(path)", error)
        }
        logger.notice("bootstrap admin password written", metadata: ["path": "\(path)", "user": "\(username)"])
        return password
    }

    private func readPassword(_ path: String, key: String) throws(IdentityError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw IdentityError(
                code: .invalidArgument,
                message: "\(key): cannot read \(path): check that it exists and the berth user may read it")
        }
        let password = String(text.trimmingCharacters(in: .newlines))
        guard !password.isEmpty else {
            throw IdentityError(code: .invalidArgument, message: "\(key): \(path) is empty: put a password in it")
        }
        return password
    }

    static func generatePassword() throws(CryptoError) -> String {
        try SecureRandom.password(length: generatedLength)
    }
}
