package web_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"intermart/internal/web"
)

// slowServer reads whole bodies behind MinBodyRate at 1 KiB/s over a short
// window, answering 408 when the body is cut off. pause is how long the
// handler works before it reads (server time, not counted against clients).
func slowServer(t *testing.T, pause time.Duration, read bool) *httptest.Server {
	t.Helper()
	window := 100 * time.Millisecond
	h := web.MinBodyRate(1024, window)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(pause)
		if !read {
			w.WriteHeader(http.StatusAccepted)
			return
		}
		b, err := io.ReadAll(r.Body)
		if errors.Is(err, web.ErrBodyTooSlow) {
			w.WriteHeader(http.StatusRequestTimeout)
			return
		}
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		fmt.Fprintf(w, "%d", len(b))
	}))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// sendThenStall writes headers and the start of a body, then nothing more,
// and returns what the server does: the status line it answers, or "closed".
func sendThenStall(t *testing.T, srv *httptest.Server, headers, start string) string {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "POST /upload HTTP/1.1\r\nHost: x\r\n"+headers+"\r\n"+start); err != nil {
		t.Fatal(err)
	}
	// A safety net only, far beyond the 100 ms window: without the limit
	// the server would wait for the rest of the body forever.
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	status, err := bufio.NewReader(conn).ReadString('\n')
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server still waits for the stalled body")
	}
	if err != nil {
		return "closed"
	}
	return strings.TrimSpace(status)
}

func TestMinBodyRate(t *testing.T) {
	t.Parallel()
	t.Run("ErrStalledBody", func(t *testing.T) {
		t.Parallel()
		got := sendThenStall(t, slowServer(t, 0, true), "Content-Length: 100000\r\n", "%PDF-1.4")
		if got != "HTTP/1.1 408 Request Timeout" && got != "closed" {
			t.Fatalf("stalled body: %q, want 408 or a closed connection", got)
		}
	})
	t.Run("ErrStalledChunkedBody", func(t *testing.T) {
		t.Parallel()
		got := sendThenStall(t, slowServer(t, 0, true), "Transfer-Encoding: chunked\r\n", "8\r\n%PDF-1.4\r\n")
		if got != "HTTP/1.1 408 Request Timeout" && got != "closed" {
			t.Fatalf("stalled chunked body: %q, want 408 or a closed connection", got)
		}
	})
	t.Run("ErrTrickle", func(t *testing.T) {
		t.Parallel()
		srv := slowServer(t, 0, true)
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, _ = io.WriteString(conn, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
		// One byte at a time, far under 1 KiB/s, until the server gives up:
		// each byte alone would have moved a plain per-read deadline on.
		cut := false
		for range 1000 {
			if _, err := conn.Write([]byte{'x'}); err != nil {
				cut = true
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !cut {
			t.Fatal("a body trickling one byte every 20 ms was never cut off")
		}
	})
	t.Run("ErrUnreadBodyDoesNotHoldTheConnection", func(t *testing.T) {
		t.Parallel()
		srv := slowServer(t, 0, false)
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, _ = io.WriteString(conn, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nabc")
		_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		_, err = conn.Read(make([]byte, 1))
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			t.Fatal("the server still waits for the unread body")
		}
	})
	t.Run("OK", func(t *testing.T) {
		t.Parallel()
		body := strings.Repeat("x", 200_000)
		resp, err := http.Post(slowServer(t, 0, true).URL, "application/octet-stream", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || string(got) != "200000" {
			t.Fatalf("whole body: %d %s", resp.StatusCode, got)
		}
	})
	t.Run("OKServerSlowerThanTheWindow", func(t *testing.T) {
		t.Parallel()
		// The handler works for three windows before it reads: that is
		// the server's time, and must not count against the client.
		resp, err := http.Post(slowServer(t, 300*time.Millisecond, true).URL, "application/octet-stream", strings.NewReader("%PDF-1.4"))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if got, _ := io.ReadAll(resp.Body); resp.StatusCode != 200 || string(got) != "8" {
			t.Fatalf("body read late: %d %s", resp.StatusCode, got)
		}
	})
}
