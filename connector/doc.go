// Package connector is the Margin Connector, the browser extension in this
// folder (manifest.json, background.js): it sends the page in the current
// tab to `margin native-host` over native messaging. The package has no Go
// code; its tests load the extension into a real Chromium and clip through
// it into a real library.
package connector
