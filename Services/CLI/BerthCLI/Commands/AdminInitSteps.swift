import BerthCrypto
import BerthRuntime
import Foundation
import Glibc

/// What `berth admin init` did for one thing a first start needs: created it, found it (and left it alone), found
/// it configured elsewhere, or left it to another part of Berth.
struct AdminInitItem: Codable, Equatable {
    enum Status: String, Codable { case created, kept, configured, pending }

    var item: String
    var path: String
    var status: Status
    var note: String = ""
}

/// The steps of `berth admin init`. Each is idempotent: an existing key or certificate is never overwritten, only
/// checked (a file that does not parse is an error, not a reason to make a new one).
enum AdminInitSteps {
    /// Audit's ES256 checkpoint key, created the way berth-audit creates it at first start (the same
    /// `ECPrivateKey.loadOrCreate`, the same path), with its public half beside it for offline verification.
    static func auditSigningKey(_ paths: BerthPaths, owner: (uid: uid_t, gid: gid_t)?) throws -> [AdminInitItem] {
        let path = paths.auditSigningKeyPath
        let (key, created) = try loadOrCreateKey(at: path, owner: owner, what: "the audit signing key")
        var items = [
            AdminInitItem(
                item: "audit signing key", path: path, status: created ? .created : .kept,
                note: "ES256, key id \(try key.publicKey.jwkThumbprint())")
        ]
        let publicPath = paths.auditSigningPublicKeyPath
        if !FileManager.default.fileExists(atPath: publicPath) {
            try writeNewFile(publicPath, Array(try key.publicKey.pemRepresentation().utf8), mode: 0o644, owner: owner)
            items.append(
                AdminInitItem(
                    item: "audit public key", path: publicPath, status: .created,
                    note: "copy it off the host: berth audit verify --public-key"))
        }
        return items
    }

    /// The gateway's TLS certificate: nothing when the config names one; otherwise a self-signed P-256
    /// certificate for `hostname`, localhost and 127.0.0.1 in `<stateDir>/tls/` (kept when already there).
    static func gatewayCertificate(
        _ config: BerthConfig, _ paths: BerthPaths, hostname: String, validity: Duration, now: Date,
        owner: (uid: uid_t, gid: gid_t)?
    ) throws -> [AdminInitItem] {
        let tls = config.gateway.tls
        if !tls.certFile.isEmpty {
            return [
                AdminInitItem(
                    item: "gateway TLS certificate", path: tls.certFile, status: .configured,
                    note: "gateway.tls.certFile; key \(tls.keyFile)")
            ]
        }
        let certificatePath = paths.generatedTLSCertificatePath
        let keyPath = paths.generatedTLSKeyPath
        let hasCertificate = FileManager.default.fileExists(atPath: certificatePath)
        if hasCertificate, !FileManager.default.fileExists(atPath: keyPath) {
            throw AdminError(
                .fileExists,
                "\(certificatePath) exists but its key \(keyPath) does not: restore the key from a backup, or move "
                    + "the certificate away to make a new pair")
        }
        if !AdminStateFiles.isDirectory(paths.generatedTLSDirectory) {
            try AdminStateFiles.makeDirectory(paths.generatedTLSDirectory, mode: 0o700)
            try AdminStateFiles.handOver(paths.generatedTLSDirectory, to: owner)
        }
        let (key, keyCreated) = try loadOrCreateKey(at: keyPath, owner: owner, what: "the gateway TLS key")
        var items = [AdminInitItem(item: "gateway TLS key", path: keyPath, status: keyCreated ? .created : .kept)]
        if hasCertificate {
            items.append(AdminInitItem(item: "gateway TLS certificate", path: certificatePath, status: .kept))
            return items
        }
        let certificate: X509Certificate
        do {
            certificate = try X509Certificate.selfSigned(
                key: key, commonName: hostname,
                dnsNames: hostname == "localhost" ? ["localhost"] : [hostname, "localhost"],
                ipAddresses: ["127.0.0.1"], notBefore: now, validity: validity)
        } catch {
            throw AdminError(.invalidArgument, "\(error): pass the name clients use with --hostname NAME")
        }
        try writeNewFile(certificatePath, Array(certificate.pem.utf8), mode: 0o644, owner: owner)
        let days = validity.components.seconds / 86_400
        items.append(
            AdminInitItem(
                item: "gateway TLS certificate", path: certificatePath, status: .created,
                note: "self-signed, P-256, SAN \(hostname), localhost, 127.0.0.1; valid \(days) days"))
        return items
    }

    /// The first admin's password: `admin.bootstrapPasswordFile` when configured, else generated now into
    /// `<stateDir>/bootstrap-admin-password` (0600, the state directory's owner). berth-identity creates the user
    /// `admin.bootstrapUser` with that password at its first start (it reuses the file; it never overwrites it).
    static func bootstrapAdmin(_ config: BerthConfig, _ paths: BerthPaths, owner: (uid: uid_t, gid: gid_t)?) throws
        -> AdminInitItem
    {
        let user = config.admin.bootstrapUser
        if !config.admin.bootstrapPasswordFile.isEmpty {
            return AdminInitItem(
                item: "admin user \(user)", path: config.admin.bootstrapPasswordFile, status: .configured,
                note: "berth-identity creates it at first start with the password in admin.bootstrapPasswordFile")
        }
        let path = paths.bootstrapAdminPasswordPath
        if FileManager.default.fileExists(atPath: path) {
            return AdminInitItem(
                item: "admin user \(user) password", path: path, status: .kept,
                note: "berth-identity creates the user at first start with this password")
        }
        do {
            try ECPrivateKey.writePrivateFile(path, contents: Array((try SecureRandom.password() + "\n").utf8))
        } catch {
            throw AdminError(.fileSystem, "cannot write the bootstrap admin password to \(path) (\(error)): check the state directory is writable")
        }
        if let owner { chown(path, owner.uid, owner.gid) }
        return AdminInitItem(
            item: "admin user \(user) password", path: path, status: .created,
            note: "generated; berth-identity creates the user at first start: berth login --username \(user) "
                + "--password-file \(path)")
    }

    /// The key at `path`, created (0600, given to the state directory's owner) when missing.
    private static func loadOrCreateKey(at path: String, owner: (uid: uid_t, gid: gid_t)?, what: String) throws
        -> (key: ECPrivateKey, created: Bool)
    {
        do {
            let result = try ECPrivateKey.loadOrCreate(at: path)
            if result.created { try AdminStateFiles.handOver(path, to: owner) }
            return result
        } catch let error as CryptoError {
            throw AdminError(
                .fileSystem,
                "\(what) \(path): \(error): init never replaces a key; move a damaged one away to make a new one")
        }
    }

    /// Writes a file that must not exist yet (O_EXCL: a concurrent init cannot overwrite it) with `mode`.
    private static func writeNewFile(_ path: String, _ bytes: [UInt8], mode: mode_t, owner: (uid: uid_t, gid: gid_t)?)
        throws
    {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw AdminError(.fileSystem, "cannot create \(path): \(String(cString: strerror(errno))): check the state directory")
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            throw AdminError(.fileSystem, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        try AdminStateFiles.handOver(path, to: owner)
    }

    /// This host's name (gethostname), the certificate's first SAN; "localhost" when it has none.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
