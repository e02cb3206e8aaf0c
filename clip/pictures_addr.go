package clip

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"time"
)

// localRanges are the addresses that reach this machine or its network
// rather than the web. A page from the web must not make Margin send
// requests there: to a router's admin page, a cloud's metadata service
// (169.254.169.254), or a service listening on this machine.
var localRanges = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "private"}, // carrier-grade NAT
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fc00::/7"), "unique-local"},
}

// localKind names the kind of local address ip is ("loopback", "private",
// "link-local", "unique-local", "unspecified"), or "" for an address on
// the web.
func localKind(ip netip.Addr) string {
	ip = ip.Unmap()
	for _, r := range localRanges {
		if r.prefix.Contains(ip) {
			return r.kind
		}
	}
	return ""
}

// errLocalAddress marks a connection refused because it would reach a local
// address from a page that came from the web.
var errLocalAddress = errors.New("refused local address")

// localAddressError is a refused connection: where to, and what kind of
// address that is.
type localAddressError struct {
	addr netip.Addr
	kind string
}

func (e *localAddressError) Error() string {
	return fmt.Sprintf("%s is a %s address and the article is from the web", e.addr, e.kind)
}

func (e *localAddressError) Is(target error) bool { return target == errLocalAddress }

// addressGuard checks each address a clip's connections actually dial, after
// DNS, so a name that resolves to a public address for one request and to
// 127.0.0.1 for the next (DNS rebinding) is caught on the second. The first
// dial decides: a clip of a page on this machine or the local network may
// go on reaching local addresses (an intranet page and its images); a clip
// of a page from the web may not.
type addressGuard struct {
	classify func(netip.Addr) string // localKind, or a test's stand-in

	mu      sync.Mutex
	decided bool
	local   bool // the article came from a local address
}

// newAddressGuard returns a guard that lets the first dial decide, or,
// with decided set, one for an article whose origin is known.
func newAddressGuard(classify func(netip.Addr) string, decided, local bool) *addressGuard {
	if classify == nil {
		classify = localKind
	}
	return &addressGuard{classify: classify, decided: decided, local: local}
}

// control is a net.Dialer's Control: it runs for every connection attempt,
// with the address about to be dialled.
func (g *addressGuard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read the address %q", errLocalAddress, address)
	}
	kind := g.classify(ap.Addr().Unmap())
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.decided {
		g.decided, g.local = true, kind != ""
	}
	if kind == "" || g.local {
		return nil
	}
	return &localAddressError{addr: ap.Addr().Unmap(), kind: kind}
}

// fromLocal reports whether the guard decided that the article came from a
// local address.
func (g *addressGuard) fromLocal() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.decided && g.local
}

// dialer is a net.Dialer that asks g about every address it dials.
func (g *addressGuard) dialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second, Control: g.control}
}
