import BerthRuntime

/// What an operator does after `berth admin init`: start Berth, serve https, connect a cluster and LDAP, and make
/// kube-apiserver trust Berth's issuer. Printed after the table; also in `-o json` as `nextSteps`.
enum AdminInitNextSteps {
    /// The OIDC client id kubectl's tokens are issued to (the CLI is the client): kube-apiserver's audience.
    static let clientID = "berth-cli"
    /// Prefixed names keep Berth's users and groups apart from other authenticators' in RBAC.
    static let claimPrefix = "berth:"

    /// The issuer URL kube-apiserver must be given: `gateway.publicURL` when it is https; otherwise the https
    /// URL the gateway should move to (`https://<hostname>:7443`), because kube-apiserver trusts only https issuers.
    static func issuerURL(_ config: BerthConfig, hostname: String) -> String {
        config.gateway.publicURL.hasPrefix("https://") ? config.gateway.publicURL : "https://\(hostname):7443"
    }

    static func text(
        config: BerthConfig, paths: BerthPaths, hostname: String, generatedTLS: Bool, configFile: String
    ) -> [String] {
        let issuer = issuerURL(config, hostname: hostname)
        let caFile = generatedTLS ? paths.generatedTLSCertificatePath : config.gateway.tls.certFile
        var steps = [
            "Start Berth: systemctl enable --now berthd (or: berthd --config \(configFile)); check: berthd status.",
            "Sign in as the first admin (created by berth-identity at its first start): berth login --username "
                + "\(config.admin.bootstrapUser) --password-file "
                + "\(config.admin.bootstrapPasswordFile.isEmpty ? paths.bootstrapAdminPasswordPath : config.admin.bootstrapPasswordFile); "
                + "then keep the password somewhere safe and delete the file.",
        ]
        if generatedTLS {
            steps.append(
                """
                Serve https with the generated certificate: in \(configFile) set
                  gateway.listen: https://0.0.0.0:7443
                  gateway.publicURL: \(issuer)
                  gateway.tls.certFile: \(paths.generatedTLSCertificatePath)
                  gateway.tls.keyFile: \(paths.generatedTLSKeyPath)
                then: berthd --check-config --config \(configFile) && systemctl restart berthd
                """)
        }
        steps += [
            """
            Connect a cluster: as its admin, kubectl apply -f /usr/share/doc/berth/berth-rbac.yaml (namespace \
            berth-system, service account berth); registering it with Berth comes with the tenancy cluster \
            commands (deploy/README.md, "Connect a cluster").
            """,
            """
            Connect LDAP / Active Directory: the identity section of \(configFile) (deploy/README.md, "Connect \
            LDAP / Active Directory").
            """,
            """
            Trust Berth's issuer in kube-apiserver (on every control-plane node), flags:
              --oidc-issuer-url=\(issuer)
              --oidc-client-id=\(clientID)
              --oidc-username-claim=email --oidc-username-prefix=\(claimPrefix)
              --oidc-groups-claim=groups --oidc-groups-prefix=\(claimPrefix)
              --oidc-ca-file=/etc/kubernetes/pki/berth-ca.crt   (a copy of \(caFile.isEmpty ? "the gateway's CA" : caFile))
            or, on Kubernetes 1.30+, --authentication-config=FILE with:
              apiVersion: apiserver.config.k8s.io/v1beta1
              kind: AuthenticationConfiguration
              jwt:
              - issuer:
                  url: \(issuer)
                  audiences: [\(clientID)]
                  certificateAuthority: |   # the PEM of \(caFile.isEmpty ? "the gateway's CA" : caFile)
                claimMappings:
                  username: {claim: email, prefix: "\(claimPrefix)"}
                  groups: {claim: groups, prefix: "\(claimPrefix)"}
            """,
        ]
        return steps
    }
}
