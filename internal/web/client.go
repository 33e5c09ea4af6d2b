package web

import (
	"context"
	"net/http"

	"github.com/go-chi/chi/v5/middleware"
)

type addrKey struct{}

// ClientAddr records the caller's address for rate limits, lockouts and the
// request log. It is the TCP peer, unless the peer is one of the trusted
// proxies (CIDR prefixes, from INTERMART_TRUSTED_PROXIES): then the client
// named in X-Forwarded-For (walking right to left past trusted hops) or, if
// that header is absent, in X-Real-IP is believed. Anyone else's headers are
// ignored, so a client cannot choose its own address.
func ClientAddr(trustedProxies []string) func(http.Handler) http.Handler {
	chain := []func(http.Handler) http.Handler{middleware.ClientIPFromRemoteAddr}
	if len(trustedProxies) > 0 {
		chain = append(chain, middleware.ClientIPFromHeader("X-Real-IP", trustedProxies...),
			middleware.ClientIPFromXFF(trustedProxies...))
	}
	return func(next http.Handler) http.Handler {
		h := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			addr := middleware.GetClientIP(r.Context())
			if addr == "" {
				addr = r.RemoteAddr
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), addrKey{}, addr)))
		}))
		for i := len(chain) - 1; i >= 0; i-- {
			h = chain[i](h)
		}
		return h
	}
}

// ClientAddrFrom returns the address recorded by ClientAddr.
func ClientAddrFrom(ctx context.Context) string {
	s, _ := ctx.Value(addrKey{}).(string)
	return s
}
