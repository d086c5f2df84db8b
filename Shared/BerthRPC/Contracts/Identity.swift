/// Swift mirrors of proto/berth/identity/v1/identity.proto (package berth.identity.v1).
public enum IdentityV1 {
    public struct WhoAmIRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.WhoAmIRequest" }
        public init() {}
    }

    /// The caller as the identity service sees it.
    public struct WhoAmIResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.identity.v1.WhoAmIResponse" }
        public var uid: UInt32
        public var gid: UInt32
        public var pid: Int32
        /// From the host's user database, "" when unknown.
        public var username: String
        /// Host groups of the caller.
        public var groups: [String]
        /// Root or member of berth-admin.
        public var localAdmin: Bool
        /// "peer-credentials" for socket callers.
        public var authenticatedBy: String

        public init(
            uid: UInt32 = 0, gid: UInt32 = 0, pid: Int32 = 0, username: String = "", groups: [String] = [],
            localAdmin: Bool = false, authenticatedBy: String = ""
        ) {
            self.uid = uid
            self.gid = gid
            self.pid = pid
            self.username = username
            self.groups = groups
            self.localAdmin = localAdmin
            self.authenticatedBy = authenticatedBy
        }
    }
}
