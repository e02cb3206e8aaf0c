package testlib

import (
	"os"
	"testing"
)

// deadProxy refuses every connection: port 9 (discard) is not served on
// loopback here, so a request through it fails at once.
const deadProxy = "http://127.0.0.1:9"

// Main runs a package's tests off the internet: every HTTP request to a host
// other than a loopback address goes through a proxy that refuses it (Go
// never proxies loopback), so a clip of a real-world fixture cannot fetch
// its pictures from the web, and a test server on 127.0.0.1 still answers.
// Call it from TestMain before anything reads the proxy settings, which Go
// reads once per process.
func Main(m *testing.M) {
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		os.Setenv(k, deadProxy)
	}
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		os.Unsetenv(k)
	}
	os.Exit(m.Run())
}
