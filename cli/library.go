package cli

// libraryCommands are the commands over the stored library (add, list, show,
// search, tag, highlight, highlights, note, rm, backup).
func libraryCommands() []command { return nil }
