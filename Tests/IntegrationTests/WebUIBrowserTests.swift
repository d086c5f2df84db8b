import AuditService
import BerthModel
import BerthRPC
import BerthRuntime
import BerthTesting
import Foundation
import GatewayService
import IdentityService
import Logging
import SleepService
import TenancyService
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The portal in a real browser: Debian's chromium, headless, driven by Selenium (python3-selenium) against the
/// running gateway, identity, tenancy and audit (tenancy on the fake Kubernetes API). It signs in (after a wrong
/// password), creates a space, puts it to sleep and wakes it, deletes it through the confirmation page, searches the audit log and opens the
/// admin page, saving a screenshot of each page under `.build/test-output/web-ui/`. Then, over plain HTTP, the
/// checks a browser would not make: a POST without the CSRF token or with a forged cookie changes nothing.
final class WebUIBrowserTests: XCTestCase {
    static let chromium = "/usr/bin/chromium"
    static let driver = "/usr/bin/chromedriver"
    static let password = "web-ui-admin-password"

    static let script = #"""
        import json, os, sys
        from selenium import webdriver
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.support.ui import Select, WebDriverWait
        base, password, shots = sys.argv[1], os.environ["BERTH_PASSWORD"], sys.argv[2]
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900"]:
            options.add_argument(argument)
        browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        out = {}
        def shot(name):
            browser.save_screenshot(os.path.join(shots, name + ".png"))
        def navigating(action):
            # Waits until the page the action leads to replaced this one (no reading the old page's elements).
            # chromedriver sometimes answers a check on a node of the replaced document with a generic error
            # instead of "stale element": either means the old page is gone.
            old = browser.find_element(By.TAG_NAME, "html")
            action()
            def gone(_):
                try:
                    old.is_enabled()
                    return False
                except Exception:
                    return True
            WebDriverWait(browser, 10).until(gone)
        def submit():
            navigating(lambda: browser.find_element(By.CSS_SELECTOR, "main button[type=submit]").click())
        try:
            browser.get(base + "/ui/spaces")
            out["redirected_to_sign_in"] = browser.current_url.endswith("/ui/login")
            shot("01-sign-in")
            browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
            out["first_tab_stop"] = browser.switch_to.active_element.text
            browser.find_element(By.ID, "username").send_keys("admin")
            browser.find_element(By.ID, "password").send_keys("not-the-password")
            submit()
            out["wrong_password"] = browser.find_element(By.CSS_SELECTOR, ".error").text
            shot("02-sign-in-refused")
            browser.find_element(By.ID, "password").send_keys(password)
            submit()
            out["spaces_heading"] = browser.find_element(By.TAG_NAME, "h1").text
            out["quota_shown"] = browser.find_element(By.ID, "quota").text
            shot("03-spaces")
            browser.find_element(By.ID, "name").send_keys("web-dev")
            submit()
            out["space_heading"] = browser.find_element(By.TAG_NAME, "h1").text
            out["kubectl_snippet"] = browser.find_element(By.TAG_NAME, "pre").text
            # The reconciler makes it Ready within moments; the page shows what tenancy says when loaded.
            WebDriverWait(browser, 15, poll_frequency=0.2).until(
                lambda b: b.refresh() or "class=\"state-Ready\"" in b.page_source)
            shot("04-space")
            navigating(lambda: browser.find_element(By.CSS_SELECTOR, "form[action$='/sleep'] button").click())
            out["slept_notice"] = browser.find_element(By.CSS_SELECTOR, ".notice").text
            out["sleep_state"] = browser.find_element(By.ID, "sleep-state").text
            shot("04b-asleep")
            navigating(lambda: browser.find_element(By.CSS_SELECTOR, "form[action$='/wake'] button").click())
            out["woken_notice"] = browser.find_element(By.CSS_SELECTOR, ".notice").text
            out["wake_state"] = browser.find_element(By.ID, "sleep-state").text
            navigating(lambda: browser.find_element(By.PARTIAL_LINK_TEXT, "Delete this space").click())
            shot("05-confirm-delete")
            browser.find_element(By.ID, "confirm").send_keys("web-dev")
            submit()
            out["deleted_notice"] = browser.find_element(By.CSS_SELECTOR, ".notice").text
            shot("06-deleted")
            browser.get(base + "/ui/audit")
            browser.find_element(By.ID, "action").send_keys("space.")
            submit()
            out["audit_rows"] = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
            shot("07-audit")
            # Administration: a team with a quota, a member, its sleep policy (a bad window first), clusters, savings.
            browser.get(base + "/ui/admin/teams")
            shot("09-teams")
            for field, value in [("name", "payments"), ("displayName", "Payments"), ("groups", "payments-devs"),
                                 ("maxSpaces", "3"), ("cpu", "8"), ("memory", "16Gi")]:
                browser.find_element(By.ID, field).send_keys(value)
            navigating(lambda: browser.find_element(By.XPATH, "//button[text()='Create team']").click())
            out["team_heading"] = browser.find_element(By.TAG_NAME, "h1").text
            out["team_usage"] = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#usage tbody tr")]
            browser.find_element(By.ID, "member").send_keys("alice")
            Select(browser.find_element(By.ID, "role")).select_by_value("owner")
            navigating(lambda: browser.find_element(By.XPATH, "//button[text()='Add member']").click())
            out["member_notice"] = browser.find_element(By.CSS_SELECTOR, ".notice").text
            out["member_rows"] = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#members tbody tr")]
            shot("10-team")
            navigating(lambda: browser.find_element(By.PARTIAL_LINK_TEXT, "Sleep policy of team").click())
            browser.find_element(By.ID, "windows").send_keys("Mon-Fri 19:00-08:00 Mars/Olympus")
            navigating(lambda: browser.find_element(By.XPATH, "//button[text()='Save policy']").click())
            out["policy_error"] = browser.find_element(By.ID, "policy-error").text
            out["policy_kept"] = browser.find_element(By.ID, "windows").get_attribute("value")
            shot("11-sleep-policy-refused")
            windows = browser.find_element(By.ID, "windows")
            windows.clear()
            windows.send_keys("Mon-Fri 19:00-08:00 Europe/Berlin")
            browser.find_element(By.ID, "sleepAfter").send_keys("2h")
            navigating(lambda: browser.find_element(By.XPATH, "//button[text()='Save policy']").click())
            out["policy_notice"] = browser.find_element(By.CSS_SELECTOR, ".notice").text
            out["effective"] = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "#effective tbody tr")]
            shot("12-sleep-policy")
            browser.get(base + "/ui/admin/clusters")
            out["clusters"] = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr")]
            shot("13-clusters")
            browser.get(base + "/ui/admin/savings")
            out["savings_total"] = browser.find_element(By.ID, "savings-total").text
            out["savings_csv"] = browser.find_element(By.PARTIAL_LINK_TEXT, "CSV").get_attribute("href")
            shot("14-savings")
            browser.get(base + "/ui/admin")
            out["admin_sections"] = [heading.text for heading in browser.find_elements(By.TAG_NAME, "h2")]
            shot("08-admin")
            navigating(lambda: browser.find_element(By.CSS_SELECTOR, ".signout button").click())
            out["signed_out"] = browser.current_url.endswith("/ui/login")
            browser.get(base + "/ui/spaces")
            out["after_sign_out"] = browser.current_url.endswith("/ui/login")
        except Exception:
            shot("failure")
            sys.stderr.write("page at failure: " + browser.current_url + "\n" + browser.page_source[-3000:] + "\n")
            raise
        finally:
            browser.quit()
        print(json.dumps(out))
        """#

    func testSignInCreateDeleteAndAuditSearchInAHeadlessBrowser() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.chromium),
            FileManager.default.isExecutableFile(atPath: Self.driver),
            (try? await IdentityOIDCTests.runPython(["-c", "import selenium"], environment: [:])) != nil
        else {
            throw XCTSkip("needs Debian's chromium, chromium-driver and python3-selenium (make test-deps installs them)")
        }
        let shots = FileManager.default.currentDirectoryPath + "/.build/test-output/web-ui"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        try await FakeKubernetesAPI.withRunning { api in
            let root = try TemporaryDirectory(prefix: "webui")
            defer { root.remove() }
            let kubeconfig = root.appending("kubeconfig")
            try api.kubeconfigYAML().write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let passwordFile = root.appending("admin-password")
            try Self.password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
            let base = "http://127.0.0.1:\(try LoopbackPort.free())"
            let env = try TestEnvironment {
                $0.gateway.listen = base
                $0.gateway.publicURL = base
                $0.admin.bootstrapPasswordFile = passwordFile
                $0.tenancy.kubeconfig = kubeconfig
                $0.tenancy.clusterName = "main"
            }
            defer { env.remove() }
            let logger = Logger(label: "test")
            try await withRunningService(try AuditService.build(config: env.config, logger: logger), in: env) {
                try await withRunningService(try IdentityService.build(config: env.config, logger: logger), in: env) {
                    try await withRunningService(try TenancyService.build(config: env.config, logger: logger), in: env) {
                      try await withRunningService(try SleepService.build(config: env.config, logger: logger), in: env) {
                        try await withRunningService(try GatewayService.build(config: env.config, logger: logger), in: env) {
                            let output = try await IdentityOIDCTests.runPython(
                                ["-c", Self.script, base, shots], environment: ["BERTH_PASSWORD": Self.password])
                            let result = try XCTUnwrap(
                                try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], output)
                            XCTAssertEqual(result["redirected_to_sign_in"] as? Bool, true)
                            XCTAssertEqual(result["first_tab_stop"] as? String, "Skip to content")
                            XCTAssertEqual(
                                result["wrong_password"] as? String, "Wrong username or password, or the account is locked.")
                            XCTAssertEqual(result["spaces_heading"] as? String, "Spaces")
                            XCTAssertEqual(result["space_heading"] as? String, "Space web-dev")
                            XCTAssertTrue((result["kubectl_snippet"] as? String)?.contains("--namespace web-dev") == true)
                            XCTAssertEqual(result["slept_notice"] as? String, "Space web-dev is asleep.")
                            XCTAssertTrue((result["sleep_state"] as? String)?.hasPrefix("asleep") == true, "\(result)")
                            XCTAssertTrue(
                                (result["sleep_state"] as? String)?.hasSuffix("(manual by admin)") == true,
                                "the person signed in, not the gateway's uid: \(result)")
                            XCTAssertEqual(result["woken_notice"] as? String, "Space web-dev is awake.")
                            XCTAssertTrue((result["wake_state"] as? String)?.hasPrefix("awake") == true, "\(result)")
                            XCTAssertEqual(result["deleted_notice"] as? String, "Space web-dev is being deleted.")
                            let audit = (result["audit_rows"] as? [String]) ?? []
                            XCTAssertTrue(audit.contains { $0.contains("space.created") && $0.contains("web-dev") }, "\(audit)")
                            XCTAssertTrue(audit.contains { $0.contains("space.deleted") && $0.contains("web-dev") }, "\(audit)")
                            Self.checkAdministration(result, base: base)
                            XCTAssertEqual(result["admin_sections"] as? [String], ["Teams and quotas", "Clusters", "Templates"])
                            XCTAssertEqual(result["signed_out"] as? Bool, true)
                            XCTAssertEqual(result["after_sign_out"] as? Bool, true)
                            for page in [
                                "01-sign-in", "03-spaces", "05-confirm-delete", "07-audit", "08-admin", "09-teams", "10-team",
                                "11-sleep-policy-refused", "12-sleep-policy", "13-clusters", "14-savings",
                            ] {
                                XCTAssertTrue(FileManager.default.fileExists(atPath: "\(shots)/\(page).png"), page)
                            }
                            try await Self.checkCSRFAndForgedCookies(base: base, env: env)
                            try await Self.checkKubeconfigDownload(base: base, env: env, server: api.connection.server)
                        }
                      }
                    }
                }
            }
        }
    }

    /// What the admin pages showed the browser: the team with its quota, the member added, the refused and the
    /// saved sleep policy (with where each value comes from), the cluster's health and the savings report.
    static func checkAdministration(_ result: [String: Any], base: String) {
        XCTAssertEqual(result["team_heading"] as? String, "Team payments")
        let usage = result["team_usage"] as? [String] ?? []
        XCTAssertEqual(usage.first, "Spaces 0 3", "\(usage)")
        XCTAssertTrue(usage.count == 4 && usage[1].hasPrefix("CPU") && usage[1].hasSuffix(" 8"), "\(usage)")
        XCTAssertTrue(usage.count == 4 && usage[2].hasSuffix(" 16Gi") && usage[3].hasSuffix(" no limit"), "\(usage)")
        XCTAssertEqual(result["member_notice"] as? String, "Added user alice as owner.")
        let members = result["member_rows"] as? [String] ?? []
        XCTAssertTrue(members.contains { $0.hasPrefix("user alice owner") }, "\(members)")
        XCTAssertTrue(members.contains { $0.hasPrefix("group payments-devs member") }, "\(members)")
        let refused = result["policy_error"] as? String ?? ""
        XCTAssertTrue(refused.contains("Mars/Olympus") && refused.contains("time zone"), refused)
        XCTAssertEqual(result["policy_kept"] as? String, "Mon-Fri 19:00-08:00 Mars/Olympus", "the form keeps what was typed")
        XCTAssertEqual(result["policy_notice"] as? String, "The sleep policy of team payments is saved.")
        let effective = result["effective"] as? [String] ?? []
        XCTAssertTrue(effective.contains("Sleep after inactivity 2h team payments"), "\(effective)")
        XCTAssertTrue(
            effective.contains { $0.hasPrefix("Sleep windows") && $0.hasSuffix("19:00-08:00 Europe/Berlin team payments") },
            "\(effective)")
        XCTAssertTrue(effective.contains { $0.hasPrefix("Delete after") && $0.hasSuffix("default") }, "\(effective)")
        let clusters = result["clusters"] as? [String] ?? []
        XCTAssertTrue(clusters.first?.hasPrefix("main default") == true, "\(clusters)")
        XCTAssertTrue((result["savings_total"] as? String)?.contains("hours asleep") == true, "\(result)")
        XCTAssertEqual(result["savings_csv"] as? String, base + "/ui/admin/savings.csv?since=30d&team=")
    }

    /// The space page's kubeconfig: the cluster's server from tenancy, a context in the space's namespace, and
    /// `berth token` as the credential plugin; kubectl itself reads it.
    static func checkKubeconfigDownload(base: String, env: TestEnvironment, server: URL) async throws {
        _ = try await env.client(for: .tenancy).unary(
            TenancyV1.createSpace, TenancyV1.CreateSpaceRequest(space: TenancyV1.Space(name: "kube-dev")))
        let login = try await env.client(for: .identity).unary(
            IdentityV1.passwordLogin,
            IdentityV1.PasswordLoginRequest(connectorId: "local", username: "admin", password: password, clientId: "berth-cli"))
        var request = URLRequest(url: try XCTUnwrap(URL(string: base + "/ui/spaces/kube-dev/kubeconfig")))
        request.setValue("berth_session=\(login.idToken)", forHTTPHeaderField: "Cookie")
        let (data, response) = try await URLSession.shared.data(for: request)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200, String(decoding: data, as: UTF8.self))
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cluster = ((document["clusters"] as? [[String: Any]])?.first?["cluster"] as? [String: Any])
        XCTAssertEqual(cluster?["server"] as? String, server.absoluteString)
        let context = ((document["contexts"] as? [[String: Any]])?.first?["context"] as? [String: Any])
        XCTAssertEqual(context?["namespace"] as? String, "kube-dev")
        let exec = (((document["users"] as? [[String: Any]])?.first?["user"] as? [String: Any])?["exec"] as? [String: Any])
        XCTAssertEqual(exec?["command"] as? String, "berth")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/kubectl") else { return }
        let file = NSTemporaryDirectory() + "berth-web-kubeconfig-\(UUID().uuidString).yaml"
        try data.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let contexts = try await IdentityTestProcess.run(
            "/usr/bin/kubectl", ["--kubeconfig", file, "config", "get-contexts", "-o", "name"], environment: [:])
        XCTAssertEqual(contexts.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "main-kube-dev", contexts.stderr)
    }

    /// What only a forged request does: POST without the CSRF token, and a cookie that is not a Berth token.
    static func checkCSRFAndForgedCookies(base: String, env: TestEnvironment) async throws {
        let login = try await env.client(for: .identity).unary(
            IdentityV1.passwordLogin,
            IdentityV1.PasswordLoginRequest(
                connectorId: "local", username: "admin", password: password, clientId: "berth-cli"))
        func post(_ path: String, cookie: String, body: String) async throws -> (Int, String) {
            var request = URLRequest(url: try XCTUnwrap(URL(string: base + path)))
            request.httpMethod = "POST"
            request.setValue("berth_session=\(cookie)", forHTTPHeaderField: "Cookie")
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(body.utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        let noToken = try await post("/ui/spaces", cookie: login.idToken, body: "name=csrf-dev&template=default")
        XCTAssertEqual(noToken.0, 403)
        let wrongToken = try await post("/ui/spaces", cookie: login.idToken, body: "name=csrf-dev&template=default&csrf=abc")
        XCTAssertEqual(wrongToken.0, 403)
        let spaces = try await env.client(for: .tenancy).unary(TenancyV1.listSpaces, TenancyV1.ListSpacesRequest())
        XCTAssertFalse(spaces.spaces.contains { $0.name == "csrf-dev" }, "a forged POST created nothing")
        // A cookie that identity does not vouch for is no session: the browser is sent to sign in.
        var request = URLRequest(url: try XCTUnwrap(URL(string: base + "/ui/spaces")))
        request.setValue("berth_session=eyJhbGciOiJub25lIn0.e30.", forHTTPHeaderField: "Cookie")
        let delegate = NoRedirects()
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        let (_, response) = try await session.data(for: request)
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 303)
        XCTAssertEqual((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location"), "/ui/login")
    }
}

/// Lets a test see a redirect instead of following it.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
