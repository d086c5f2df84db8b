import Logging

/// Every configured connector by id: `local` always, then each entry of `identity.connectors`.
public enum ConnectorRegistry {
    /// Builds the connectors `identity.connectors` lists (decoded by `ConnectorSettings.decode`).
    public static func build(
        local: LocalPasswordConnector, settings: [ConnectorSettings], mirror: any MirroredUserStore, logger: Logger
    ) -> [any Connector] {
        var connectors: [any Connector] = [local]
        for entry in settings {
            switch entry {
            case .ldap(let ldap):
                connectors.append(LDAPConnector(settings: ldap, mirror: mirror))
                logger.info("ldap connector", metadata: ["connector": "\(ldap.id)", "url": "\(ldap.url)"])
            case .oidc(let oidc):
                // Discovery is fetched at the first login, so a provider that is down does not stop the service.
                connectors.append(UpstreamOIDCConnector(settings: oidc, mirror: mirror))
                logger.info("upstream oidc connector", metadata: ["connector": "\(oidc.id)", "issuer": "\(oidc.issuer)"])
            }
        }
        return connectors
    }
}
