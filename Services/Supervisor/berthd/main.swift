import ArgumentParser
import SupervisorService

// berthd: everything lives in SupervisorService (BerthdCommand and its subcommands).
await BerthdCommand.main()
