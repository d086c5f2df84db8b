/// Swift mirrors of proto/berth/admin/v1/admin.proto (package berth.admin.v1): administration of a service
/// process itself, served by every service with a database (BerthRuntime's `ServiceHost` registers it).
public enum AdminV1 {
    public struct BackupRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.admin.v1.BackupRequest" }
        /// An existing, absolute directory the service's user may write to.
        public var directory: String

        public init(directory: String = "") {
            self.directory = directory
        }
    }

    public struct BackupResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.admin.v1.BackupResponse" }
        public var service: String
        /// The absolute path of the copy written.
        public var file: String
        public var schemaVersion: Int64
        public var sizeBytes: UInt64
        public var berthVersion: String

        public init(
            service: String = "", file: String = "", schemaVersion: Int64 = 0, sizeBytes: UInt64 = 0,
            berthVersion: String = ""
        ) {
            self.service = service
            self.file = file
            self.schemaVersion = schemaVersion
            self.sizeBytes = sizeBytes
            self.berthVersion = berthVersion
        }
    }
}
