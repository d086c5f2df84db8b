extension OAuthRelyingPartyTests {
    /// The relying party: Debian's python3-authlib (OAuth2Session, JOSE) and python3-requests acting as a browser
    /// that reads the login page and posts its form with the CSRF token. Prints one JSON object of observations.
    static let relyingParty = #"""
        import base64, html, json, re, sys, time, urllib.parse
        import requests
        from authlib.common.security import generate_token
        from authlib.integrations.requests_client import OAuth2Session
        from authlib.jose import JsonWebKey, JsonWebToken, jwt as jose_jwt
        from authlib.jose.errors import JoseError

        base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
        out = {}
        disc = requests.get(base + "/.well-known/openid-configuration").json()
        out["discovery"] = disc
        keys = JsonWebKey.import_key_set(requests.get(disc["jwks_uri"]).json())
        es256 = JsonWebToken(["ES256"])
        redirect = "http://127.0.0.1:43210/callback"

        def hidden(page):
            return {k: html.unescape(v) for k, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)}

        def verify(token, nonce=None, aud="berth-cli", now=None):
            opts = {"iss": {"essential": True, "value": disc["issuer"]}, "aud": {"essential": True, "value": aud}}
            if nonce:
                opts["nonce"] = {"essential": True, "value": nonce}
            claims = es256.decode(token, keys, claims_options=opts)
            claims.validate(now=now)
            return dict(claims)

        def refused(token, **kw):
            try:
                verify(token, **kw)
                return "accepted"
            except (JoseError, ValueError) as e:
                return type(e).__name__

        def code_flow(browser):
            client = OAuth2Session("berth-cli", redirect_uri=redirect, scope="openid groups", code_challenge_method="S256",
                                   token_endpoint_auth_method="none")
            verifier, nonce = generate_token(48), generate_token(16)
            url, state = client.create_authorization_url(disc["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
            page = browser.get(url)
            fields = hidden(page.text)
            r = browser.post(base + "/login", data=dict(fields, username=user, password=password), allow_redirects=False)
            location = r.headers["Location"]
            token = client.fetch_token(disc["token_endpoint"], authorization_response=location, code_verifier=verifier)
            return client, token, nonce, verifier, location, state

        # 1. The login page: labels, CSRF field, wrong password says nothing specific, no CSRF cookie → refused.
        browser = requests.Session()
        client = OAuth2Session("berth-cli", redirect_uri=redirect, scope="openid", code_challenge_method="S256")
        url, _ = client.create_authorization_url(disc["authorization_endpoint"], code_verifier=generate_token(48), nonce="x")
        page = browser.get(url)
        out["login_page"] = {"status": page.status_code, "has_csrf": "csrf" in hidden(page.text),
                             "labels": page.text.count("<label"), "script": "<script" in page.text}
        wrong = browser.post(base + "/login", data=dict(hidden(page.text), username=user, password="wrong"), allow_redirects=False)
        out["wrong_password"] = {"status": wrong.status_code, "generic": "invalid username or password" in wrong.text}
        no_csrf = requests.post(base + "/login", data=dict(hidden(page.text), username=user, password=password), allow_redirects=False)
        out["no_csrf_status"] = no_csrf.status_code
        plain = browser.get(url.replace("code_challenge_method=S256", "code_challenge_method=plain"), allow_redirects=False)
        out["plain"] = {"status": plain.status_code, "location": plain.headers.get("Location", "")}
        evil = browser.get(url.replace(urllib.parse.quote(redirect, safe=""), urllib.parse.quote("https://evil.example/cb", safe="")), allow_redirects=False)
        out["evil_redirect_status"] = evil.status_code

        # 2. Code + PKCE with authlib, the ID token verified through the JWKS.
        client, token, nonce, verifier, location, state = code_flow(browser)
        out["state_echoed"] = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)["state"][0] == state
        out["claims"] = verify(token["id_token"], nonce=nonce)
        out["userinfo"] = requests.get(disc["userinfo_endpoint"], headers={"Authorization": "Bearer " + token["access_token"]}).json()

        # 3. Refresh rotates.
        refreshed = client.refresh_token(disc["token_endpoint"], refresh_token=token["refresh_token"])
        out["rotated"] = refreshed["refresh_token"] != token["refresh_token"]
        out["refreshed_claims_sub"] = verify(refreshed["id_token"])["sub"]
        replay = requests.post(disc["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"], "client_id": "berth-cli"})
        out["refresh_replay"] = {"status": replay.status_code, "error": replay.json().get("error")}
        after_replay = requests.post(disc["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": refreshed["refresh_token"], "client_id": "berth-cli"})
        out["family_revoked"] = after_replay.json().get("error")

        # 4. Device flow: pending, approve through the /device form, tokens.
        dev = requests.post(disc["device_authorization_endpoint"], data={"client_id": "berth-cli", "scope": "openid groups"}).json()
        out["device_start"] = {k: dev[k] for k in ("user_code", "verification_uri", "interval", "expires_in")}
        poll = lambda: requests.post(disc["token_endpoint"], data={"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": dev["device_code"], "client_id": "berth-cli"})
        out["device_pending"] = poll().json().get("error")
        phone = requests.Session()
        page = phone.get(dev["verification_uri_complete"])
        form = dict(hidden(page.text), user_code=dev["user_code"], username=user, password=password, action="approve")
        approved = phone.post(base + "/device", data=form)
        out["device_approved_page"] = approved.status_code
        time.sleep(dev["interval"])  # RFC 8628: wait the interval between polls
        device_tokens = poll().json()
        out["device_claims"] = verify(device_tokens["id_token"])
        out["device_again"] = poll().json().get("error")

        # 5. A second code flow, then logout with its ID token: that session ends, the device session does not.
        client2, token2, nonce2, _, _, _ = code_flow(requests.Session())
        bye = requests.get(disc["end_session_endpoint"], params={"id_token_hint": token2["id_token"]})
        out["logout"] = {"status": bye.status_code, "signed_out": "Signed out" in bye.text}
        out["after_logout_userinfo"] = requests.get(disc["userinfo_endpoint"], headers={"Authorization": "Bearer " + token2["access_token"]}).status_code
        out["after_logout_refresh"] = requests.post(disc["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": token2["refresh_token"], "client_id": "berth-cli"}).json().get("error")
        out["device_session_userinfo"] = requests.get(disc["userinfo_endpoint"], headers={"Authorization": "Bearer " + device_tokens["access_token"]}).status_code

        # 6. A reused code is refused and revokes what it issued.
        _, token3, _, verifier3, location3, _ = code_flow(requests.Session())
        code3 = urllib.parse.parse_qs(urllib.parse.urlparse(location3).query)["code"][0]
        again = requests.post(disc["token_endpoint"], data={"grant_type": "authorization_code", "code": code3, "redirect_uri": redirect, "code_verifier": verifier3, "client_id": "berth-cli"})
        out["code_reuse"] = again.json().get("error")
        out["code_reuse_revoked"] = requests.post(disc["token_endpoint"], data={"grant_type": "refresh_token", "refresh_token": token3["refresh_token"], "client_id": "berth-cli"}).json().get("error")

        # 7. Revocation: the device refresh token, then an unknown token (200 both).
        out["revoke"] = requests.post(disc["revocation_endpoint"], data={"token": device_tokens["refresh_token"], "client_id": "berth-cli"}).status_code
        out["revoke_unknown"] = requests.post(disc["revocation_endpoint"], data={"token": "nonsense", "client_id": "berth-cli"}).status_code
        out["after_revoke_userinfo"] = requests.get(disc["userinfo_endpoint"], headers={"Authorization": "Bearer " + device_tokens["access_token"]}).status_code
        out["unsupported_grant"] = requests.post(disc["token_endpoint"], data={"grant_type": "password", "client_id": "berth-cli"}).json().get("error")

        # 8. Bad tokens, refused by authlib and by Berth's verifier (userinfo).
        good = refreshed["id_token"]
        h, p, s = good.split(".")
        pad = lambda x: x + "=" * (-len(x) % 4)
        enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
        payload = json.loads(base64.urlsafe_b64decode(pad(p)))
        header = json.loads(base64.urlsafe_b64decode(pad(h)))
        bad = {
            "tampered": h + "." + enc(dict(payload, groups=["cluster-admins"])) + "." + s,
            "alg_none": enc({"alg": "none", "kid": header["kid"]}) + "." + p + ".",
            "wrong_key": jose_jwt.encode({"alg": "ES256", "kid": header["kid"]}, payload, JsonWebKey.generate_key("EC", "P-256", is_private=True)).decode(),
            "expired": jose_jwt.encode({"alg": "ES256", "kid": header["kid"]}, dict(payload, exp=payload["iat"] - 10), JsonWebKey.generate_key("EC", "P-256", is_private=True)).decode(),
        }
        out["authlib_refuses"] = {name: refused(tok) for name, tok in bad.items()}
        out["authlib_refuses"]["wrong_audience"] = refused(good, aud="kubernetes")
        out["authlib_refuses"]["expired_real"] = refused(good, now=payload["exp"] + 3600)
        out["berth_refuses"] = {name: requests.get(disc["userinfo_endpoint"], headers={"Authorization": "Bearer " + tok}).status_code for name, tok in bad.items()}
        print(json.dumps(out))
        """#
}
