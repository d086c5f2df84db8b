import Logging

/// Every configured connector by id: `local` always, then each entry of `identity.connectors`.
public enum ConnectorRegistry {
    /// Builds the connectors `identity.connectors` lists (decoded by `ConnectorSettings.decode`).
    /// Upstream OIDC entries are decoded and validated, but not built yet (see the README).
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
                logger.warning(
                    "upstream oidc connectors are not available yet: skipped",
                    metadata: ["connector": "\(oidc.id)", "issuer": "\(oidc.issuer)"])
            }
        }
        return connectors
    }
}
