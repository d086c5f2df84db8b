/// The frame of every page: a skip link, the navigation (admin links only for admins), a main landmark, and a
/// small stylesheet (system fonts, AA contrast, visible focus, readable on a laptop screen). No scripts.
enum WebLayout {
    static func page(
        _ title: String, session: WebSession?, notice: String? = nil, error: String? = nil, head: HTML = "", _ body: HTML
    ) -> HTML {
        let nav: HTML
        if let session {
            let admin: HTML = session.isAdmin
                ? """
                    <li><a href="/ui/admin/teams">Teams</a></li><li><a href="/ui/admin/templates">Templates</a></li>
                    <li><a href="/ui/admin/clusters">Clusters</a></li><li><a href="/ui/admin/sleep">Sleep policies</a></li>
                    <li><a href="/ui/admin/savings">Savings</a></li><li><a href="/ui/audit">Audit log</a></li>
                    <li><a href="/ui/admin">Overview</a></li>
                    """
                : ""
            nav = """
                <nav aria-label="Main"><ul>
                <li><a href="/ui/spaces">Spaces</a></li>\(admin)
                </ul>
                <form method="post" action="/ui/logout" class="signout">
                <input type="hidden" name="csrf" value="\(session.csrfToken)">
                <span>Signed in as <strong>\(session.username)</strong></span>
                <button type="submit">Sign out</button></form></nav>
                """
        } else {
            nav = ""
        }
        let noticeHTML: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let errorHTML: HTML = error.map { "<p class=\"error\" role=\"alert\">\($0)</p>" } ?? ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Berth</title>\(head)
            <style>\(stylesheet)</style></head>
            <body><a class="skip" href="#main">Skip to content</a>
            <header><a class="brand" href="/ui">Berth</a>\(nav)</header>
            <main id="main"><h1>\(title)</h1>\(noticeHTML)\(errorHTML)\(body)</main>
            </body></html>
            """
    }

    static let stylesheet: HTML = """
        body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding:.5rem 1.5rem;background:#123b5c;color:#fff}
        header a{color:#fff}.brand{font-weight:700;font-size:1.25rem;text-decoration:none}
        nav{display:flex;flex:1;align-items:center;justify-content:space-between;gap:1rem}
        nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
        .signout{display:flex;gap:.5rem;align-items:center}
        main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
        table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #c8c8c8}
        th{background:#eef2f5}label{display:block;font-weight:600;margin-top:.75rem}
        input,select,button{font:inherit;padding:.35rem .5rem}button{background:#123b5c;color:#fff;border:0;border-radius:4px;cursor:pointer}
        button.danger{background:#a4161a}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f0a202;outline-offset:2px}
        a.button{display:inline-block;background:#123b5c;color:#fff;padding:.4rem .8rem;border-radius:4px;text-decoration:none}
        ul.sso{list-style:none;padding:0}textarea{font:14px/1.4 ui-monospace,monospace;width:100%;max-width:60rem}
        .help{display:block;color:#4a4a4a;font-size:.9rem}fieldset{border:1px solid #c8c8c8;margin:1rem 0}
        caption{text-align:left;font-weight:600;padding:.25rem 0}[aria-invalid=true]{border:2px solid #a4161a}
        td form{margin:0}
        .notice{background:#e6f4ea;border-left:4px solid #1e7b34;padding:.5rem 1rem}
        .error{background:#fde8e8;border-left:4px solid #a4161a;padding:.5rem 1rem}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem}
        code,pre{background:#f3f3f3;padding:.1rem .3rem}pre{padding:.75rem;overflow-x:auto}
        .state-Ready{color:#1e7b34}.state-Error{color:#a4161a}.state-Sleeping{color:#5a4a9c}
        """
}
