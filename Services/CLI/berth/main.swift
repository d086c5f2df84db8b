import BerthCLI
import BerthRuntime

// berth: everything lives in BerthCLI; errors leave with the exit codes scripts rely on (`CLIExitCode`).
await CommandMain.run(BerthCommand.self, exitCode: CLIExitCode.code(for:))
