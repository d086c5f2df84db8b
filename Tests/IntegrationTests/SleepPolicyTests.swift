import BerthModel
import BerthRPC
import BerthTesting
import SleepService
import XCTest

final class SleepPolicyTests: XCTestCase {
    func testSetGetAndValidation() async throws {
        let env = try TestEnvironment()
        defer { env.remove() }
        try await withRunningService(try SleepService.build(config: env.config, logger: .init(label: "t")), in: env) {
            let client = env.client(for: .sleep)
            let missing = await rpcError {
                try await client.unary(SleepV1.getPolicy, SleepV1.GetPolicyRequest(space: "dev-1"))
            }
            XCTAssertEqual(missing?.code, .notFound)
            let set = try await client.unary(
                SleepV1.setPolicy, SleepV1.SetPolicyRequest(policy: SleepV1.SpacePolicy(space: "dev-1", sleepAfterSeconds: 3600)))
            XCTAssertEqual(set.sleepAfterSeconds, 3600)
            let got = try await client.unary(SleepV1.getPolicy, SleepV1.GetPolicyRequest(space: "dev-1"))
            XCTAssertEqual(got, set)
            let negative = await rpcError {
                try await client.unary(
                    SleepV1.setPolicy, SleepV1.SetPolicyRequest(policy: SleepV1.SpacePolicy(space: "dev-1", sleepAfterSeconds: -1)))
            }
            XCTAssertEqual(negative?.code, .invalidArgument)
        }
    }
}
