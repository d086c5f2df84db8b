import BerthCrypto
import Foundation

/// The two interactive logins of `berth login`: the device flow (default) and code + PKCE in a browser.
enum LoginFlows {
    static let clientID = "berth-cli"

    /// RFC 8628: ask for a code, show the URL and the code, poll `/token` at the interval (slower on `slow_down`).
    static func device(_ http: LoginHTTPClient) async throws -> LoginTokenCache.Entry {
        let start = try await http.post(
            "/device/code", ["client_id": clientID, "scope": "openid groups offline_access"])
        guard start.status == 200 else { throw failure("start the device login", start) }
        let complete = start["verification_uri_complete"]
        // Straight to the file descriptor: print() is block-buffered on a pipe, and a wrapper script must see
        // the code before the poll ends.
        say("To sign in, open \(start["verification_uri"]) and enter the code \(start["user_code"])")
        if !complete.isEmpty { say("(or open \(complete))") }
        var interval = max(start.number("interval"), 1)
        let deadline = ContinuousClock.now + .seconds(max(start.number("expires_in"), 1))
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .seconds(interval))
            let answer = try await http.post(
                "/token",
                [
                    "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": start["device_code"],
                    "client_id": clientID,
                ])
            switch answer.error {
            case "": return LoginHTTPClient.entry(from: answer, clientID: clientID)
            case "authorization_pending": continue
            case "slow_down": interval += 5
            default: throw failure("finish the device login", answer)
            }
        }
        throw ValidationErrorMessage("the code expired before it was approved: run berth login again")
    }

    /// Code + PKCE (S256) with a loopback redirect; prints the URL and tries `xdg-open`.
    static func browser(_ http: LoginHTTPClient, open: Bool) async throws -> LoginTokenCache.Entry {
        let listener = try LoginLoopbackListener()
        let verifier = try PKCE.makeVerifier()
        let state = Base64URL.encode(try SecureRandom.bytes(16))
        let nonce = Base64URL.encode(try SecureRandom.bytes(16))
        let challenge = try PKCE.challenge(for: verifier)
        let query: [(String, String)] = [
            ("client_id", clientID), ("redirect_uri", listener.redirectURI), ("response_type", "code"),
            ("scope", "openid groups offline_access"), ("state", state), ("nonce", nonce),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ]
        let url =
            http.server + "/authorize?" + query.map { "\($0.0)=\(LoginHTTPClient.encode($0.1))" }.joined(separator: "&")
        say("Open this URL in your browser to sign in:\n  \(url)")
        if open { openInBrowser(url) }
        let callback = try await listener.waitForCallback(timeoutSeconds: 300)
        if let error = callback["error"] {
            throw ValidationErrorMessage("sign-in refused: \(error): \(callback["error_description"] ?? "")")
        }
        guard callback["state"] == state, let code = callback["code"] else {
            throw ValidationErrorMessage("the browser came back without the expected state: run berth login again")
        }
        let answer = try await http.post(
            "/token",
            [
                "grant_type": "authorization_code", "code": code, "redirect_uri": listener.redirectURI,
                "code_verifier": verifier, "client_id": clientID,
            ])
        guard answer.error.isEmpty, answer.status == 200 else { throw failure("exchange the code", answer) }
        let entry = LoginHTTPClient.entry(from: answer, clientID: clientID)
        guard JWT.unverifiedClaims(of: entry.idToken)["nonce"] as? String == nonce else {
            throw ValidationErrorMessage("the ID token does not carry this login's nonce: run berth login again")
        }
        return entry
    }

    /// Unbuffered stdout.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func failure(_ what: String, _ answer: LoginHTTPClient.Answer) -> ValidationErrorMessage {
        let reason = answer.error.isEmpty ? "HTTP \(answer.status)" : "\(answer.error): \(answer.errorDescription)"
        return ValidationErrorMessage("cannot \(what): \(reason)")
    }

    private static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
