import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The portal's SSO sign-in, end to end over HTTP: Berth B's portal offers Berth A (an upstream OIDC connector,
/// set up as in `UpstreamBerthLoginTests`) as a button; python3-requests plays the browser through
/// `/ui/login/berth-a` → B's `/login/berth-a` → A's login form → B's `/callback` → B's `/ui/callback`, which
/// must end in B's portal session cookie (an ID token for `berth-cli` naming A's user) and a page moving on to
/// `/ui/spaces`. Then what must fail: the same callback again, a state the browser never got, no SSO cookie.
final class WebUISSOTests: XCTestCase {
    static let script = #"""
        import base64, html, json, re, sys, urllib.parse
        import requests

        b_base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
        out = {}
        def hidden(page):
            return {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}
        def claims(token):
            payload = token.split(".")[1]
            return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

        browser = requests.Session()
        page = browser.get(b_base + "/ui/login")
        out["login_page"] = page.status_code
        out["buttons"] = [html.unescape(h) for h in re.findall(r'<a class="button" href="([^"]+)"', page.text)]
        out["button_text"] = re.findall(r'Sign in with ([^<]+)</a>', page.text)
        out["password_form"] = 'id="password"' in page.text
        start = browser.get(b_base + out["buttons"][0], allow_redirects=False)
        out["start_status"] = start.status_code
        to_login = start.headers.get("Location", "")
        out["start_location"] = to_login.split("?")[0]
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(to_login).query))
        out["client_id"] = query.get("client_id", "")
        out["redirect_uri"] = query.get("redirect_uri", "")
        out["challenge_method"] = query.get("code_challenge_method", "")
        out["sso_cookie"] = start.headers.get("Set-Cookie", "")
        to_a = browser.get(b_base + to_login, allow_redirects=False)
        a_authorize = to_a.headers.get("Location", "")
        a_page = browser.get(a_authorize)
        a_origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(a_authorize))
        to_b = browser.post(a_origin + "/login", data=dict(hidden(a_page.text), username=user, password=password),
                            allow_redirects=False)
        back = browser.get(to_b.headers.get("Location", ""), allow_redirects=False)
        portal_callback = back.headers.get("Location", "")
        out["portal_callback"] = portal_callback.split("?")[0]
        done = browser.get(portal_callback, allow_redirects=False)
        out["done_status"] = done.status_code
        out["moves_on"] = '<meta http-equiv="refresh" content="0; url=/ui/spaces">' in done.text
        session = browser.cookies.get("berth_session", "")
        out["session_claims"] = claims(session) if session.count(".") == 2 else {}
        out["session_token"] = session
        out["sso_cookie_cleared"] = "berth_sso" not in browser.cookies
        spaces = browser.get(b_base + "/ui/spaces", allow_redirects=False)
        out["spaces_status"] = spaces.status_code
        out["signed_in_as"] = re.findall(r'Signed in as <strong>([^<]+)</strong>', spaces.text)
        # The same callback again, even with the SSO cookie put back: the code was used.
        replay = requests.get(portal_callback, allow_redirects=False, cookies={"berth_sso": start.cookies.get("berth_sso", "")})
        out["replay_status"] = replay.status_code
        out["replay_session"] = "berth_session=" in replay.headers.get("Set-Cookie", "")
        # A callback without the browser's SSO cookie, and one whose state is not the cookie's.
        out["no_cookie_status"] = requests.get(portal_callback, allow_redirects=False).status_code
        other = requests.Session()
        other.get(b_base + out["buttons"][0], allow_redirects=False)
        forged = other.get(b_base + "/ui/callback?state=forged&code=whatever", allow_redirects=False)
        out["forged_status"] = forged.status_code
        print(json.dumps(out))
        """#

    func testPortalSignInThroughAnUpstreamIdentityProvider() async throws {
        try await UpstreamBerthLoginTests.withTwoBerths(prefix: "web-sso") { a, b, baseA, baseB in
            try await Self.signIn(a: a, b: b, baseA: baseA, baseB: baseB)
        }
    }

    static func signIn(a: TestEnvironment, b: TestEnvironment, baseA: String, baseB: String) async throws {
        _ = try await a.client(for: .identity).unary(
            IdentityV1.createUser,
            IdentityV1.CreateUserRequest(
                username: "carol", displayName: "Carol at A", email: "carol@a.example",
                password: UpstreamBerthLoginTests.userPassword, groups: ["a-devs"]))
        for base in [baseA, baseB] {
            let listening = await eventually {
                guard let url = URL(string: base + "/.well-known/openid-configuration") else { return false }
                return (try? await URLSession.shared.data(from: url)) != nil
            }
            XCTAssertTrue(listening, "\(base) answers")
        }
        let run = try await BoundedProcess.run(
            IdentityOIDCTests.python, ["-c", script, baseB, "carol", UpstreamBerthLoginTests.userPassword],
            timeout: .seconds(120))
        XCTAssertFalse(run.timedOut, "the browser script finished")
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout + run.stderr)

        XCTAssertEqual(result["login_page"] as? Int, 200)
        XCTAssertEqual(result["buttons"] as? [String], ["/ui/login/berth-a"], "the portal offers the upstream connector")
        XCTAssertEqual(result["button_text"] as? [String], ["Berth A"])
        XCTAssertEqual(result["password_form"] as? Bool, true, "and the local password form")
        XCTAssertEqual(result["start_status"] as? Int, 303)
        XCTAssertEqual(result["start_location"] as? String, "/login/berth-a", "through the gateway's upstream flow")
        XCTAssertEqual(result["client_id"] as? String, "berth-cli")
        XCTAssertEqual(result["redirect_uri"] as? String, baseB + "/ui/callback")
        XCTAssertEqual(result["challenge_method"] as? String, "S256")
        let ssoCookie = result["sso_cookie"] as? String ?? ""
        XCTAssertTrue(ssoCookie.hasPrefix("berth_sso="), ssoCookie)
        XCTAssertTrue(ssoCookie.contains("HttpOnly") && ssoCookie.contains("SameSite=Lax"), ssoCookie)
        XCTAssertEqual(result["portal_callback"] as? String, baseB + "/ui/callback")
        XCTAssertEqual(result["done_status"] as? Int, 200)
        XCTAssertEqual(result["moves_on"] as? Bool, true, "the page moves on to /ui/spaces")
        XCTAssertEqual(result["sso_cookie_cleared"] as? Bool, true)

        // The session is the kind a password sign-in makes: B's ID token for berth-cli, naming A's carol.
        let claims = try XCTUnwrap(result["session_claims"] as? [String: Any])
        XCTAssertEqual(claims["iss"] as? String, baseB)
        XCTAssertEqual(claims["aud"] as? String, "berth-cli")
        XCTAssertEqual(claims["preferred_username"] as? String, "carol")
        // The replayed code (below) ended the session it had made (RFC 6749 §4.1.2), so B no longer vouches for it.
        do {
            _ = try await b.client(for: .identity).unary(
                IdentityV1.verifyToken,
                IdentityV1.VerifyTokenRequest(token: try XCTUnwrap(result["session_token"] as? String), audience: "berth-cli"))
            XCTFail("a session whose code was replayed is still valid")
        } catch let error as RPCClientError {
            XCTAssertEqual(error.code, .unauthenticated, error.message)
        }
        // B runs no tenancy here: the spaces page cannot list, but it knows who is signed in (no redirect).
        XCTAssertNotEqual(result["spaces_status"] as? Int, 303, "the session cookie is accepted")
        XCTAssertEqual(result["signed_in_as"] as? [String], ["carol"])

        XCTAssertEqual(result["replay_status"] as? Int, 403, "a used code signs nobody in")
        XCTAssertEqual(result["replay_session"] as? Bool, false)
        XCTAssertEqual(result["no_cookie_status"] as? Int, 403, "a callback this browser did not start")
        XCTAssertEqual(result["forged_status"] as? Int, 403, "a state that is not the cookie's")
    }
}
