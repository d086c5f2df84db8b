import Foundation

/// The key and certificate files in the state directory, named here so that `berth admin init` (which creates
/// them before the first start), `berth admin backup` and the services agree on where they are.
extension BerthPaths {
    /// `<stateDir>/audit-signing-key.pem`: audit's ES256 checkpoint key (0600), loaded by berth-audit's
    /// `CheckpointSigner` (an end-to-end test checks that init's key is the one that signs).
    public var auditSigningKeyPath: String { stateFile("audit-signing-key.pem") }

    /// `<stateDir>/audit-signing-key.pub.pem`: its public half, for offline `berth audit verify`.
    public var auditSigningPublicKeyPath: String { stateFile("audit-signing-key.pub.pem") }

    /// `<stateDir>/tls`: the gateway's self-signed certificate and key when the config names none.
    public var generatedTLSDirectory: String { stateFile("tls") }

    /// `<stateDir>/tls/tls.crt`
    public var generatedTLSCertificatePath: String { generatedTLSDirectory + "/tls.crt" }

    /// `<stateDir>/tls/tls.key` (0600)
    public var generatedTLSKeyPath: String { generatedTLSDirectory + "/tls.key" }

    /// `<stateDir>/bootstrap-admin-password` (0600): the first admin's generated password, written by
    /// `berth admin init` or by berth-identity at first start (whichever comes first; the other reuses it).
    public var bootstrapAdminPasswordPath: String { stateFile(Self.bootstrapAdminPasswordFileName) }
    public static let bootstrapAdminPasswordFileName = "bootstrap-admin-password"

    private func stateFile(_ name: String) -> String {
        stateDirectory.hasSuffix("/") ? stateDirectory + name : stateDirectory + "/" + name
    }
}
