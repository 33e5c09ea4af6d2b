package app

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

func init() {
	loadHTTPFunc = epollLoad
	latencyLoadFunc = epollLoadLatencies
	processCPU = func() time.Duration {
		var ru syscall.Rusage
		if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
}

// epollLoad is httpLoad as wrk does it: one thread, non-blocking sockets and
// an epoll loop. Each connection sends the same prepared request, waits for
// the whole response, checks that it is 200 OK with a body, and sends the
// next. It makes a write and a read system call a request and shares the
// epoll_wait among the connections that are ready, without the scheduling of
// a goroutine per connection.
func epollLoad(addr, path string, d time.Duration) (int64, time.Duration, error) {
	return epollLoadLatencies(addr, path, benchConnections, d, nil)
}

// epollLoadLatencies is epollLoad over connections connections, appending
// the latency of each request to lat unless it is nil.
func epollLoadLatencies(addr, path string, connections int, d time.Duration, lat *[]time.Duration) (int64, time.Duration, error) {
	tcp, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil || !tcp.IP.IsLoopback() {
		return 0, 0, fmt.Errorf("load only a loopback address, not %q", addr)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	request := []byte("GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nAccept: application/json\r\nUser-Agent: intermart-bench\r\n\r\n")
	ep, err := syscall.EpollCreate1(syscall.EPOLL_CLOEXEC)
	if err != nil {
		return 0, 0, err
	}
	defer syscall.Close(ep)
	type conn struct {
		fd   int
		buf  []byte
		n    int       // bytes of the current response read so far
		sent time.Time // when the current request was written
	}
	conns := make([]conn, connections)
	for i := range conns {
		fd, err := dialLoopback(tcp)
		if err != nil {
			return 0, 0, err
		}
		defer syscall.Close(fd)
		conns[i] = conn{fd: fd, buf: make([]byte, 64<<10)}
		ev := syscall.EpollEvent{Events: syscall.EPOLLIN, Fd: int32(i)}
		if err := syscall.EpollCtl(ep, syscall.EPOLL_CTL_ADD, fd, &ev); err != nil {
			return 0, 0, err
		}
	}
	send := func(c *conn) error {
		if lat != nil {
			c.sent = time.Now()
		}
		n, err := syscall.Write(c.fd, request)
		if err == nil && n != len(request) {
			err = errors.New("short write of the request")
		}
		return err
	}
	var done int64
	start := time.Now()
	stop := start.Add(d)
	for i := range conns {
		if err := send(&conns[i]); err != nil {
			return 0, 0, err
		}
	}
	events := make([]syscall.EpollEvent, connections)
	open := len(conns)
	for open > 0 {
		k, err := epollWait(ep, events, 1000)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, 0, err
		}
		if k == 0 {
			return 0, 0, errors.New("no response for a second")
		}
		now := time.Now()
		for _, ev := range events[:k] {
			c := &conns[ev.Fd]
			if c.n == len(c.buf) {
				c.buf = append(c.buf, make([]byte, len(c.buf))...)
			}
			m, err := syscall.Read(c.fd, c.buf[c.n:])
			if err == syscall.EAGAIN {
				continue
			}
			if err != nil {
				return 0, 0, err
			}
			if m == 0 {
				return 0, 0, errors.New("the server closed a connection")
			}
			c.n += m
			size, err := responseSize(c.buf[:c.n])
			if err != nil {
				return 0, 0, fmt.Errorf("GET %s: %w", path, err)
			}
			if size == 0 {
				continue // not all of it yet
			}
			if size != c.n {
				return 0, 0, fmt.Errorf("GET %s: %d bytes after the response", path, c.n-size)
			}
			c.n = 0
			done++
			if lat != nil {
				*lat = append(*lat, time.Since(c.sent))
			}
			if now.After(stop) {
				if err := syscall.EpollCtl(ep, syscall.EPOLL_CTL_DEL, c.fd, nil); err != nil {
					return 0, 0, err
				}
				open--
				continue
			}
			if err := send(c); err != nil {
				return 0, 0, err
			}
		}
	}
	elapsed := time.Since(start)
	return done, elapsed, nil
}

// epollWait is syscall.EpollWait without telling the scheduler: the thread
// has nothing else to do, and handing its processor to another thread on
// every wait and taking it back costs more than the wait.
func epollWait(ep int, events []syscall.EpollEvent, msec int) (int, error) {
	n, _, errno := syscall.RawSyscall6(syscall.SYS_EPOLL_WAIT, uintptr(ep),
		uintptr(unsafe.Pointer(&events[0])), uintptr(len(events)), uintptr(msec), 0, 0)
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

// dialLoopback connects a non-blocking TCP socket to addr.
func dialLoopback(addr *net.TCPAddr) (int, error) {
	var sa syscall.Sockaddr
	family := syscall.AF_INET
	if ip4 := addr.IP.To4(); ip4 != nil {
		sa4 := &syscall.SockaddrInet4{Port: addr.Port}
		copy(sa4.Addr[:], ip4)
		sa = sa4
	} else {
		family = syscall.AF_INET6
		sa6 := &syscall.SockaddrInet6{Port: addr.Port}
		copy(sa6.Addr[:], addr.IP.To16())
		sa = sa6
	}
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	if err := syscall.Connect(fd, sa); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_TCP, syscall.TCP_NODELAY, 1); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	if err := syscall.SetNonblock(fd, true); err != nil {
		syscall.Close(fd)
		return -1, err
	}
	return fd, nil
}

// responseSize returns the length of the HTTP/1.1 response at the start of
// b, or 0 if b does not hold all of it yet. It fails unless the response is
// 200 OK with a body (Content-Length or chunks).
func responseSize(b []byte) (int, error) {
	end := bytes.Index(b, []byte("\r\n\r\n"))
	if end < 0 {
		return 0, nil
	}
	head, body := b[:end+2], end+4
	line, rest, _ := bytes.Cut(head, []byte("\r\n"))
	if !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
		return 0, fmt.Errorf("response %q", line)
	}
	length, chunked := -1, false
	for len(rest) > 0 {
		line, rest, _ = bytes.Cut(rest, []byte("\r\n"))
		name, value, _ := bytes.Cut(line, []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case asciiEqual(name, "Content-Length"):
			n, err := strconv.Atoi(string(value))
			if err != nil {
				return 0, err
			}
			length = n
		case asciiEqual(name, "Transfer-Encoding"):
			chunked = asciiEqual(value, "chunked")
		}
	}
	if !chunked {
		if length <= 0 {
			return 0, errors.New("response without a body")
		}
		if len(b) < body+length {
			return 0, nil
		}
		return body + length, nil
	}
	at, total := body, 0
	for {
		i := bytes.Index(b[at:], []byte("\r\n"))
		if i < 0 {
			return 0, nil
		}
		size, err := strconv.ParseInt(string(bytes.TrimSpace(b[at:at+i])), 16, 64)
		if err != nil {
			return 0, err
		}
		at += i + 2 + int(size) + 2 // the size line, the chunk and its CRLF
		if at > len(b) {
			return 0, nil
		}
		if size == 0 {
			if total == 0 {
				return 0, errors.New("response without a body")
			}
			return at, nil
		}
		total += int(size)
	}
}

func init() {
	postgresCPU = func() time.Duration {
		var total time.Duration
		dirs, _ := os.ReadDir("/proc")
		for _, d := range dirs {
			if d.Name()[0] < '0' || d.Name()[0] > '9' {
				continue
			}
			raw, err := os.ReadFile("/proc/" + d.Name() + "/stat")
			if err != nil {
				continue
			}
			// pid (comm) state ppid … utime stime cutime cstime: fields
			// 14 to 17. The postmaster's cutime and cstime hold the
			// backends that have exited, such as pgbench's.
			s := string(raw)
			open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
			if open < 0 || end < open || s[open+1:end] != "postgres" {
				continue
			}
			f := strings.Fields(s[end+1:])
			if len(f) < 15 {
				continue
			}
			for _, v := range f[11:15] {
				n, _ := strconv.ParseInt(v, 10, 64)
				total += time.Duration(n) * time.Second / clockTicks
			}
		}
		return total
	}
}

// clockTicks is the kernel's USER_HZ, the unit of /proc's CPU times.
const clockTicks = 100
