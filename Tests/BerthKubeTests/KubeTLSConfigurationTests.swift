import BerthKube
import BerthTesting
import Foundation
import XCTest

/// Client certificates and CAs from a kubeconfig become a TLS configuration, or a keyed error.
final class KubeTLSConfigurationTests: XCTestCase {
    /// A self-signed EC certificate and key made by the openssl CLI.
    func makeCertificate(in directory: TemporaryDirectory) throws -> (certificate: Data, key: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=berth-test", "-keyout", directory.appending("key.pem"), "-out", directory.appending("cert.pem"),
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return (
            try Data(contentsOf: URL(fileURLWithPath: directory.appending("cert.pem"))),
            try Data(contentsOf: URL(fileURLWithPath: directory.appending("key.pem")))
        )
    }

    func testClientCertificateAndCAAreAccepted() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { throw XCTSkip("openssl CLI missing") }
        let directory = try TemporaryDirectory(prefix: "kube-tls")
        defer { directory.remove() }
        let (certificate, key) = try makeCertificate(in: directory)
        let connection = KubeConnection(
            server: try XCTUnwrap(URL(string: "https://127.0.0.1:6443")),
            credentials: .clientCertificate(certificatePEM: certificate, keyPEM: key), certificateAuthorityPEM: certificate)
        try await KubeClient.withClient(connection: connection) { _ in }
    }

    func testBrokenPEMNamesTheKey() async throws {
        let directory = try TemporaryDirectory(prefix: "kube-tls")
        defer { directory.remove() }
        let connection = KubeConnection(
            server: try XCTUnwrap(URL(string: "https://127.0.0.1:6443")),
            credentials: .clientCertificate(certificatePEM: Data("not a cert".utf8), keyPEM: Data("not a key".utf8)))
        let error = await kubeError { try await KubeClient.withClient(connection: connection) { _ in } }
        XCTAssertEqual(error?.code, .kubeconfig)
        XCTAssertTrue(error?.message.contains("client-certificate") == true, "\(String(describing: error))")
        let badCA = KubeConnection(
            server: try XCTUnwrap(URL(string: "https://127.0.0.1:6443")), certificateAuthorityPEM: Data("garbage".utf8))
        let caError = await kubeError { try await KubeClient.withClient(connection: badCA) { _ in } }
        XCTAssertTrue(caError?.message.contains("certificate-authority") == true, "\(String(describing: caError))")
    }
}
