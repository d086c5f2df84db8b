import BerthCLI
import BerthRuntime

// berth: everything lives in BerthCLI.
await CommandMain.run(BerthCommand.self)
