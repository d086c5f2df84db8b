import Foundation
import XCTest

/// The dependency budget (STYLE.md, "Dependencies are a budget"): BerthModel imports Foundation only, and a
/// service library never imports another service's library — it talks to other services over their sockets.
/// Reads the package graph from `swift package describe --type json`, so a new edge in Package.swift fails here.
final class DependencyBudgetTests: XCTestCase {
    struct Description: Decodable {
        struct Target: Decodable {
            let name: String
            let type: String
            let target_dependencies: [String]?
            let product_dependencies: [String]?
        }
        let targets: [Target]
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func describePackage() throws -> Description {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // --ignore-lock: `swift test` holds the build directory's lock while the tests run.
        process.arguments = ["swift", "package", "--ignore-lock", "describe", "--type", "json"]
        process.currentDirectoryURL = Self.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "swift package describe failed")
        return try JSONDecoder().decode(Description.self, from: data)
    }

    static let serviceLibraries: Set<String> = [
        "AuditService", "IdentityService", "TenancyService", "SleepService", "GatewayService", "SupervisorService",
    ]

    func testModelDependsOnFoundationOnly() throws {
        let model = try XCTUnwrap(try describePackage().targets.first { $0.name == "BerthModel" })
        XCTAssertEqual(model.target_dependencies ?? [], [], "BerthModel must not depend on other targets")
        XCTAssertEqual(model.product_dependencies ?? [], [], "BerthModel must not depend on packages")
    }

    func testNoServiceLibraryImportsAnotherServiceLibrary() throws {
        for target in try describePackage().targets where Self.serviceLibraries.contains(target.name) {
            let forbidden = Set(target.target_dependencies ?? []).intersection(Self.serviceLibraries)
            XCTAssertTrue(forbidden.isEmpty, "\(target.name) depends on \(forbidden.sorted()): call it over its socket")
        }
    }

    func testSharedModulesNeverDependOnServices() throws {
        for target in try describePackage().targets where target.name.hasPrefix("Berth") && target.type == "library" {
            let forbidden = Set(target.target_dependencies ?? []).intersection(Self.serviceLibraries)
            XCTAssertTrue(forbidden.isEmpty, "\(target.name) depends on service libraries \(forbidden.sorted())")
        }
    }

    func testOnlyTenancyAndSleepReachKubernetes() throws {
        for target in try describePackage().targets where (target.target_dependencies ?? []).contains("BerthKube") {
            XCTAssertTrue(
                ["TenancyService", "SleepService", "BerthTesting"].contains(target.name) || target.type == "test",
                "\(target.name) depends on BerthKube: only tenancy and sleep talk to Kubernetes")
        }
    }
}
