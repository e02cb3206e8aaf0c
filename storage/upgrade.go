package storage

import "strings"

// Upgrade is how far Open has gone in upgrading an older library: the
// migration being applied (its file name without .sql, "010_split_search")
// and, for a step that goes through the articles, how many it has done of
// Total. Total is 0 while the count is unknown, or for work that is not
// counted.
type Upgrade struct {
	Migration string
	Done      int
	Total     int
}

// OpenOption changes how Open opens a library.
type OpenOption func(*openConfig)

// openConfig is what the OpenOptions of one Open ask for.
type openConfig struct {
	onUpgrade func(Upgrade)
}

// OnUpgrade makes Open call fn as it upgrades an older library: once as each
// migration begins (Done and Total 0), then as its steps go through the
// articles, with Done growing to Total, and with Total 0 again for work
// whose length is unknown (merging the new search index after filling it),
// so a window can show a progress bar over an upgrade that takes minutes
// on a large library (the search index of 010: 1.5 minutes at 20,000
// articles, 8 at 100,000, on a busy 2-core machine). fn runs on the
// goroutine calling Open, between the upgrade's statements, so it must
// return quickly (hand the numbers to the UI thread and return). A library
// at the latest version never calls it.
func OnUpgrade(fn func(Upgrade)) OpenOption {
	return func(c *openConfig) { c.onUpgrade = fn }
}

// progress is how a migration step reports done of total articles.
type progress func(done, total int)

// reporter is the progress of migration m's steps as Upgrades to
// onUpgrade, which may be nil.
func reporter(m migration, onUpgrade func(Upgrade)) progress {
	if onUpgrade == nil {
		return func(int, int) {}
	}
	name := strings.TrimSuffix(m.name, ".sql")
	return func(done, total int) { onUpgrade(Upgrade{Migration: name, Done: done, Total: total}) }
}

// each reports progress through a loop over total rows: call it with the
// number of rows done after each one. It reports 0 of total at once, then
// every 1% of the rows (at most every 500 rows), and at the end.
func (report progress) each(total int) func(done int) {
	report(0, total)
	every := max(1, min(500, total/100))
	return func(done int) {
		if done%every == 0 || done == total {
			report(done, total)
		}
	}
}
