package export

// OldPassageURL is the exporter before issue 16, for the browser report in
// the external test package.
var OldPassageURL = oldPassageURL
