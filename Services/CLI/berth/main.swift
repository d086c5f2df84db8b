import BerthCLI

// The `berth` CLI: everything lives in BerthCLI.
await BerthCommand.main()
