@testable import AuditService
import Logging
import XCTest

/// The sink tests' pump helpers.
extension XCTestCase {
    /// A pump for `sink` on the fixture's store, delivering `batchSize` records at a time.
    func pump(_ sink: any AuditSink, _ fixture: AuditStoreFixture, batchSize: Int = 100) -> SinkPump {
        var pump = SinkPump(sink: sink, store: fixture.store, clock: ContinuousClock(), logger: Logger(label: "test"))
        pump.batchSize = batchSize
        return pump
    }

    /// Pumps until caught up; returns the number of items (records and checkpoints) delivered.
    func drain(_ pump: SinkPump) async throws -> Int {
        var total = 0
        while case let count = try await pump.pumpOnce(), count > 0 { total += count }
        return total
    }
}
