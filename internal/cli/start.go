package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/config"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/server"
)

// The clerk's start: qingdan with no arguments, typically double-clicked
// in a folder (on Windows, in Explorer; on a 信创 desktop, in its file
// manager), with no terminal to type into.
//
//   - In a site folder (one with qingdan.toml) it previews the site, as
//     qingdan serve does, opens the default browser at it and says how to
//     stop. It does so when typed in a terminal too: there is nothing else
//     a bare qingdan in a site folder could usefully mean.
//   - Double-clicked in a fresh folder (nothing in it but qingdan itself and
//     the files it came with), it first makes a new site there, as
//     qingdan new site . does, then previews it.
//   - Anywhere else, from a terminal it prints the usage and exits 2, as
//     every usage error does; double-clicked, it says in the window what to
//     do and, on Windows, waits for Enter so that the window stays open
//     long enough to read it.

// A host is what the start needs from the machine it runs on. Main uses the
// real one; tests give their own, so that no test opens a browser.
type host struct {
	ctx context.Context // the preview stops when it is done, as on Ctrl-C

	// terminal reports whether qingdan was typed in a terminal rather than
	// double-clicked; windowless whether nothing shows what it prints (a
	// double-click on Linux: no window at all).
	terminal, windowless func() bool

	open func(url string) error         // opens url in the default browser
	wait func(w io.Writer, lang string) // before a double-clicked qingdan exits on an error
	exe  string                         // the running program's file, "" when unknown
	idle time.Duration                  // windowless: stop when no browser was connected this long
}

// systemHost is the machine qingdan runs on.
func systemHost() host {
	exe, _ := os.Executable()
	return host{
		ctx:        context.Background(),
		terminal:   inTerminal,
		windowless: windowless,
		open:       openBrowser,
		wait:       waitOnExit,
		exe:        exe,
		idle:       10 * time.Minute,
	}
}

// start runs qingdan without arguments in the current folder.
func start(h host, lang string, cmds []*Command, stdout, stderr io.Writer) int {
	if fi, err := os.Stat(config.File); err == nil && fi.Mode().IsRegular() {
		return preview(h, lang, stdout, stderr)
	}
	fresh := freshFolder(".", h.exe)
	if h.terminal() {
		usage(stderr, lang, cmds)
		if fresh {
			fmt.Fprintf(stderr, "\n%s\n", diag.Text(lang, "cli.startHere"))
		}
		return 2
	}
	if !fresh {
		dir, _ := filepath.Abs(".")
		fmt.Fprintln(stderr, diag.Text(lang, "cli.startNoSite", dir))
		h.wait(stderr, lang)
		return 2
	}
	if code := makeSite(".", lang, h.exe, stdout, stderr); code != 0 {
		h.wait(stderr, lang)
		return code
	}
	return preview(h, lang, stdout, stderr)
}

// preview serves the site in the current folder until h.ctx ends or the
// user stops it, and opens the browser at it.
func preview(h host, lang string, stdout, stderr io.Writer) int {
	o := server.Options{Build: build.Options{Src: "."}, Stdout: stdout, Stderr: stderr}
	code := serveUntil(h.ctx, o, func(ctx context.Context, ln net.Listener) (context.Context, net.Listener) {
		url := "http://" + ln.Addr().String() + "/"
		dir, _ := filepath.Abs(".")
		fmt.Fprintln(stdout, diag.Text(lang, "cli.startPreview", dir, url))
		fmt.Fprintln(stdout, diag.Text(lang, "cli.startStop"))
		if h.windowless() {
			// Nobody can press Ctrl-C or close a window: stop once every
			// preview page has been closed for a while (an open page keeps
			// its live-reload connection).
			var cancel context.CancelFunc
			ctx, cancel = context.WithCancel(ctx)
			ln = newIdleListener(ln, h.idle, cancel)
		}
		// The browser may ask before the first build is done: its request
		// waits in the listener's queue and is answered once it is.
		if err := h.open(url); err != nil {
			fmt.Fprintln(stderr, diag.Text(lang, "cli.openFailed", err, url))
		}
		return ctx, ln
	})
	if code != 0 {
		h.wait(stderr, lang)
	}
	return code
}

// freshFolder reports whether dir holds nothing that a new site could clash
// with or that belongs to someone: nothing but the running qingdan (exe),
// the README.md, licenses/ and demo/ (the demo site) of its release
// archive, and what file
// managers leave behind (hidden files, desktop.ini, Thumbs.db).
func freshFolder(dir, exe string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	self := ""
	if exe != "" {
		a, errA := os.Stat(filepath.Dir(exe))
		b, errB := os.Stat(dir)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			self = filepath.Base(exe)
		}
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case n == self && self != "":
		case strings.HasPrefix(n, "."), strings.EqualFold(n, "desktop.ini"), strings.EqualFold(n, "Thumbs.db"):
		case n == "README.md" && e.Type().IsRegular(), (n == "licenses" || n == "demo") && e.IsDir():
		default:
			return false
		}
	}
	return true
}

// idleListener counts the connections it has handed out and calls stop
// once none has been open for idle, counted from when serving begins (after
// the first build) or the last connection closed.
type idleListener struct {
	net.Listener
	idle time.Duration
	stop context.CancelFunc

	mu    sync.Mutex
	open  int
	timer *time.Timer // nil until serving begins
}

func newIdleListener(ln net.Listener, idle time.Duration, stop context.CancelFunc) *idleListener {
	return &idleListener{Listener: ln, idle: idle, stop: stop}
}

func (l *idleListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	if l.timer == nil { // also when no browser ever comes
		l.timer = time.AfterFunc(l.idle, l.stop)
	}
	l.mu.Unlock()
	c, err := l.Listener.Accept()
	if err != nil {
		return c, err
	}
	l.mu.Lock()
	l.open++
	l.timer.Stop()
	l.mu.Unlock()
	return &idleConn{Conn: c, l: l}, nil
}

func (l *idleListener) closed() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open--; l.open == 0 {
		l.timer.Reset(l.idle)
	}
}

type idleConn struct {
	net.Conn
	l    *idleListener
	once sync.Once
}

func (c *idleConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.l.closed)
	return err
}
