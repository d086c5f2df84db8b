import BerthKube
import BerthModel
import XCTest

@testable import TenancyService

final class TemplateRendererTests: XCTestCase {
    let renderer = TemplateRenderer()

    func context(
        space: String = "payments-dev", team: String? = "payments", values: [String: String] = [:],
        subjects: RoleSubjects = RoleSubjects()
    ) throws -> SpaceRenderContext {
        SpaceRenderContext(
            space: try DNSLabel(space), team: try team.map { try DNSLabel($0) }, owner: "alice", values: values,
            subjects: subjects)
    }

    func template(_ manifests: String, parameters: [TemplateParameter] = []) throws -> SpaceTemplate {
        SpaceTemplate(
            name: try DNSLabel("custom"), parameters: parameters, quota: nil, isolateNetwork: false,
            bindTeamRoles: false, manifests: manifests)
    }

    func assertInvalid(
        _ template: SpaceTemplate, values: [String: String] = [:], line: Int?, containing fragment: String,
        file: StaticString = #filePath, lineNumber: UInt = #line
    ) throws {
        XCTAssertThrowsError(try renderer.render(template, for: try context(values: values)), file: file, line: lineNumber) {
            guard let error = $0 as? TenancyError else { return XCTFail("not a TenancyError: \($0)", file: file, line: lineNumber) }
            XCTAssertEqual(error.code, .invalidTemplate, file: file, line: lineNumber)
            if let line {
                XCTAssertTrue(error.message.hasPrefix("template line \(line): "), error.message, file: file, line: lineNumber)
            }
            XCTAssertTrue(error.message.contains(fragment), error.message, file: file, line: lineNumber)
        }
    }

    // MARK: The built-in templates

    func testDefaultTemplateRendersQuotaLimitsIsolationBindingsAndPodSecurity() throws {
        let subjects = RoleSubjects(groups: [.owner: ["payments-leads"], .member: ["payments-devs"]], users: [.viewer: ["auditor"]])
        let rendered = try renderer.render(BuiltInTemplates.standard, for: try context(values: ["cpu": "8"], subjects: subjects))

        let byName = Dictionary(uniqueKeysWithValues: rendered.objects.map { ($0[path: ["metadata", "name"]]?.stringValue ?? "", $0) })
        XCTAssertEqual(Set(byName.keys), ["berth-quota", "berth-limits", "berth-default-deny", "berth-allow-same-space", "berth-owner", "berth-member", "berth-viewer"])
        XCTAssertEqual(byName["berth-quota"]?[path: ["spec", "hard", "requests.cpu"]], "8", "a given value replaces the default")
        XCTAssertEqual(byName["berth-quota"]?[path: ["spec", "hard", "requests.memory"]], "8Gi", "an omitted value takes the default")
        XCTAssertEqual(byName["berth-owner"]?[path: ["roleRef", "name"]], "admin")
        XCTAssertEqual(byName["berth-owner"]?[path: ["subjects"]]?.arrayValue?.first?["name"], "berth:payments-leads")
        XCTAssertEqual(byName["berth-viewer"]?[path: ["subjects"]]?.arrayValue?.first?["kind"], "User")
        XCTAssertEqual(byName["berth-viewer"]?[path: ["roleRef", "name"]], "view")
        for object in rendered.objects {
            XCTAssertEqual(object[path: ["metadata", "namespace"]], "payments-dev")
            XCTAssertEqual(object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "berth")
            XCTAssertEqual(object[path: ["metadata", "labels", "berth.dev/space"]], "payments-dev")
        }
        XCTAssertEqual(rendered.namespaceLabels["pod-security.kubernetes.io/enforce"], "baseline")
        XCTAssertEqual(rendered.namespaceLabels["berth.dev/team"], "payments")
        XCTAssertEqual(rendered.namespaceLabels["berth.dev/template"], "default.v1")
    }

    func testRestrictedTemplateIsRestrictedAndDisablesTokenMounting() throws {
        let rendered = try renderer.render(BuiltInTemplates.restricted, for: try context())
        XCTAssertEqual(rendered.namespaceLabels["pod-security.kubernetes.io/enforce"], "restricted")
        let account = rendered.objects.first { $0["kind"] == "ServiceAccount" }
        XCTAssertEqual(account?["automountServiceAccountToken"], false)
    }

    func testBuiltInTemplatesValidate() throws {
        for template in BuiltInTemplates.all { XCTAssertNoThrow(try renderer.validate(template), "\(template.name)") }
    }

    func testARoleWithoutSubjectsGetsNoBinding() throws {
        let rendered = try renderer.render(BuiltInTemplates.standard, for: try context())
        XCTAssertFalse(rendered.objects.contains { $0["kind"] == "RoleBinding" })
    }

    // MARK: Parameters are values, never YAML text

    func testAParameterValueCannotInjectStructure() throws {
        let manifests = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              greeting: "${greeting}"
            """
        let injected = "hi\"\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: pwn"
        let rendered = try renderer.render(
            try template(manifests, parameters: [TemplateParameter(name: "greeting")]), for: try context(values: ["greeting": injected]))
        XCTAssertEqual(rendered.objects.count, 1, "the value stayed inside one string")
        XCTAssertEqual(rendered.objects[0][path: ["data", "greeting"]], .string(injected))
    }

    func testBuiltInParametersAndLiteralDollarBrace() throws {
        let manifests = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cfg-${space}
            data:
              who: ${owner}@${team}
              literal: $${not-a-parameter}
              price: $5
            """
        let object = try renderer.render(try template(manifests), for: try context()).objects[0]
        XCTAssertEqual(object[path: ["metadata", "name"]], "cfg-payments-dev")
        XCTAssertEqual(object[path: ["data", "who"]], "alice@payments")
        XCTAssertEqual(object[path: ["data", "literal"]], "${not-a-parameter}")
        XCTAssertEqual(object[path: ["data", "price"]], "$5")
    }

    func testParameterErrors() throws {
        let manifests = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  size: ${size}\n"
        let sized = try template(manifests, parameters: [TemplateParameter(name: "size", pattern: "[0-9]+", maxLength: 4)])
        try assertInvalid(sized, line: nil, containing: "parameter 'size' is required")
        try assertInvalid(sized, values: ["size": "12a"], line: nil, containing: "does not match [0-9]+")
        try assertInvalid(sized, values: ["size": "12345"], line: nil, containing: "at most 4")
        try assertInvalid(sized, values: ["size": "1", "colour": "red"], line: nil, containing: "has no parameter 'colour'")
        try assertInvalid(try template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${nope}\n"), line: 1, containing: "unknown parameter '${nope}'")
        XCTAssertThrowsError(try renderer.validate(try template("", parameters: [TemplateParameter(name: "space")]))) {
            XCTAssertTrue(($0 as? TenancyError)?.message.contains("built in") == true, "\($0)")
        }
    }

    // MARK: What a template may create

    func testClusterScopedAndForeignNamespaceObjectsAreRejectedWithTheirLine() throws {
        let clusterRole = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: fine
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: escalate
            """
        try assertInvalid(try template(clusterRole), line: 6, containing: "ClusterRoleBinding is cluster-scoped")
        try assertInvalid(try template("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n"), line: 1, containing: "cluster-scoped")
        let foreign = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: kube-system\n"
        try assertInvalid(try template(foreign), line: 1, containing: "names namespace 'kube-system'")
        let sameNamespace = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: ${space}\n"
        XCTAssertEqual(try renderer.render(try template(sameNamespace), for: try context()).objects.count, 1)
    }

    func testMalformedObjectsAreRejected() throws {
        try assertInvalid(try template("- a\n- b\n"), line: 1, containing: "not a Kubernetes object")
        try assertInvalid(try template("kind: ConfigMap\nmetadata:\n  name: x\n"), line: 1, containing: "no apiVersion")
        try assertInvalid(try template("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"), line: 1, containing: "no metadata.name")
        try assertInvalid(try template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n"), line: 1, containing: "DNS-1123 subdomain")
        let labelled = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    berth.dev/space: other\n"
        try assertInvalid(try template(labelled), line: 1, containing: "which Berth owns")
        let twice = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
        try assertInvalid(try template(twice), line: 6, containing: "core/ConfigMap/x is defined twice")
        try assertInvalid(try template("apiVersion: v1\nkind: List\nitems: []\n"), line: 1, containing: "not supported")
    }

    func testSyntaxErrorsNameTheLine() throws {
        try assertInvalid(try template("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n"), line: nil, containing: "not valid YAML")
        try assertInvalid(try template("a: 1\na: 2\n"), line: nil, containing: "'a' appears twice")
    }

    // MARK: Hostile YAML

    func testYAMLBombIsRefusedQuickly() throws {
        var bomb = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let previous = (0..<10).map { _ in "*a\(level - 1)" }.joined(separator: ",")
            bomb += "a\(level): &a\(level) [\(previous)]\n"
        }
        try assertInvalid(try template(bomb), line: nil, containing: "YAML bomb")
    }

    func testOversizedAndDeeplyNestedManifestsAreRefused() throws {
        let huge = String(repeating: "# padding\n", count: 120_000)
        try assertInvalid(try template(huge), line: nil, containing: "at most 1048576")
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        try assertInvalid(try template(deep), line: nil, containing: "deeper than 64")
    }

    func testRenderingIsDeterministic() throws {
        let subjects = RoleSubjects(groups: [.member: ["b", "a"]])
        let first = try renderer.render(BuiltInTemplates.standard, for: try context(subjects: subjects))
        let second = try renderer.render(BuiltInTemplates.standard, for: try context(subjects: subjects))
        XCTAssertEqual(first, second)
        let names = first.objects.first { $0[path: ["metadata", "name"]] == "berth-member" }?["subjects"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        XCTAssertEqual(names, ["berth:a", "berth:b"], "subjects are sorted so a resync writes nothing")
    }
}
