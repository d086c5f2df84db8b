/// Swift mirrors of proto/berth/metrics/v1/metrics.proto (package berth.metrics.v1).
public enum MetricsV1 {
    public struct ScrapeRequest: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.metrics.v1.ScrapeRequest" }
        public init() {}
    }

    public struct ScrapeResponse: ProtoMessage, Equatable {
        public static var protoMessageName: String { "berth.metrics.v1.ScrapeResponse" }
        /// Prometheus text exposition format 0.0.4.
        public var text: String

        public init(text: String = "") {
            self.text = text
        }
    }
}
