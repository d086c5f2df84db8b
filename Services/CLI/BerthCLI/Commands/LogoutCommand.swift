import ArgumentParser
import Foundation

/// `berth logout`: revokes the refresh token at the server (which ends that login session; other sessions stay)
/// and forgets the server in the token cache.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "End this login: revoke the refresh token and delete the cached tokens.")

    @OptionGroup var client: ClientOptions

    func run() async throws {
        let cache = LoginTokenCache.standard()
        let server = try client.loginServer(cache: cache)
        guard let entry = cache.load(server: server)?.entry else {
            print("not logged in to \(server)")
            return
        }
        if !entry.refreshToken.isEmpty {
            do {
                let answer = try await LoginHTTPClient(http: client.http(server)).post(
                    "/revoke",
                    ["token": entry.refreshToken, "token_type_hint": "refresh_token", "client_id": entry.clientId])
                if answer.status != 200 {
                    FileHandle.standardError.write(
                        Data(
                            "berth: the server did not revoke the token (HTTP \(answer.status)); the local copy is deleted anyway\n"
                                .utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("berth: \(error); the local copy is deleted anyway\n".utf8))
            }
        }
        try cache.remove(server: server)
        print("logged out of \(server)")
    }
}
