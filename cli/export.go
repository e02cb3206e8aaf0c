package cli

// exportCommands are the export commands.
func exportCommands() []command { return nil }
