@testable import BerthKube
import BerthTesting
import Foundation
import XCTest

/// kubeconfig parsing: each credential form, file paths relative to the kubeconfig, and errors naming the key.
final class KubeconfigTests: XCTestCase {
    static func kubeconfig(cluster: String, user: String, context: String = "dev", current: String = "dev") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: c1
          cluster:
        \(cluster.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        users:
        - name: u1
          user:
        \(user.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        contexts:
        - name: \(context)
          context:
            cluster: c1
            user: u1
            namespace: team-a
        """
    }

    func testBearerTokenAndNamespace() throws {
        let connection = try KubeConnection.kubeconfig(
            yaml: Self.kubeconfig(cluster: "server: https://k8s.example:6443", user: "token: abc123"), baseDirectory: "/")
        XCTAssertEqual(connection.server.absoluteString, "https://k8s.example:6443")
        XCTAssertEqual(connection.namespace, "team-a")
        guard case .bearerToken(let token) = connection.credentials else { return XCTFail("expected a bearer token") }
        XCTAssertEqual(token, "abc123")
    }

    func testTokenFileIsRelativeToTheKubeconfigAndRereadWhenItChanges() async throws {
        let directory = try TemporaryDirectory(prefix: "kubeconfig")
        defer { directory.remove() }
        try "first\n".write(toFile: directory.appending("token"), atomically: true, encoding: .utf8)
        let path = directory.appending("config")
        try Self.kubeconfig(cluster: "server: http://127.0.0.1:1", user: "tokenFile: token")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let connection = try KubeConnection.kubeconfig(path: path)
        guard case .tokenFile(let tokenPath) = connection.credentials else { return XCTFail("expected a token file") }
        XCTAssertEqual(tokenPath, directory.appending("token"))

        let client = try KubeClient(connection: connection)
        XCTAssertEqual(try client.bearerToken(), "first")
        try "second-longer\n".write(toFile: tokenPath, atomically: true, encoding: .utf8)
        XCTAssertEqual(try client.bearerToken(), "second-longer", "a rotated token is read again")
        try await client.shutdown()
    }

    func testClientCertificateDataAndCAFile() throws {
        let directory = try TemporaryDirectory(prefix: "kubeconfig")
        defer { directory.remove() }
        let caPEM = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n"
        try caPEM.write(toFile: directory.appending("ca.crt"), atomically: true, encoding: .utf8)
        let certificate = Data("CERT".utf8).base64EncodedString()
        let key = Data("KEY".utf8).base64EncodedString()
        let path = directory.appending("config")
        try Self.kubeconfig(
            cluster: "server: https://k8s.example:6443\ncertificate-authority: ca.crt",
            user: "client-certificate-data: \(certificate)\nclient-key-data: \(key)"
        ).write(toFile: path, atomically: true, encoding: .utf8)
        let connection = try KubeConnection.kubeconfig(path: path)
        XCTAssertEqual(connection.certificateAuthorityPEM, Data(caPEM.utf8))
        guard case .clientCertificate(let certificatePEM, let keyPEM) = connection.credentials else {
            return XCTFail("expected a client certificate")
        }
        XCTAssertEqual(certificatePEM, Data("CERT".utf8))
        XCTAssertEqual(keyPEM, Data("KEY".utf8))
    }

    func testMissingContextNamesTheKey() throws {
        let yaml = Self.kubeconfig(cluster: "server: https://k8s.example:6443", user: "token: x", current: "prod")
        XCTAssertThrowsError(try KubeConnection.kubeconfig(yaml: yaml, baseDirectory: "/")) { error in
            let error = error as? KubeError
            XCTAssertEqual(error?.code, .kubeconfig)
            XCTAssertTrue(error?.message.contains("contexts[name=prod]") == true, error?.message ?? "")
            XCTAssertTrue(error?.message.contains("dev") == true, "names the contexts that exist")
        }
    }

    func testClientKeyWithoutCertificateNamesTheKey() throws {
        let yaml = Self.kubeconfig(cluster: "server: https://k8s.example:6443", user: "client-key-data: S0VZ")
        XCTAssertThrowsError(try KubeConnection.kubeconfig(yaml: yaml, baseDirectory: "/")) { error in
            XCTAssertTrue((error as? KubeError)?.message.contains("users[name=u1].user.client-certificate") == true, "\(error)")
        }
    }

    func testInsecureSkipTLSVerifyNeedsBerthsExplicitSwitch() throws {
        let yaml = Self.kubeconfig(cluster: "server: https://k8s.example:6443\ninsecure-skip-tls-verify: true", user: "token: x")
        XCTAssertThrowsError(try KubeConnection.kubeconfig(yaml: yaml, baseDirectory: "/")) { error in
            XCTAssertTrue(
                (error as? KubeError)?.message.contains("clusters[name=c1].cluster.insecure-skip-tls-verify") == true, "\(error)")
        }
        let allowed = try KubeConnection.kubeconfig(yaml: yaml, baseDirectory: "/", allowInsecure: true)
        XCTAssertTrue(allowed.insecureSkipTLSVerify)
    }

    func testServerThatIsNotAURLNamesTheKey() throws {
        let yaml = Self.kubeconfig(cluster: "server: k8s.example", user: "token: x")
        XCTAssertThrowsError(try KubeConnection.kubeconfig(yaml: yaml, baseDirectory: "/")) { error in
            XCTAssertTrue((error as? KubeError)?.message.contains("clusters[name=c1].cluster.server") == true, "\(error)")
        }
    }

    func testInClusterServiceAccount() throws {
        let directory = try TemporaryDirectory(prefix: "serviceaccount")
        defer { directory.remove() }
        try "sa-token".write(toFile: directory.appending("token"), atomically: true, encoding: .utf8)
        try "CA".write(toFile: directory.appending("ca.crt"), atomically: true, encoding: .utf8)
        try "berth-system\n".write(toFile: directory.appending("namespace"), atomically: true, encoding: .utf8)
        let connection = try KubeConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], directory: directory.path)
        XCTAssertEqual(connection.server.absoluteString, "https://10.96.0.1:443")
        XCTAssertEqual(connection.namespace, "berth-system")
        XCTAssertEqual(connection.certificateAuthorityPEM, Data("CA".utf8))
        XCTAssertThrowsError(try KubeConnection.inCluster(environment: [:], directory: directory.path)) { error in
            XCTAssertTrue((error as? KubeError)?.message.contains("KUBERNETES_SERVICE_HOST") == true)
        }
    }
}
