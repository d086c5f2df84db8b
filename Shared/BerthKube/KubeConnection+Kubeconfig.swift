import Foundation
import Yams

extension KubeConnection {
    /// Resolves `context` (or the file's `current-context`) of the kubeconfig at `path`.
    /// Relative file paths in the kubeconfig are relative to its directory, as kubectl reads them.
    /// - Parameter allowInsecure: Berth's own explicit switch; without it `insecure-skip-tls-verify: true` is an error.
    public static func kubeconfig(path: String, context: String? = nil, allowInsecure: Bool = false) throws
        -> KubeConnection
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KubeError(.kubeconfig, "kubeconfig \(path): cannot be read: check the path and its permissions")
        }
        let baseDirectory = (path as NSString).deletingLastPathComponent
        return try kubeconfig(
            yaml: String(decoding: data, as: UTF8.self), baseDirectory: baseDirectory, context: context,
            allowInsecure: allowInsecure)
    }

    public static func kubeconfig(
        yaml: String, baseDirectory: String, context requested: String? = nil, allowInsecure: Bool = false
    ) throws -> KubeConnection {
        let file: KubeConfigFile
        do {
            file = try YAMLDecoder().decode(KubeConfigFile.self, from: yaml)
        } catch {
            throw KubeError(.kubeconfig, "kubeconfig: not a valid kubeconfig (\(error)): compare with `kubectl config view`")
        }
        guard let contextName = requested ?? file.currentContext, !contextName.isEmpty else {
            throw KubeError.kubeconfig(
                "current-context", "is not set and no context was given", fix: "set current-context or name a context")
        }
        guard let context = file.contexts?.first(where: { $0.name == contextName })?.context else {
            let known = (file.contexts ?? []).map(\.name).sorted().joined(separator: ", ")
            throw KubeError.kubeconfig(
                "contexts[name=\(contextName)]", "no such context",
                fix: "use one of [\(known)] or add it under contexts")
        }
        let clusterKey = "clusters[name=\(context.cluster)].cluster"
        guard let cluster = file.clusters?.first(where: { $0.name == context.cluster })?.cluster else {
            throw KubeError.kubeconfig(
                "contexts[name=\(contextName)].context.cluster", "names cluster \"\(context.cluster)\" which is not listed",
                fix: "add it under clusters")
        }
        guard let serverText = cluster.server, let server = URL(string: serverText.hasSuffix("/") ? String(serverText.dropLast()) : serverText),
            let scheme = server.scheme, ["https", "http"].contains(scheme), server.host != nil
        else {
            throw KubeError.kubeconfig(
                "\(clusterKey).server", "is missing or not an https URL", fix: "set it to https://HOST:PORT")
        }
        let insecure = cluster.insecureSkipTLSVerify ?? false
        if insecure && !allowInsecure {
            throw KubeError.kubeconfig(
                "\(clusterKey).insecure-skip-tls-verify", "is true but Berth does not allow unverified TLS",
                fix: "set certificate-authority-data, or enable the insecure switch in Berth's cluster config on purpose")
        }
        let reader = KubeconfigFileReader(baseDirectory: baseDirectory)
        let ca = try reader.pem(
            data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
            key: "\(clusterKey).certificate-authority")

        var credentials = Credentials.none
        if let userName = context.user, !userName.isEmpty {
            let userKey = "users[name=\(userName)].user"
            guard let user = file.users?.first(where: { $0.name == userName })?.user else {
                throw KubeError.kubeconfig(
                    "contexts[name=\(contextName)].context.user", "names user \"\(userName)\" which is not listed",
                    fix: "add it under users")
            }
            credentials = try Self.credentials(user, key: userKey, reader: reader)
        }
        return KubeConnection(
            server: server, credentials: credentials, certificateAuthorityPEM: ca, insecureSkipTLSVerify: insecure,
            tlsServerName: cluster.tlsServerName, namespace: context.namespace)
    }

    private static func credentials(_ user: KubeConfigFile.User, key: String, reader: KubeconfigFileReader) throws
        -> Credentials
    {
        if user.exec != nil || user.authProvider != nil {
            throw KubeError.kubeconfig(
                "\(key).\(user.exec != nil ? "exec" : "auth-provider")", "is not supported by Berth",
                fix: "use a service-account token, tokenFile or client certificate")
        }
        let certificate = try reader.pem(
            data: user.clientCertificateData, file: user.clientCertificate, key: "\(key).client-certificate")
        let privateKey = try reader.pem(data: user.clientKeyData, file: user.clientKey, key: "\(key).client-key")
        switch (certificate, privateKey) {
        case (let certificate?, let privateKey?):
            return .clientCertificate(certificatePEM: certificate, keyPEM: privateKey)
        case (.some, nil):
            throw KubeError.kubeconfig("\(key).client-key", "is missing while a client certificate is set", fix: "add client-key-data")
        case (nil, .some):
            throw KubeError.kubeconfig(
                "\(key).client-certificate", "is missing while a client key is set", fix: "add client-certificate-data")
        case (nil, nil): break
        }
        if let token = user.token, !token.isEmpty { return .bearerToken(token) }
        if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            let path = reader.absolute(tokenFile)
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw KubeError.kubeconfig("\(key).tokenFile", "\(path) cannot be read", fix: "check the path and permissions")
            }
            return .tokenFile(path: path)
        }
        return .none
    }
}

/// Reads the `*-data` (base64) or file form of a kubeconfig credential.
struct KubeconfigFileReader {
    let baseDirectory: String

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }

    func pem(data: String?, file: String?, key: String) throws -> Data? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw KubeError.kubeconfig("\(key)-data", "is not base64", fix: "encode the PEM with `base64 -w0`")
            }
            return decoded
        }
        if let file, !file.isEmpty {
            let path = absolute(file)
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw KubeError.kubeconfig(key, "\(path) cannot be read", fix: "check the path and permissions")
            }
            return contents
        }
        return nil
    }
}
