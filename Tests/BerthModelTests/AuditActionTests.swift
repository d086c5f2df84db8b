import BerthModel
import XCTest

final class AuditActionTests: XCTestCase {
    func testKnownActionsRoundTrip() throws {
        XCTAssertEqual(try AuditAction(validating: "space.created"), .spaceCreated)
        XCTAssertEqual(AuditAction.serviceStarted.rawValue, "service.started")
    }

    func testUnknownActionIsRefusedWithTheVocabulary() {
        XCTAssertThrowsError(try AuditAction(validating: "space.exploded")) { error in
            let error = error as? ModelError
            XCTAssertEqual(error?.code, .unknownAction)
            XCTAssertTrue(error?.message.contains("space.created") ?? false)
        }
    }

    func testEveryStaticConstantIsInTheVocabulary() {
        let constants: [AuditAction] = [
            .serviceStarted, .serviceStopped, .sessionStarted, .sessionEnded, .loginFailed, .tokenIssued,
            .tokenRefreshed, .tokenRevoked, .accessKeyCreated, .accessKeyRevoked, .userCreated, .userUpdated,
            .userDeactivated, .userDeleted, .groupCreated, .groupUpdated, .groupDeleted, .teamCreated,
            .teamUpdated, .teamDeleted, .spaceCreated, .spaceUpdated, .spaceUpgraded, .spaceDeleted,
            .quotaExceeded, .quotaSet, .templateCreated, .clusterConnected, .clusterDisconnected, .sleepPolicySet, .spaceSlept,
            .spaceWoken,
            .spaceExpired, .kubernetesRequest, .webhookCreated, .webhookDeleted, .webhookRedelivered,
            .sleepSkipped, .wakeConflicted, .spaceDeletionWarned, .spaceKeptAwake, .tokenReused,
        ]
        XCTAssertEqual(Set(constants.map(\.rawValue)), AuditAction.all)
    }
}

final class ServiceNameTests: XCTestCase {
    func testStartOrderIsAuditFirstGatewayLast() {
        XCTAssertEqual(ServiceName.startOrder, [.audit, .identity, .tenancy, .sleep, .gateway])
        XCTAssertEqual(ServiceName.allCases.sorted(), ServiceName.startOrder)
        XCTAssertEqual(ServiceName.tenancy.executableName, "berth-tenancy")
        XCTAssertNil(ServiceName.gateway.databaseFileName)
    }
}
