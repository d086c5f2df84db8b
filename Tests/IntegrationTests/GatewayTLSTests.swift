import BerthCrypto
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import Logging
import XCTest

/// An `https://` gateway.listen serves TLS with gateway.tls.certFile/keyFile (checked by Python's ssl module
/// against that certificate), never plain HTTP; a key it cannot read stops it at start with the key to fix.
final class GatewayTLSTests: XCTestCase {
    static let python = "/usr/bin/python3"

    func testHTTPSListenerServesTLSWithTheConfiguredCertificate() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else { throw XCTSkip("needs /usr/bin/python3") }
        let root = try TemporaryDirectory(prefix: "gateway-tls")
        defer { root.remove() }
        let key = try ECPrivateKey.generate()
        let certificate = try X509Certificate.selfSigned(
            key: key, commonName: "localhost", dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"], notBefore: Date(),
            validity: .seconds(86_400))
        let certFile = root.appending("tls.crt")
        let keyFile = root.appending("tls.key")
        try certificate.pem.write(toFile: certFile, atomically: true, encoding: .utf8)
        try key.pemRepresentation().write(toFile: keyFile, atomically: true, encoding: .utf8)
        let port = try LoopbackPort.free()
        let env = try TestEnvironment {
            $0.gateway.listen = "https://127.0.0.1:\(port)"
            $0.gateway.tls.certFile = certFile
            $0.gateway.tls.keyFile = keyFile
        }
        defer { env.remove() }
        try await withRunningService(try GatewayService.build(config: env.config, logger: Logger(label: "test")), in: env) {
            let listeners = try await env.client(for: .gateway).unary(GatewayV1.getListeners, GatewayV1.GetListenersRequest())
            XCTAssertEqual(listeners.listeners.first?.tls, true)
            let script = """
                import ssl, sys, urllib.request, urllib.error
                context = ssl.create_default_context(cafile=sys.argv[1])
                try:
                    response = urllib.request.urlopen(sys.argv[2], context=context, timeout=5)
                    print(response.status, response.headers.get("X-Frame-Options"))
                except urllib.error.HTTPError as error:
                    print(error.code, error.headers.get("X-Frame-Options"))
                """
            let verified = try Self.python([ "-c", script, certFile, "https://127.0.0.1:\(port)/healthz"])
            XCTAssertEqual(verified.status, 0, verified.output)
            XCTAssertEqual(verified.output.trimmingCharacters(in: .whitespacesAndNewlines), "200 DENY")
            // Plain HTTP on the TLS port gets no HTTP answer.
            let plain = try Self.python(["-c", "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=5)", "http://127.0.0.1:\(port)/healthz"])
            XCTAssertNotEqual(plain.status, 0, plain.output)

            // The CLI trusts the self-signed certificate only when told to (--server-ca); the gateway then answers
            // (identity is not running here, so the token cannot be checked: 503, exit code 6 with its message).
            if FileManager.default.isExecutableFile(atPath: IdentityCLILoginTests.berth) {
                let environment = ["XDG_CONFIG_HOME": root.appending("config"), "BERTH_TOKEN": "some-token"]
                let server = ["--server", "https://127.0.0.1:\(port)"]
                let untrusted = try await IdentityCLILoginTests.run(["space", "list"] + server, environment)
                XCTAssertEqual(untrusted.status, 6, untrusted.stderr)
                XCTAssertTrue(untrusted.stderr.contains("--server-ca"), untrusted.stderr)
                let trusted = try await IdentityCLILoginTests.run(["space", "list", "--server-ca", certFile] + server, environment)
                XCTAssertEqual(trusted.status, 6, trusted.stderr)
                XCTAssertFalse(trusted.stderr.contains("TLS"), trusted.stderr)
                XCTAssertTrue(trusted.stderr.contains("request id"), "the gateway answered: \(trusted.stderr)")
            }
        }
    }

    func testAnUnreadableKeyStopsTheGatewayWithTheKeyToFix() throws {
        let env = try TestEnvironment {
            $0.gateway.listen = "https://127.0.0.1:7443"
            $0.gateway.tls.certFile = "/nonexistent/tls.crt"
            $0.gateway.tls.keyFile = "/nonexistent/tls.key"
        }
        defer { env.remove() }
        XCTAssertThrowsError(try GatewayService.build(config: env.config, logger: Logger(label: "test"))) {
            XCTAssertTrue("\($0)".contains("gateway.tls.certFile"), "\($0)")
        }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
