import BerthModel
import BerthRPC
import BerthTesting
import Foundation
import XCTest

/// `berth admin init` on a fresh state directory: the keys and certificate it creates (modes, a certificate
/// OpenSSL parses with the right SANs), that running it again changes nothing, that berth-audit then signs with the
/// key init made, and what it refuses.
final class AdminInitEndToEndTests: XCTestCase {
    func testInitCreatesKeysAndCertificateOnceAndBerthAuditUsesTheKey() async throws {
        try BuiltProducts.require(["berth"])
        let env = try TestEnvironment()
        defer { env.remove() }
        let state = env.config.paths.stateDir + "/fresh"  // does not exist yet: init creates it 0700
        let flags = ["--state-dir", state, "--runtime-dir", env.config.paths.runtimeDir, "--hostname", "berth-test.example"]

        let (code, output) = try berth(["admin", "init", "-o", "json"] + flags)
        XCTAssertEqual(code, 0, output)
        let report = try JSONDecoder().decode(InitReport.self, from: Data(output.utf8))
        XCTAssertEqual(
            report.items.map { "\($0.item): \($0.status)" },
            [
                "audit signing key: created", "audit public key: created", "gateway TLS key: created",
                "gateway TLS certificate: created", "admin user admin password: created",
            ])
        XCTAssertTrue(report.items.last?.note.contains("berth login --username admin") ?? false, output)
        XCTAssertEqual(try Self.mode(state + "/bootstrap-admin-password"), 0o600)
        let password = try String(contentsOfFile: state + "/bootstrap-admin-password", encoding: .utf8)
        XCTAssertEqual(password.trimmingCharacters(in: .newlines).count, 24)
        XCTAssertEqual(report.issuerURL, "https://berth-test.example:7443")
        let flagsStep = try XCTUnwrap(report.nextSteps.first { $0.contains("kube-apiserver") })
        for flag in [
            "--oidc-issuer-url=https://berth-test.example:7443", "--oidc-client-id=berth-cli", "--oidc-username-claim=",
            "--oidc-groups-claim=groups", "--oidc-username-prefix=", "--oidc-groups-prefix=", "AuthenticationConfiguration",
        ] {
            XCTAssertTrue(flagsStep.contains(flag), "missing \(flag) in:\n\(flagsStep)")
        }

        XCTAssertEqual(try Self.mode(state), 0o700)
        XCTAssertEqual(try Self.mode(state + "/audit-signing-key.pem"), 0o600)
        XCTAssertEqual(try Self.mode(state + "/tls"), 0o700)
        XCTAssertEqual(try Self.mode(state + "/tls/tls.key"), 0o600)
        let certificate = try openssl(["x509", "-in", state + "/tls/tls.crt", "-noout", "-text"])
        XCTAssertTrue(
            certificate.contains("DNS:berth-test.example, DNS:localhost, IP Address:127.0.0.1"), certificate)
        XCTAssertTrue(certificate.contains("Subject: CN = berth-test.example"), certificate)
        XCTAssertTrue(certificate.contains("NIST CURVE: P-256"), certificate)
        // The certificate is for the key beside it.
        XCTAssertEqual(
            try openssl(["x509", "-in", state + "/tls/tls.crt", "-noout", "-pubkey"]),
            try openssl(["pkey", "-in", state + "/tls/tls.key", "-pubout"]))

        // Again: nothing is created or rewritten.
        let files = [
            "audit-signing-key.pem", "audit-signing-key.pub.pem", "tls/tls.key", "tls/tls.crt", "bootstrap-admin-password",
        ]
        let before = files.map { FileManager.default.contents(atPath: state + "/" + $0) }
        let (again, againOutput) = try berth(["admin", "init", "-o", "json"] + flags)
        XCTAssertEqual(again, 0, againOutput)
        let second = try JSONDecoder().decode(InitReport.self, from: Data(againOutput.utf8))
        XCTAssertEqual(
            second.items.map { "\($0.item): \($0.status)" },
            [
                "audit signing key: kept", "gateway TLS key: kept", "gateway TLS certificate: kept",
                "admin user admin password: kept",
            ])
        XCTAssertEqual(files.map { FileManager.default.contents(atPath: state + "/" + $0) }, before)

        // berth-audit starts on it and signs with init's key (same file name, same key).
        let berthd = try BerthdProcess(stateDirectory: state)
        let serving = await eventually(timeout: .seconds(60)) { await berthd.allServing() }
        XCTAssertTrue(serving, berthd.log)
        let checkpoints = try await berthd.env.client(for: .audit).unary(
            AuditV1.listCheckpoints, AuditV1.ListCheckpointsRequest())
        XCTAssertEqual(
            checkpoints.publicKeyPem,
            try String(contentsOfFile: state + "/audit-signing-key.pub.pem", encoding: .utf8))
        XCTAssertEqual(FileManager.default.contents(atPath: state + "/audit-signing-key.pem"), before[0])

        // berth-identity created the admin with init's password: logging in with it works, a wrong one does not.
        let home = try TemporaryDirectory(prefix: "berth-home")
        defer { home.remove() }
        var loginEnvironment = Self.environment
        loginEnvironment["XDG_CONFIG_HOME"] = home.path
        let runtime = ["--runtime-dir", berthd.env.config.paths.runtimeDir]
        let (login, loginOutput) = try runCommand(
            BuiltProducts.path("berth"),
            ["login", "--username", "admin", "--password-file", state + "/bootstrap-admin-password"] + runtime,
            environment: loginEnvironment)
        XCTAssertEqual(login, 0, loginOutput + berthd.log)
        try "not-the-password\n".write(toFile: home.path + "/wrong", atomically: true, encoding: .utf8)
        let (wrong, wrongOutput) = try runCommand(
            BuiltProducts.path("berth"), ["login", "--username", "admin", "--password-file", home.path + "/wrong"] + runtime,
            environment: loginEnvironment)
        XCTAssertNotEqual(wrong, 0, wrongOutput)

        // Not while Berth runs.
        let (running, runningOutput) = try berth(
            ["admin", "init", "--state-dir", state, "--runtime-dir", berthd.env.config.paths.runtimeDir])
        XCTAssertNotEqual(running, 0)
        XCTAssertTrue(runningOutput.contains("Berth is running"), runningOutput)
        _ = await berthd.stop()
    }

    func testInitLeavesAConfiguredCertificateAloneAndNeverReplacesADamagedKey() throws {
        try BuiltProducts.require(["berth"])
        let env = try TestEnvironment()
        defer { env.remove() }
        let state = env.config.paths.stateDir
        let flags = ["--state-dir", state, "--runtime-dir", env.config.paths.runtimeDir]

        // A configured certificate: init neither checks nor makes one.
        var environment = Self.environment
        environment["BERTH_GATEWAY_LISTEN"] = "https://127.0.0.1:7443"
        environment["BERTH_GATEWAY_TLS_CERT_FILE"] = "/etc/ssl/berth/tls.crt"
        environment["BERTH_GATEWAY_TLS_KEY_FILE"] = "/etc/ssl/berth/tls.key"
        let (code, output) = try runCommand(
            BuiltProducts.path("berth"), ["admin", "init", "-o", "json"] + flags, environment: environment)
        XCTAssertEqual(code, 0, output)
        let report = try JSONDecoder().decode(InitReport.self, from: Data(output.utf8))
        let tls = try XCTUnwrap(report.items.first { $0.item == "gateway TLS certificate" })
        XCTAssertEqual(tls.status, "configured")
        XCTAssertEqual(tls.path, "/etc/ssl/berth/tls.crt")
        XCTAssertEqual(report.issuerURL, "https://127.0.0.1:7443")
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + "/tls"))

        // A key file that is not a key: an error naming it, and the file stays as it was.
        let damaged = Data("not a key\n".utf8)
        try FileManager.default.removeItem(atPath: state + "/audit-signing-key.pem")
        XCTAssertTrue(FileManager.default.createFile(atPath: state + "/audit-signing-key.pem", contents: damaged))
        let (failed, failedOutput) = try berth(["admin", "init"] + flags)
        XCTAssertNotEqual(failed, 0)
        XCTAssertTrue(failedOutput.contains("audit-signing-key.pem") && failedOutput.contains("never replaces"), failedOutput)
        XCTAssertEqual(FileManager.default.contents(atPath: state + "/audit-signing-key.pem"), damaged)

        // A certificate without its key: refused, not paired with a new key.
        try FileManager.default.removeItem(atPath: state + "/audit-signing-key.pem")
        try FileManager.default.createDirectory(atPath: state + "/tls", withIntermediateDirectories: true)
        XCTAssertTrue(FileManager.default.createFile(atPath: state + "/tls/tls.crt", contents: Data("cert".utf8)))
        let (orphan, orphanOutput) = try berth(["admin", "init"] + flags)
        XCTAssertNotEqual(orphan, 0)
        XCTAssertTrue(orphanOutput.contains("its key") && orphanOutput.contains("tls.key"), orphanOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + "/tls/tls.key"))

        // A host name the certificate cannot carry: the message says how to give another.
        try FileManager.default.removeItem(atPath: state + "/tls")
        let (badName, badNameOutput) = try berth(["admin", "init", "--hostname", "build_host"] + flags)
        XCTAssertNotEqual(badName, 0)
        XCTAssertTrue(badNameOutput.contains("not a host name") && badNameOutput.contains("--hostname"), badNameOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state + "/tls/tls.crt"))
    }

    func testTableOutputPrintsTheNextSteps() throws {
        try BuiltProducts.require(["berth"])
        let env = try TestEnvironment()
        defer { env.remove() }
        let (code, output) = try berth(
            ["admin", "init", "--state-dir", env.config.paths.stateDir, "--runtime-dir", env.config.paths.runtimeDir])
        XCTAssertEqual(code, 0, output)
        for words in ["STATUS", "created", "Next steps:", "gateway.tls.certFile: ", "--oidc-client-id=berth-cli",
            "berth-rbac.yaml", "Connect LDAP"]
        {
            XCTAssertTrue(output.contains(words), "missing \(words) in:\n\(output)")
        }
    }

    /// The JSON report, decoded independently of the CLI's own types.
    struct InitReport: Decodable {
        struct Item: Decodable {
            var item: String
            var path: String
            var status: String
            var note: String
        }
        var stateDirectory: String
        var items: [Item]
        var issuerURL: String
        var nextSteps: [String]
    }

    static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BERTH_") }
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    private func berth(_ arguments: [String]) throws -> (Int32, String) {
        try runCommand(BuiltProducts.path("berth"), arguments, environment: Self.environment)
    }

    private func openssl(_ arguments: [String]) throws -> String {
        let (code, output) = try runCommand("/usr/bin/openssl", arguments)
        XCTAssertEqual(code, 0, "openssl \(arguments): \(output)")
        return output
    }
}
