/// What an IdP's SCIM provisioning (Okta, Azure AD) does, written with Python's `requests` (Debian's
/// python3-requests) against the running gateway. Every check is an assert naming what failed; the script prints
/// a JSON summary the Swift test reads back.
///
/// argv: base URL, SCIM key, read-only key (admin's), the existing user's ID token, the existing user's key,
/// the existing user's id.
enum SCIMConformanceScript {
    static let source = #"""
        import json, sys, requests
        base, scim_key, readonly_key, id_token, user_key, existing_id = sys.argv[1:7]
        api = base + "/scim/v2"
        S = requests.Session()
        H = {"Authorization": "Bearer " + scim_key, "Content-Type": "application/scim+json"}
        ERR = "urn:ietf:params:scim:api:messages:2.0:Error"
        summary = {}

        def error(r, status, scim_type=None, what=""):
            assert r.status_code == status, f"{what}: want {status}, got {r.status_code} {r.text}"
            assert r.headers["Content-Type"].startswith("application/scim+json"), f"{what}: {r.headers}"
            body = r.json()
            assert body["schemas"] == [ERR], f"{what}: {body}"
            assert body["status"] == str(status), f"{what}: {body}"
            assert body["detail"], f"{what}: {body}"
            if scim_type:
                assert body.get("scimType") == scim_type, f"{what}: want scimType {scim_type}: {body}"
            return body

        # Auth: none, a read-only key, a person's ID token.
        error(S.get(api + "/Users"), 401, what="no bearer")
        error(S.get(api + "/Users", headers={"Authorization": "Bearer " + readonly_key}), 403, what="read-only key")
        error(S.get(api + "/Users", headers={"Authorization": "Bearer " + id_token}), 401, what="ID token")
        error(S.get(api + "/Users", headers={"Authorization": "Bearer berth_ak_" + "0" * 32 + "_" + "x" * 43}), 401, what="unknown key")

        # Discovery.
        spc = S.get(api + "/ServiceProviderConfig").json()
        assert spc["patch"]["supported"] is True and spc["filter"]["supported"] is True, spc
        types = S.get(api + "/ResourceTypes").json()
        assert sorted(t["id"] for t in types["Resources"]) == ["Group", "User"], types
        schemas = S.get(api + "/Schemas").json()
        assert schemas["totalResults"] == 2, schemas

        # Okta's create flow: look up by userName, create when absent.
        r = S.get(api + "/Users", params={"filter": 'userName eq "alice@example.com"'}, headers=H)
        assert r.status_code == 200 and r.json()["totalResults"] == 0, r.text
        new_user = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "alice@example.com",
                    "name": {"givenName": "Alice", "familyName": "Liddell"}, "externalId": "00u1",
                    "emails": [{"value": "alice@example.com", "primary": True, "type": "work"}], "active": True}
        r = S.post(api + "/Users", json=new_user, headers=H)
        assert r.status_code == 201, r.text
        assert r.headers["Content-Type"].startswith("application/scim+json"), r.headers
        alice = r.json()
        assert r.headers["Location"] == alice["meta"]["location"], (r.headers, alice)
        assert alice["userName"] == "alice@example.com" and alice["active"] is True, alice
        assert alice["displayName"] == "Alice Liddell", alice
        assert alice["emails"][0]["value"] == "alice@example.com", alice
        error(S.post(api + "/Users", json=new_user, headers=H), 409, "uniqueness", "duplicate userName")
        r = S.get(api + "/Users", params={"filter": 'userName eq "alice@example.com"'}, headers=H)
        assert [u["id"] for u in r.json()["Resources"]] == [alice["id"]], r.text
        r = S.get(api + "/Users/" + alice["id"], headers=H)
        assert r.status_code == 200 and r.json()["id"] == alice["id"], r.text
        # An existing user (another connector) is found by the same lookup: the IdP links to it.
        r = S.get(api + "/Users", params={"filter": 'userName eq "existing"'}, headers=H)
        assert [u["id"] for u in r.json()["Resources"]] == [existing_id], r.text

        # Paging: startIndex is 1-based.
        r = S.get(api + "/Users", params={"startIndex": 2, "count": 1}, headers=H).json()
        assert r["totalResults"] == 3 and r["startIndex"] == 2 and r["itemsPerPage"] == 1, r
        assert r["Resources"][0]["userName"] == "alice@example.com", r

        # Bad requests.
        error(S.get(api + "/Users", params={"filter": 'userName co "ali"'}, headers=H), 400, "invalidFilter", "co filter")
        error(S.get(api + "/Users", params={"filter": 'emails eq "x"'}, headers=H), 400, "invalidFilter", "emails filter")
        patch = lambda ops: {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops}
        error(S.patch(api + "/Users/" + alice["id"], json=patch([{"op": "replace", "path": "nonsense.attr", "value": 1}]), headers=H),
              400, "invalidPath", "bad PATCH path")
        error(S.patch(api + "/Users/" + alice["id"], json={"Operations": []}, headers=H), 400, "invalidSyntax", "empty PATCH")
        error(S.get(api + "/Users/does-not-exist", headers=H), 404, what="missing user")

        # PATCH and PUT updates.
        r = S.patch(api + "/Users/" + alice["id"], json=patch([
            {"op": "Replace", "path": "displayName", "value": "Alice L."},
            {"op": "replace", "path": 'emails[type eq "work"].value', "value": "al@example.com"},
            {"op": "replace", "path": "name.givenName", "value": "Al"}]), headers=H)
        assert r.status_code == 200, r.text
        assert r.json()["displayName"] == "Alice L." and r.json()["emails"][0]["value"] == "al@example.com", r.text
        put = dict(new_user, displayName="Alice P.")
        r = S.put(api + "/Users/" + alice["id"], json=put, headers=H)
        assert r.status_code == 200 and r.json()["displayName"] == "Alice P.", r.text

        # Groups: create with a member, add, remove by filter path, rename, list by displayName.
        r = S.post(api + "/Groups", json={"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                          "displayName": "engineers", "members": [{"value": alice["id"]}]}, headers=H)
        assert r.status_code == 201, r.text
        group = r.json()
        assert [m["value"] for m in group["members"]] == [alice["id"]], group
        error(S.post(api + "/Groups", json={"displayName": "engineers"}, headers=H), 409, "uniqueness", "duplicate group")
        r = S.patch(api + "/Groups/" + group["id"], json=patch([{"op": "add", "path": "members", "value": [{"value": existing_id}]}]), headers=H)
        assert sorted(m["value"] for m in r.json()["members"]) == sorted([alice["id"], existing_id]), r.text
        r = S.patch(api + "/Groups/" + group["id"], json=patch([{"op": "remove", "path": 'members[value eq "%s"]' % alice["id"]}]), headers=H)
        assert [m["value"] for m in r.json()["members"]] == [existing_id], r.text
        error(S.patch(api + "/Groups/" + group["id"], json=patch([{"op": "remove", "path": "members[display co \"x\"]"}]), headers=H),
              400, "invalidPath", "bad member filter")
        error(S.patch(api + "/Groups/" + group["id"], json=patch([{"op": "add", "path": "members", "value": [{"value": "nobody"}]}]), headers=H),
              404, what="unknown member")
        r = S.patch(api + "/Groups/" + group["id"], json=patch([{"op": "replace", "value": {"displayName": "platform"}}]), headers=H)
        assert r.json()["displayName"] == "platform", r.text
        r = S.get(api + "/Groups", params={"filter": 'displayName eq "platform"'}, headers=H).json()
        assert [g["id"] for g in r["Resources"]] == [group["id"]], r

        # Deactivate the existing user the way Azure AD does: its key stops working at once.
        before = S.get(api + "/Users", headers={"Authorization": "Bearer " + user_key})
        assert before.status_code == 403, before.text
        r = S.patch(api + "/Users/" + existing_id, json=patch([{"op": "Replace", "path": "active", "value": "False"}]), headers=H)
        assert r.status_code == 200 and r.json()["active"] is False, r.text
        error(S.get(api + "/Users", headers={"Authorization": "Bearer " + user_key}), 401, what="key of a deactivated user")

        # Delete.
        r = S.delete(api + "/Users/" + alice["id"], headers=H)
        assert r.status_code == 204, r.text
        error(S.get(api + "/Users/" + alice["id"], headers=H), 404, what="deleted user")
        error(S.delete(api + "/Users/" + alice["id"], headers=H), 404, what="deleted twice")
        r = S.delete(api + "/Groups/" + group["id"], headers=H)
        assert r.status_code == 204, r.text
        error(S.get(api + "/Groups/" + group["id"], headers=H), 404, what="deleted group")

        summary.update(alice=alice["id"], group=group["id"], checks="ok")
        print(json.dumps(summary))
        """#
}
