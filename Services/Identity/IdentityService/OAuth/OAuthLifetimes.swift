/// How long each OAuth artefact lives, in seconds (from `identity.*` config; codes and device codes are fixed).
public struct OAuthLifetimes: Sendable, Equatable {
    public var session: Int64
    public var refreshIdle: Int64
    public var refreshAbsolute: Int64
    /// Authorization codes: 60 s (RFC 6749 §4.1.2 recommends at most 10 minutes).
    public var code: Int64 = 60
    /// Device codes: 10 minutes.
    public var deviceCode: Int64 = 600
    /// The first polling interval of the device flow (RFC 8628 default 5 s).
    public var devicePollInterval: Int64 = 5

    public init(session: Int64, refreshIdle: Int64, refreshAbsolute: Int64) {
        self.session = session
        self.refreshIdle = refreshIdle
        self.refreshAbsolute = refreshAbsolute
    }
}
