import BerthCrypto
import Foundation
import XCTest

/// The self-signed gateway certificate, checked by OpenSSL's own tool: SANs, validity, key, signature.
final class X509CertificateTests: XCTestCase {
    func testSelfSignedCertificateCarriesTheNamesValidityAndKeyAndVerifiesWithOpenSSL() throws {
        let key = try ECPrivateKey.generate()
        let notBefore = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z
        let certificate = try X509Certificate.selfSigned(
            key: key, commonName: "berth.example.com", dnsNames: ["berth.example.com", "localhost"],
            ipAddresses: ["127.0.0.1", "::1"], notBefore: notBefore, validity: .seconds(86_400 * 10))
        XCTAssertTrue(certificate.pem.hasPrefix("-----BEGIN CERTIFICATE-----\n"), certificate.pem)

        let directory = NSTemporaryDirectory() + "x509-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/tls.crt"
        try certificate.pem.write(toFile: path, atomically: true, encoding: .utf8)

        let text = try ECKeyTests.openssl(["x509", "-in", path, "-noout", "-text"])
        XCTAssertTrue(text.contains("DNS:berth.example.com, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), text)
        XCTAssertTrue(text.contains("Subject: CN = berth.example.com"), text)
        XCTAssertTrue(text.contains("Issuer: CN = berth.example.com"), text)
        XCTAssertTrue(text.contains("Not Before: Jan 15 08:00:00 2027 GMT"), text)
        XCTAssertTrue(text.contains("Not After : Jan 25 08:00:00 2027 GMT"), text)
        XCTAssertTrue(text.contains("ecdsa-with-SHA256"), text)
        XCTAssertTrue(text.contains("NIST CURVE: P-256"), text)
        XCTAssertTrue(text.contains("CA:FALSE"), text)
        XCTAssertTrue(text.contains("TLS Web Server Authentication"), text)

        // The certificate holds this key's public half, and its self-signature verifies.
        let publicKey = try ECKeyTests.openssl(["x509", "-in", path, "-noout", "-pubkey"])
        XCTAssertEqual(publicKey, try key.publicKey.pemRepresentation())
        let verified = try ECKeyTests.openssl(
            ["verify", "-CAfile", path, "-partial_chain", "-attime", "1800000100", path])
        XCTAssertEqual(verified.trimmingCharacters(in: .whitespacesAndNewlines), "\(path): OK")
    }

    func testTwoCertificatesHaveDifferentSerials() throws {
        let key = try ECPrivateKey.generate()
        let serials = try (0..<2).map { _ in
            let certificate = try X509Certificate.selfSigned(
                key: key, commonName: "h", dnsNames: ["h"], ipAddresses: [], notBefore: Date(timeIntervalSince1970: 0),
                validity: .seconds(60))
            let path = NSTemporaryDirectory() + "x509-\(UUID().uuidString).crt"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try certificate.pem.write(toFile: path, atomically: true, encoding: .utf8)
            return try ECKeyTests.openssl(["x509", "-in", path, "-noout", "-serial"])
        }
        XCTAssertTrue(serials[0].hasPrefix("serial="), serials[0])
        XCTAssertNotEqual(serials[0], serials[1])
    }

    func testNamesThatWouldChangeTheExtensionAreRefused() throws {
        let key = try ECPrivateKey.generate()
        for (dns, ips, words) in [
            (["a,IP:10.0.0.1"], [String](), "not a host name"), (["a:b"], [], "not a host name"),
            ([], ["999.1.1.1"], "not an IPv4 or IPv6 address"), ([], [], "no DNS name or IP address"),
        ] {
            XCTAssertThrowsError(
                try X509Certificate.selfSigned(
                    key: key, commonName: "x", dnsNames: dns, ipAddresses: ips, notBefore: Date(timeIntervalSince1970: 0),
                    validity: .seconds(60))
            ) { error in
                XCTAssertTrue("\(error)".contains(words), "\(dns) \(ips): \(error)")
            }
        }
    }
}
