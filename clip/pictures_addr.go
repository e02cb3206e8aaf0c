package clip

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
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
//
// Through a proxy (HTTP_PROXY and the like) the connection goes to the
// proxy, which resolves the name itself: the guard then checks the
// addresses the name has here, and lets the dial to the proxy through.
type addressGuard struct {
	classify func(netip.Addr) string               // localKind, or a test's stand-in
	proxyFor func(*http.Request) (*url.URL, error) // http.ProxyFromEnvironment, or a test's

	mu      sync.Mutex
	decided bool
	local   bool            // the article came from a local address
	proxies map[string]bool // host:port of the proxies requests went through
}

// newAddressGuard returns a guard that lets the first dial decide, or,
// with decided set, one for an article whose origin is known. Zero hooks
// mean localKind and http.ProxyFromEnvironment.
func newAddressGuard(c *Client, decided, local bool) *addressGuard {
	g := &addressGuard{classify: c.classify, proxyFor: c.proxy, decided: decided, local: local, proxies: map[string]bool{}}
	if g.classify == nil {
		g.classify = localKind
	}
	if g.proxyFor == nil {
		g.proxyFor = http.ProxyFromEnvironment
	}
	return g
}

// control is a net.Dialer's Control: it runs for every connection attempt,
// with the address about to be dialled.
func (g *addressGuard) control(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read the address %q", errLocalAddress, address)
	}
	return g.allow(ap.Addr())
}

// allow decides, or applies the decision, for one address.
func (g *addressGuard) allow(ip netip.Addr) error {
	ip = ip.Unmap()
	kind := g.classify(ip)
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.decided {
		g.decided, g.local = true, kind != ""
	}
	if kind == "" || g.local {
		return nil
	}
	return &localAddressError{addr: ip, kind: kind}
}

// proxy is the Transport's Proxy: the proxy for req, if any, once the
// addresses req's host has here pass the guard. A host that does not
// resolve here (a network that resolves names only at its proxy) counts
// as the web.
func (g *addressGuard) proxy(req *http.Request) (*url.URL, error) {
	u, err := g.proxyFor(req)
	if err != nil || u == nil {
		return u, err
	}
	host := req.URL.Hostname()
	ips := []netip.Addr{}
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = append(ips, ip)
	} else if found, err := net.DefaultResolver.LookupNetIP(req.Context(), "ip", host); err == nil {
		ips = found
	}
	for _, ip := range ips {
		if err := g.allow(ip); err != nil {
			return nil, err
		}
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
	}
	g.mu.Lock()
	g.proxies[net.JoinHostPort(u.Hostname(), port)] = true
	g.mu.Unlock()
	return u, nil
}

// dial dials address, checked by control unless it is a proxy's.
func (g *addressGuard) dial(timeout time.Duration) func(ctx context.Context, network, address string) (net.Conn, error) {
	guarded := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second, Control: g.control}
	direct := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		g.mu.Lock()
		viaProxy := g.proxies[address]
		g.mu.Unlock()
		if viaProxy {
			return direct.DialContext(ctx, network, address)
		}
		return guarded.DialContext(ctx, network, address)
	}
}

// fromLocal reports whether the guard decided that the article came from a
// local address.
func (g *addressGuard) fromLocal() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.decided && g.local
}
