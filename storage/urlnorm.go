package storage

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that say how a reader got to a page,
// not which page it is. Keys are lower case; utm_* is handled apart.
var trackingParams = map[string]bool{
	// ad and analytics click ids
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_eid": true, "mc_cid": true, "_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "igshid": true, "igsh": true, "ocid": true, "cmpid": true,
	"fb_action_ids": true, "fb_action_types": true, "fb_source": true, "fb_ref": true,
	"ref_src": true, "ref_url": true,
	// sharing
	"share": true, "from": true, "spm": true, "spm_id_from": true, "vd_source": true,
	"share_source": true, "share_medium": true, "share_plat": true, "share_session_id": true,
	"share_tag": true, "share_times": true, "share_from": true, "unique_k": true,
	// WeChat article links carry the reader's session, not the article
	"scene": true, "subscene": true, "ascene": true, "chksm": true, "sessionid": true,
	"clicktime": true, "enterid": true, "devicetype": true, "nettype": true,
	"pass_ticket": true, "exportkey": true, "srcid": true, "sharer_sharetime": true,
	"sharer_shareid": true, "mpshare": true, "wx_header": true, "isappinstalled": true,
}

// normalizeURL returns the key under which two addresses of the same page
// compare equal: lower-case scheme and host, no default port, no fragment, no
// tracking parameters, the remaining parameters sorted, "/" for an empty path,
// and http and https treated alike. "" for "". Text that does not parse as an
// absolute URL is returned trimmed, so it still matches itself.
func normalizeURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Path == "") {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Fragment, u.RawFragment = "", ""
	if u.Host != "" {
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		port := u.Port()
		if (port == "80" || port == "443") && (u.Scheme == "http" || u.Scheme == "https") {
			port = ""
		}
		if strings.Contains(host, ":") {
			host = "[" + host + "]" // IPv6
		}
		if port != "" {
			host += ":" + port
		}
		u.Host = host
	}
	if u.Scheme == "http" {
		u.Scheme = "https"
	}
	if (u.Scheme == "https") && u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String()
}

// cleanQuery drops tracking parameters and sorts the rest by key, then value.
// Parameters are compared in their decoded form, so a%20b and a+b agree.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type pair struct{ k, v string }
	var kept []pair
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if dk, err := url.QueryUnescape(k); err == nil {
			k = dk
		}
		if dv, err := url.QueryUnescape(v); err == nil {
			v = dv
		}
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		kept = append(kept, pair{k, v})
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].k != kept[j].k {
			return kept[i].k < kept[j].k
		}
		return kept[i].v < kept[j].v
	})
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = url.QueryEscape(p.k) + "=" + url.QueryEscape(p.v)
	}
	return strings.Join(parts, "&")
}
