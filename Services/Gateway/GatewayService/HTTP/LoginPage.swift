import BerthRPC
import Hummingbird

/// Berth's server-rendered sign-in pages (no JavaScript, no external assets): the login form of the
/// authorization code flow, the device approval form, the signed-out page and error pages. Every value is
/// HTML-escaped; every input has a label; the forms work with the keyboard alone.
enum LoginPage {
    /// The login form: the authorization request travels in hidden fields, with the CSRF token.
    static func login(
        parameters p: IdentityV1.AuthorizationParameters, connectors: [IdentityV1.LoginConnector], csrf: String,
        error: String?, username: String = ""
    ) -> String {
        let hidden: [(String, String)] = [
            ("client_id", p.clientId), ("redirect_uri", p.redirectUri), ("response_type", p.responseType),
            ("scope", p.scope), ("state", p.state), ("nonce", p.nonce), ("code_challenge", p.codeChallenge),
            ("code_challenge_method", p.codeChallengeMethod), ("csrf", csrf),
        ]
        let passwordConnectors = connectors.filter(\.password)
        let choice: String
        if passwordConnectors.count > 1 {
            choice =
                "<fieldset><legend>Sign in with</legend>"
                + passwordConnectors.enumerated().map { index, connector in
                    """
                    <label><input type="radio" name="connector_id" value="\(escape(connector.id))"\
                    \(index == 0 ? " checked" : "")> \(escape(connector.displayName))</label>
                    """
                }.joined() + "</fieldset>"
        } else {
            choice =
                "<input type=\"hidden\" name=\"connector_id\" value=\"\(escape(passwordConnectors.first?.id ?? ""))\">"
        }
        let query = hidden.dropLast().map { "\($0.0)=\(OAuthForm.encode($0.1))" }.joined(separator: "&")
        let upstream = connectors.filter { !$0.password }.map { connector in
            "<p><a class=\"button\" href=\"/login/\(OAuthForm.encode(connector.id))?\(escape(query))\">"
                + "Sign in with \(escape(connector.displayName))</a></p>"
        }.joined(separator: "\n")
        let body = """
            <h1>Sign in to Berth</h1>
            <p>Application <strong>\(escape(p.clientId))</strong> asks you to sign in.</p>
            \(errorBlock(error))
            <form method="post" action="/login">
            \(hidden.map { "<input type=\"hidden\" name=\"\($0.0)\" value=\"\(escape($0.1))\">" }.joined(separator: "\n"))
            \(choice)
            \(credentialFields(username: username))
            <button type="submit">Sign in</button>
            </form>
            \(upstream)
            """
        return page(title: "Sign in to Berth", body: body)
    }

    /// The device page: the code from the device, then the credentials, then approve or deny.
    static func device(userCode: String, connectors: [IdentityV1.LoginConnector], csrf: String, error: String?)
        -> String
    {
        let connector = connectors.first(where: \.password)?.id ?? ""
        let body = """
            <h1>Connect a device</h1>
            <p>Enter the code your device shows, then sign in to approve it. Only approve a code you started yourself.</p>
            \(errorBlock(error))
            <form method="post" action="/device">
            <input type="hidden" name="csrf" value="\(escape(csrf))">
            <input type="hidden" name="connector_id" value="\(escape(connector))">
            <p><label for="user_code">Code</label>
            <input id="user_code" name="user_code" value="\(escape(userCode))" autocomplete="off" required></p>
            \(credentialFields(username: ""))
            <button type="submit" name="action" value="approve">Approve</button>
            <button type="submit" name="action" value="deny">Deny</button>
            </form>
            """
        return page(title: "Connect a device", body: body)
    }

    static func message(title: String, text: String) -> String {
        page(title: title, body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    private static func credentialFields(username: String) -> String {
        """
        <p><label for="username">Username</label>
        <input id="username" name="username" value="\(escape(username))" autocomplete="username" required autofocus></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        """
    }

    private static func errorBlock(_ error: String?) -> String {
        guard let error, !error.isEmpty else { return "" }
        return "<p role=\"alert\" class=\"error\">\(escape(error))</p>"
    }

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
        label{display:block;margin:.5rem 0 .2rem}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}
        input[type=radio]{width:auto}button{font-size:1rem;padding:.5rem 1rem;margin:.8rem .5rem 0 0}
        .error{color:#a00;font-weight:bold}a.button{display:inline-block;padding:.5rem 1rem;border:1px solid #05a}:focus{outline:3px solid #05a}</style></head>
        <body><main>
        \(body)
        </main></body></html>
        """
    }
}
