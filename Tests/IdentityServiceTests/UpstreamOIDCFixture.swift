import Foundation
import XCTest

/// A small fake upstream OpenID provider: Debian's python3 with PyJWT and cryptography (python3-jwt,
/// python3-cryptography) signing real RS256 tokens, serving discovery, a JWKS and a token endpoint on 127.0.0.1.
///
/// The code the test passes to `finishLogin` tells the provider what to answer: `<mode>.<nonce>.<now>` with
/// mode `ok`, `expired`, `wrongaud`, `wrongiss`, `none` (alg none), `hs256`, `unknownkey` (signed by a key never
/// published) or `rotated` (signed by a key the JWKS lists only from its second fetch on). The token endpoint
/// insists on HTTP basic client auth `berth:upstream-secret`, `grant_type=authorization_code` and a
/// `code_verifier`, and answers 400 otherwise.
final class FakeUpstreamIdP: Sendable {
    let process: Process
    let port: Int
    var issuer: String { "http://127.0.0.1:\(port)" }
    static let clientID = "berth"
    static let clientSecret = "upstream-secret"

    init(directory: String) throws {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw XCTSkip("\(python) is missing: install python3, python3-jwt and python3-cryptography")
        }
        let script = directory + "/fake_idp.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The script prints "PORT <n>" once it listens (or exits 3 when PyJWT/cryptography are missing).
        var line = ""
        while !line.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            while process.isRunning { usleep(5_000) }
            if process.terminationStatus == 3 { throw XCTSkip("python3-jwt or python3-cryptography is missing") }
            throw XCTSkip("the fake IdP did not start: \(line)")
        }
        self.process = process
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(5_000) }
    }

    static let script = #"""
        import base64, json, sys, threading, time
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
        from urllib.parse import parse_qs
        try:
            import jwt
            from cryptography.hazmat.primitives.asymmetric import rsa
        except ImportError:
            sys.exit(3)

        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

        def number(value):
            return b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))

        keys = {kid: rsa.generate_private_key(public_exponent=65537, key_size=2048) for kid in ("k1", "k2", "rogue")}
        state = {"jwks_fetches": 0}
        lock = threading.Lock()

        def jwk(kid):
            numbers = keys[kid].public_key().public_numbers()
            return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": number(numbers.n), "e": number(numbers.e)}

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def issuer(self):
                return "http://127.0.0.1:%d" % self.server.server_address[1]

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    self.answer(200, {"issuer": self.issuer(), "authorization_endpoint": self.issuer() + "/authorize",
                                      "token_endpoint": self.issuer() + "/token", "jwks_uri": self.issuer() + "/jwks",
                                      "id_token_signing_alg_values_supported": ["RS256"]})
                elif self.path == "/jwks":
                    with lock:
                        state["jwks_fetches"] += 1
                        published = ["k1"] if state["jwks_fetches"] == 1 else ["k1", "k2"]
                    self.answer(200, {"keys": [jwk(kid) for kid in published]})
                elif self.path == "/stats":
                    with lock:
                        self.answer(200, dict(state))
                else:
                    self.answer(404, {"error": "not_found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                expected = "Basic " + base64.b64encode(b"berth:upstream-secret").decode()
                if self.path != "/token":
                    return self.answer(404, {"error": "not_found"})
                if self.headers.get("Authorization") != expected:
                    return self.answer(401, {"error": "invalid_client"})
                if form.get("grant_type") != "authorization_code" or not form.get("code_verifier"):
                    return self.answer(400, {"error": "invalid_request"})
                mode, nonce, now = form["code"].split(".")
                now = int(now)
                claims = {"iss": self.issuer(), "aud": "berth", "sub": "upstream-sub-1", "preferred_username": "carol",
                          "email": "carol@corp.example", "name": "Carol Upstream", "groups": ["sso-devs", "sso-ops"],
                          "nonce": nonce, "iat": now, "exp": now + 300}
                kid = {"unknownkey": "rogue", "rotated": "k2"}.get(mode, "k1")
                if mode == "expired":
                    claims["exp"] = now - 3600
                if mode == "wrongaud":
                    claims["aud"] = "someone-else"
                if mode == "wrongiss":
                    claims["iss"] = "http://127.0.0.1:1"
                if mode == "none":
                    token = b64(json.dumps({"alg": "none", "kid": "k1"}).encode()) + "." + b64(json.dumps(claims).encode()) + "."
                elif mode == "hs256":
                    token = jwt.encode(claims, "upstream-secret", algorithm="HS256", headers={"kid": "k1"})
                else:
                    token = jwt.encode(claims, keys[kid], algorithm="RS256", headers={"kid": kid})
                self.answer(200, {"access_token": "opaque", "token_type": "Bearer", "id_token": token})

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print("PORT %d" % server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
