/// The gateway's web portal signs people in through redirect connectors (upstream OIDC) as an OAuth client of
/// Berth itself: the API audience's client (`berth-cli`), so the portal's session is the same ID token a
/// password sign-in on the portal gets. Its redirect URI is `<gateway.publicURL>/ui/callback`, which the
/// gateway serves; registering it here keeps the exact-match rule for every other redirect URI.
extension OAuthClientRegistry {
    public static let portalCallbackPath = "/ui/callback"

    /// This registry with the portal's callback added to client `clientID`'s redirect URIs. Unchanged when that
    /// id is only an audience (no OAuth client) or `publicURL` is empty.
    public func addingPortalCallback(publicURL: String, clientID: String) -> OAuthClientRegistry {
        guard !publicURL.isEmpty, var client = clients[clientID] else { return self }
        let base = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        let callback = base + Self.portalCallbackPath
        if !client.redirectURIs.contains(callback) { client.redirectURIs.append(callback) }
        var all = clients
        all[clientID] = client
        return OAuthClientRegistry(clients: Array(all.values), audiences: audiences)
    }
}
