package web

import (
	"context"
	"net"
	"net/http"
)

type addrKey struct{}

// ClientAddr records the caller's address for rate limits and lockouts. It is
// the TCP peer; a deployment behind a load balancer should put a trusted
// proxy-header middleware in front of it.
func ClientAddr(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), addrKey{}, host)))
	})
}

// ClientAddrFrom returns the address recorded by ClientAddr.
func ClientAddrFrom(ctx context.Context) string {
	s, _ := ctx.Value(addrKey{}).(string)
	return s
}
