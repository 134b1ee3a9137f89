// Package server is qingdan serve: it builds the site into memory, serves
// it over HTTP, watches the site's files, rebuilds on every change with the
// semantics of a full build (build.Builder does only what changed) and tells
// the browser to reload — or, on an error, shows the error over the last good
// page. It never writes into the output folder.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/publish"
	"github.com/qingdan/qingdan/internal/render"
)

// Options configure a server.
type Options struct {
	Build  build.Options // the site; Out and Files are not used
	Bind   string        // address to listen on; "127.0.0.1" when empty
	Port   int           // first port to try; the next free one is taken
	Poll   time.Duration // poll the files at this interval instead of using file events
	Stdout io.Writer
	Stderr io.Writer
}

// Server serves one site.
type Server struct {
	o Options
	b *build.Builder

	mu      sync.RWMutex
	site    *render.Site // the last good site, rendered on request
	state   *state       // what it was made from
	problem []string     // the current build's problems, when it failed
	lang    string

	pmu      sync.Mutex      // guards pending and unknown
	pending  map[string]bool // files changed since the last rebuild began
	unknown  bool            // files changed that events did not name
	watching bool            // file events name what changes (set while watching)
	idle     time.Duration   // how long a kept-alive connection may idle; a minute when 0

	events  *broker
	built   chan struct{} // receives after every rebuild (tests)
	changes chan struct{} // holds a signal while files changed since the last rebuild began
}

// New makes a server; call Run to start it.
func New(o Options) *Server {
	// A preview shows what an editor works on: drafts, cases scheduled for
	// later, each page saying so; a build with Preview makes the same bytes.
	o.Build.Preview = true
	if o.Bind == "" {
		o.Bind = "127.0.0.1"
	}
	if o.Port == 0 {
		o.Port = 1313
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	return &Server{o: o, b: build.NewBuilder(), events: newBroker(), lang: "zh-CN"}
}

// Listen opens the listening socket: the asked port, else the next free one.
func (s *Server) Listen() (net.Listener, error) {
	var last error
	for port := s.o.Port; port < s.o.Port+100 && port < 65536; port++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(s.o.Bind, fmt.Sprint(port)))
		if err == nil {
			if port != s.o.Port {
				fmt.Fprintln(s.o.Stderr, diag.Text(s.lang, "serve.port", s.o.Port, port))
			}
			return ln, nil
		}
		last = err
	}
	return nil, last
}

// Run builds the site, then serves it on ln until ctx ends.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	if ip := net.ParseIP(s.o.Bind); ip == nil || !ip.IsLoopback() {
		fmt.Fprintln(s.o.Stderr, diag.Text(s.lang, "serve.public", s.o.Bind))
	}
	start := time.Now()
	s.rebuild()
	urls := addresses(ln.Addr())
	fmt.Fprintln(s.o.Stdout, diag.Text(s.lang, "serve.ready", urls[0], time.Since(start).Round(time.Millisecond).String()))
	if len(urls) > 1 {
		fmt.Fprintln(s.o.Stdout, diag.Text(s.lang, "serve.lan", strings.Join(urls[1:], "  ")))
	}

	w, err := s.watch(ctx)
	if err != nil {
		return err
	}
	defer w.close()

	idle := s.idle
	if idle == 0 {
		idle = time.Minute
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: idle}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		s.events.close()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		return nil
	case err := <-done:
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// superseded reports whether files change within a moment after a failed
// build, which a rebuild will then redo; longer (a second) while saving,
// when the build failed on a file a save truncated and has not yet written:
// a large data file written in place can stay empty for a while.
func (s *Server) superseded(saving bool) bool {
	wait := 50 * time.Millisecond
	if saving {
		wait = time.Second
	}
	for deadline := time.Now().Add(wait); ; time.Sleep(5 * time.Millisecond) {
		if len(s.changes) > 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// halfSaved reports whether a file an error names is empty and was written
// within the last seconds: most likely being saved.
func halfSaved(src string, errs []diag.Diag) bool {
	for _, d := range errs {
		if d.Pos.File == "" || !filepath.IsLocal(filepath.FromSlash(d.Pos.File)) {
			continue
		}
		fi, err := os.Stat(filepath.Join(src, filepath.FromSlash(d.Pos.File)))
		if err == nil && fi.Mode().IsRegular() && fi.Size() == 0 && time.Since(fi.ModTime()) < 2*time.Second {
			return true
		}
	}
	return false
}

// rebuild builds the site again and tells the browsers. A panic in a build
// (a bug) is shown like a build error, and the last good site stays served.
func (s *Server) rebuild() {
	defer func() {
		if v := recover(); v != nil {
			msg := fmt.Sprintf("qingdan: internal error: %v", v)
			fmt.Fprintln(s.o.Stderr, msg)
			s.b = build.NewBuilder() // its caches may be half-updated
			s.mu.Lock()
			s.problem = []string{msg}
			s.mu.Unlock()
			b, _ := json.Marshal([]string{msg})
			s.events.send(message{"problem", string(b)})
		}
	}()
	start := time.Now()
	s.hint()
	r := s.b.Check(s.o.Build)
	s.lang = r.Lang()
	var msgs []string
	var errs []diag.Diag
	if r.Site == nil || r.Diags.Errors() > 0 {
		for _, d := range r.Diags.Sorted() {
			if d.Sev == diag.Error {
				msgs = append(msgs, d.Text(s.lang))
				errs = append(errs, d)
			}
		}
	}
	if msgs == nil {
		site, err := r.Output(s.o.Build)
		if err != nil {
			msgs = []string{err.Error()}
			fmt.Fprintln(s.o.Stderr, err)
		} else {
			st := stateOf(r, s.o.Build)
			s.mu.Lock()
			ev := st.event(s.state)
			s.site, s.state, s.problem = site, st, nil
			s.mu.Unlock()
			fmt.Fprintln(s.o.Stdout, diag.Text(s.lang, "serve.rebuilt", time.Since(start).Round(time.Millisecond).String()))
			s.events.send(ev)
		}
	}
	if msgs != nil && s.superseded(halfSaved(s.o.Build.Src, errs)) {
		// Files changed again meanwhile: most likely this build read one
		// half-saved (an editor truncates, then writes). The next rebuild
		// reports what is really there; the last good site stays served.
		msgs = nil
		r.Diags = &diag.List{}
	}
	var buf strings.Builder
	r.Diags.Print(&buf, s.lang) // after rendering, which may warn too
	if buf.Len() > 0 {
		fmt.Fprint(s.o.Stderr, buf.String())
	}
	if msgs != nil {
		s.mu.Lock()
		s.problem = msgs
		s.mu.Unlock()
		b, _ := json.Marshal(msgs)
		s.events.send(message{"problem", string(b)})
	}
	if s.built != nil {
		select {
		case s.built <- struct{}{}:
		default:
		}
	}
}

// ServeHTTP serves the site from memory, and qingdan's own endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		// A page of another site whose name now points here (DNS
		// rebinding) must not read the preview.
		http.Error(w, "qingdan serve answers only to its own addresses", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/__qingdan/events":
		s.events.serve(w, r)
		return
	case "/__qingdan/live.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, liveJS)
		return
	}
	name, ok := clean(r.URL.Path)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	s.mu.RLock()
	site, problem := s.site, s.problem
	s.mu.RUnlock()
	b, found, err := s.file(site, name)
	if !found && err == nil && !strings.HasSuffix(name, "/index.html") && name != "index.html" {
		if _, dir := site.File(name + "/index.html"); dir {
			// One leading slash: "//host/x" would send the browser to host.
			w.Header().Set("Location", "/"+strings.TrimLeft(r.URL.Path, "/")+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !found && err == nil {
		status = http.StatusNotFound
		name = "404.html"
		b, found, err = s.file(site, name)
		if !found {
			b = []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>qingdan</title></head><body></body></html>")
		}
	}
	if err != nil { // a layout that fails on this page: shown like a build error
		status, name = http.StatusInternalServerError, "error.html"
		problem = append(slices.Clone(problem), err.Error())
		b = []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>qingdan</title></head><body></body></html>")
	}
	ctype := contentType(name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(ctype, "text/html") {
		b = inject(b, problem)
	}
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(b)
	}
}

// hostAllowed reports whether a request's Host names this server: an IP
// address, localhost, or this machine's name (when serving the network).
func (s *Server) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	switch {
	case h == "" || net.ParseIP(h) != nil:
		return true
	case strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost"):
		return true
	}
	if ip := net.ParseIP(s.o.Bind); ip != nil && ip.IsLoopback() {
		return false
	}
	name, err := os.Hostname()
	return err == nil && (strings.EqualFold(h, name) || strings.HasPrefix(strings.ToLower(h), strings.ToLower(name)+"."))
}

// addresses are the addresses to open the preview at: the listening one,
// or, listening on every interface (0.0.0.0, ::), this machine's own
// (localhost first, then each address on the local networks).
func addresses(a net.Addr) []string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return []string{"http://" + a.String() + "/"}
	}
	port := strconv.Itoa(tcp.Port)
	urls := []string{"http://127.0.0.1:" + port + "/"}
	ifs, _ := net.InterfaceAddrs()
	for _, ia := range ifs {
		if n, ok := ia.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			urls = append(urls, "http://"+net.JoinHostPort(n.IP.String(), port)+"/")
		}
	}
	return urls
}

// file renders the file name of site, as a build writes it.
func (s *Server) file(site *render.Site, name string) ([]byte, bool, error) {
	if site == nil {
		return nil, false, nil
	}
	if name == publish.Marker {
		sums, err := site.Sums()
		if err != nil {
			return nil, true, err
		}
		return publish.Manifest(sums), true, nil
	}
	f, ok := site.File(name)
	if !ok {
		return nil, false, nil
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, true, err
	}
	return buf.Bytes(), true, nil
}

// clean maps a request path to a file of the site; it never leaves the site.
func clean(p string) (string, bool) {
	if strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	c := path.Clean("/" + p)
	if strings.Contains(c, "..") {
		return "", false
	}
	name := strings.TrimPrefix(c, "/")
	if name == "" || strings.HasSuffix(p, "/") {
		if name != "" {
			name += "/"
		}
		name += "index.html"
	}
	return name, true
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json; charset=utf-8"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".svg":
		return "image/svg+xml; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".txt", ".sha256":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the live-reload script to a page, and the current problems,
// which the script shows over the page.
func inject(page []byte, problem []string) []byte {
	var tag bytes.Buffer
	if problem != nil {
		b, _ := json.Marshal(problem)
		tag.WriteString(`<script type="application/json" id="qingdan-problems">`)
		tag.Write(bytes.ReplaceAll(b, []byte("</"), []byte(`<\/`)))
		tag.WriteString("</script>")
	}
	tag.WriteString(`<script src="/__qingdan/live.js"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(bytes.Clone(page), tag.Bytes()...)
	}
	out := make([]byte, 0, len(page)+tag.Len())
	out = append(out, page[:i]...)
	out = append(out, tag.Bytes()...)
	return append(out, page[i:]...)
}
