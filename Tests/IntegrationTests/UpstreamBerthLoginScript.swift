extension UpstreamBerthLoginTests {
    /// The browser: Debian's python3-requests following B's login page to A and back, the way a person clicks
    /// through it (B's "Sign in with …" button, A's form with its CSRF field), then exchanging the code at B's
    /// /token like `berth login --browser` does. Arguments: B's URL, the user, the password. Prints one JSON
    /// object of observations; the Swift side asserts.
    static let browser = #"""
        import base64, hashlib, html, json, re, secrets, sys, urllib.parse
        import requests

        b_base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
        redirect = "http://127.0.0.1:43210/callback"
        out = {}

        def hidden(page):
            return {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}

        def claims(token):
            payload = token.split(".")[1]
            return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

        def login(name):
            steps = {}
            browser = requests.Session()
            verifier = secrets.token_urlsafe(48)
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
            query = urllib.parse.urlencode({"client_id": "berth-cli", "redirect_uri": redirect, "response_type": "code",
                                            "scope": "openid groups", "state": state, "nonce": nonce,
                                            "code_challenge": challenge, "code_challenge_method": "S256"})
            page = browser.get(b_base + "/authorize?" + query)
            buttons = [html.unescape(h) for h in re.findall(r'<a class="button" href="(/login/[^"]+)"', page.text)]
            steps["b_page"] = page.status_code
            steps["b_buttons"] = [b.split("?")[0] for b in buttons]
            steps["b_button_text"] = re.findall(r'Sign in with ([^<]+)</a>', page.text)
            to_a = browser.get(b_base + buttons[0], allow_redirects=False)
            a_authorize = to_a.headers.get("Location", "")
            steps["to_a_status"] = to_a.status_code
            steps["a_authorize"] = a_authorize.split("?")[0]
            a_query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(a_authorize).query))
            steps["a_query"] = {k: a_query.get(k, "") for k in ("client_id", "redirect_uri", "code_challenge_method", "scope")}
            a_page = browser.get(a_authorize)
            steps["a_page"] = a_page.status_code
            fields = hidden(a_page.text)
            steps["a_has_csrf"] = "csrf" in fields
            a_origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(a_authorize))
            to_b = browser.post(a_origin + "/login", data=dict(fields, username=user, password=password), allow_redirects=False)
            callback = to_b.headers.get("Location", "")
            steps["a_login_status"] = to_b.status_code
            steps["callback"] = callback.split("?")[0]
            back = browser.get(callback, allow_redirects=False)
            final = back.headers.get("Location", "")
            steps["callback_status"] = back.status_code
            result = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(final).query))
            steps["final"] = final.split("?")[0]
            steps["state_echoed"] = result.get("state") == state
            token = requests.post(b_base + "/token", data={"grant_type": "authorization_code", "code": result.get("code", ""),
                                                          "redirect_uri": redirect, "client_id": "berth-cli",
                                                          "code_verifier": verifier})
            steps["token_status"] = token.status_code
            body = token.json()
            steps["id_token"] = body.get("id_token", "")
            steps["claims"] = claims(body["id_token"]) if "id_token" in body else {}
            steps["nonce_echoed"] = steps["claims"].get("nonce") == nonce
            # The same A -> B callback once more: its state was used, so B refuses it.
            steps["callback_replay"] = browser.get(callback, allow_redirects=False).status_code
            out[name] = steps

        login("first")
        login("second")
        forged = requests.get(b_base + "/callback?" + urllib.parse.urlencode({"state": "forged-state", "code": "whatever"}),
                              allow_redirects=False)
        out["forged_state"] = {"status": forged.status_code, "location": forged.headers.get("Location", "")}
        print(json.dumps(out))
        """#
}
