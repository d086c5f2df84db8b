@testable import BerthRuntime
import Foundation
import XCTest

/// deploy/berth.example.yaml is the operator's reference: it must load, equal the embedded defaults, and
/// document every key and its environment variable.
final class ExampleConfigTests: XCTestCase {
    private let examplePath = repositoryRoot + "/deploy/berth.example.yaml"

    func testExampleLoadsToTheEmbeddedDefaults() throws {
        let loaded = try ConfigLoader(filePath: examplePath, executableDirectory: "/opt/berth").load()
        XCTAssertEqual(loaded, BerthConfig.defaults(binDir: "/opt/berth"))
    }

    func testExampleDocumentsEveryKeyAndVariable() throws {
        let text = try String(contentsOfFile: examplePath, encoding: .utf8)
        for key in ConfigKeys.all {
            XCTAssertTrue(text.contains("\(key.path.last ?? ""):"), "\(key.name) is not in the example")
            XCTAssertTrue(text.contains(key.environmentVariable), "\(key.environmentVariable) is not in the example")
        }
        for alias in ConfigKeys.environmentAliases.keys {
            XCTAssertTrue(text.contains(alias), "\(alias) is not in the example")
        }
    }
}
