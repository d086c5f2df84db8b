import BerthRuntime
import SupervisorService

// berthd: everything lives in SupervisorService (BerthdCommand and its subcommands).
await CommandMain.run(BerthdCommand.self)
