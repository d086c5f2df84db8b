/// Swift mirrors of proto/berth/sleep/v1/sleep.proto (package berth.sleep.v1).
public enum SleepV1 {
    public struct SpacePolicy: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SpacePolicy" }
        public var space: String
        /// Inactivity after which the space sleeps; 0 means never by inactivity.
        public var sleepAfterSeconds: Int64

        public init(space: String = "", sleepAfterSeconds: Int64 = 0) {
            self.space = space
            self.sleepAfterSeconds = sleepAfterSeconds
        }
    }

    public struct SetPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.SetPolicyRequest" }
        public var policy: SpacePolicy?

        public init(policy: SpacePolicy? = nil) {
            self.policy = policy
        }
    }

    public struct GetPolicyRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.sleep.v1.GetPolicyRequest" }
        public var space: String

        public init(space: String = "") {
            self.space = space
        }
    }
}
