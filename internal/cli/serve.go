package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/qingdan/qingdan/internal/server"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	f := newFlags("serve", stderr, withContent)
	bind := f.fs.String("bind", "127.0.0.1", "the `address` to listen on")
	port := f.fs.Int("port", 1313, "the `port` to try first")
	poll := f.fs.Duration("poll", 0, "poll the files at this `interval` (e.g. 500ms) instead of using file events, for network shares")
	if code, ok := f.parse(args); !ok {
		return code
	}
	if *poll < 0 || (*poll > 0 && *poll < 10*time.Millisecond) {
		fmt.Fprintln(stderr, "qingdan serve: --poll must be at least 10ms")
		return 2
	}
	s := server.New(server.Options{Build: f.opts, Bind: *bind, Port: *port, Poll: *poll, Stdout: stdout, Stderr: stderr})
	ln, err := s.Listen()
	if err != nil {
		fmt.Fprintf(stderr, "qingdan serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Run(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "qingdan serve: %v\n", err)
		return 1
	}
	return 0
}
