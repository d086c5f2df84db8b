import ArgumentParser
import Foundation

/// Runs an async root command with subcommands from top-level code.
///
/// Top-level `await SomeCommand.main()` resolves to `ParsableCommand`'s synchronous `main()`, which refuses async
/// subcommands at run time; this spells out parse-then-run on the async path.
public enum CommandMain {
    /// - Parameter exitCode: the exit code for an error the command threw (nil: ArgumentParser's), so a CLI can
    ///   give scripts distinct codes; the message is printed the usual way.
    public static func run<Command: AsyncParsableCommand>(
        _ command: Command.Type, exitCode: (any Error) -> Int32? = { _ in nil }
    ) async {
        do {
            var parsed = try await command.asyncParseAsRoot()
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
        } catch {
            if let code = exitCode(error) {
                let message = command.message(for: error)
                if !message.isEmpty { FileHandle.standardError.write(Data("Error: \(message)\n".utf8)) }
                command.exit(withError: ExitCode(code))
            }
            command.exit(withError: error)
        }
    }
}
