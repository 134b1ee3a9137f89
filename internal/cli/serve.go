package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/server"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("qingdan serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o build.Options
	fs.StringVar(&o.Src, "s", ".", "the site `folder`")
	fs.StringVar(&o.Src, "source", ".", "the site `folder`")
	fs.StringVar(&o.AsOf, "as-of", "", "the as-of `date` (YYYY-MM-DD)")
	fs.BoolVar(&o.Drafts, "drafts", false, "include drafts")
	fs.BoolVar(&o.Publish, "publish", false, "leave out cases without a final review (终审)")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on")
	port := fs.Int("port", 1313, "the `port` to try first")
	poll := fs.Duration("poll", 0, "poll the files at this `interval` (e.g. 500ms) instead of using file events, for network shares")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "qingdan serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *poll < 0 || (*poll > 0 && *poll < 10*time.Millisecond) {
		fmt.Fprintln(stderr, "qingdan serve: --poll must be at least 10ms")
		return 2
	}
	s := server.New(server.Options{Build: o, Bind: *bind, Port: *port, Poll: *poll, Stdout: stdout, Stderr: stderr})
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
