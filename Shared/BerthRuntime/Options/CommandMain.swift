import ArgumentParser

/// Runs an async root command with subcommands from top-level code.
///
/// Top-level `await SomeCommand.main()` resolves to `ParsableCommand`'s synchronous `main()`, which refuses async
/// subcommands at run time; this spells out parse-then-run on the async path.
public enum CommandMain {
    public static func run<Command: AsyncParsableCommand>(_ command: Command.Type) async {
        do {
            var parsed = try await command.asyncParseAsRoot()
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
        } catch {
            command.exit(withError: error)
        }
    }
}
