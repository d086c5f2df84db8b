import BerthModel
import Foundation
import XCTest

@testable import TenancyService

final class TemplateDefinitionTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func testTheExampleInDeployParsesValidatesAndRenders() throws {
        let yaml = try String(contentsOf: Self.repository.appendingPathComponent("deploy/templates/web.yaml"), encoding: .utf8)
        let template = try TemplateDefinition.parse(yaml, name: try DNSLabel("web"), version: 1)
        XCTAssertEqual(template.podSecurity, .restricted)
        XCTAssertEqual(template.parameters.map(\.name), ["cpu", "memory", "cost-center"])
        XCTAssertNil(template.parameters[2].defaultValue, "cost-center is required")
        try TemplateRenderer().validate(template)
        let rendered = try TemplateRenderer().render(
            template,
            for: SpaceRenderContext(
                space: try DNSLabel("shop-web"), team: try DNSLabel("shop"), owner: "alice", values: ["cost-center": "cc-42"]))
        XCTAssertEqual(rendered.namespaceLabels["cost-center"], "cc-42")
        let info = rendered.objects.first { $0[path: ["metadata", "name"]] == "space-info" }
        XCTAssertEqual(info?[path: ["data", "team"]], "shop")
    }

    func testMistakesAreNamed() throws {
        let name = try DNSLabel("t")
        func message(_ yaml: String) -> String {
            do {
                _ = try TemplateDefinition.parse(yaml, name: name, version: 1)
                return "parsed"
            } catch {
                return error.message
            }
        }
        XCTAssertTrue(message("podSecuriti: restricted\n").contains("unknown key 'podSecuriti'"))
        XCTAssertTrue(message("podSecurity: lax\n").contains("not privileged, baseline or restricted"))
        XCTAssertTrue(message("quota: {cpus: 2}\n").contains("unknown key 'cpus' in quota"))
        XCTAssertTrue(message("containerDefaults: {cpuRequest: 1m}\n").contains("needs cpuRequest, memoryRequest and memoryLimit"))
        XCTAssertTrue(message("parameters: {name: x}\n").contains("parameters must be a list"))
        XCTAssertTrue(message("- a\n").contains("one YAML mapping"))
        XCTAssertTrue(message("isolateNetwork: maybe\n").contains("true or false"))
    }
}
