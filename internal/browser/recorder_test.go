package browser

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// What a tab saw while it loaded a page: console errors and exceptions,
// failed requests and requests to other hosts.

// failure is a request that failed or got an HTTP error status.
type failure struct {
	id      network.RequestID
	url     string
	errText string // the network error, "" for an HTTP error status
}

// recorder collects a tab's events. Its event method runs on the tab's
// reading goroutine and must return fast.
type recorder struct {
	host string // host:port of the test server; every other host is foreign

	mu       sync.Mutex
	dialogs  []string
	console  []string
	failed   []failure
	foreigns []string
	urls     map[network.RequestID]string
	pending  map[network.RequestID]bool  // sent, neither finished nor failed
	blocked  map[string]bool             // network request ids and URLs that we failed on purpose
	bad      map[network.RequestID]bool  // requests already in failed
	status   map[network.RequestID]int64 // HTTP status from the raw headers
	foreign  map[string]bool             // URLs already in foreigns
}

// isForeign reports whether raw names a host other than the test server.
// data: and blob: URLs never leave the page.
func (r *recorder) isForeign(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return true
	}
	switch u.Scheme {
	case "data", "blob", "about":
		return false
	}
	return u.Host != r.host
}

func (r *recorder) block(id network.RequestID, url string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id != "" {
		r.blocked[string(id)] = true
	}
	r.blocked[url] = true
	r.addForeign(url)
}

func (r *recorder) dialog(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dialogs = append(r.dialogs, s)
}

func (r *recorder) addForeign(url string) {
	if !r.foreign[url] {
		r.foreign[url] = true
		r.foreigns = append(r.foreigns, url)
	}
}

func (r *recorder) idle() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.pending) == 0
}

func (r *recorder) report() pageReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	var failed []string
	for _, f := range r.failed {
		// Tell the HTTP status when there was one, whichever event
		// came first; else the network error.
		why := f.errText
		if st := r.status[f.id]; st >= 400 {
			why = fmt.Sprintf("HTTP %d", st)
		}
		failed = append(failed, f.url+": "+why)
	}
	return pageReport{
		Dialogs:         append([]string(nil), r.dialogs...),
		ConsoleErrors:   append([]string(nil), r.console...),
		FailedRequests:  failed,
		ForeignRequests: append([]string(nil), r.foreigns...),
	}
}

func (r *recorder) event(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.console = append(r.console, consoleText(ev.Args)+at(ev.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + firstLine(d.Exception.Description)
		}
		r.console = append(r.console, fmt.Sprintf("%s (%s:%d)", text, d.URL, d.LineNumber+1))
	case *log.EventEntryAdded:
		// Network entries ("Failed to load resource: 404") repeat what
		// FailedRequests holds; the others (security, violation, ...) are
		// errors only the browser log shows.
		// An entry about a request in FailedRequests or ForeignRequests
		// (a 404 script "refused to execute": wrong MIME type) repeats it.
		e := ev.Entry
		if e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork || r.repeats(e) {
			return
		}
		r.console = append(r.console, fmt.Sprintf("%s: %s", e.Source, e.Text))
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		r.urls[ev.RequestID] = u
		r.pending[ev.RequestID] = true
		if r.isForeign(u) {
			// Normally the interception saw it first; this catches
			// anything that went around it.
			r.addForeign(u)
		}
	case *network.EventWebSocketCreated:
		// Neither the interception nor Network.setBlockedURLs stops a
		// WebSocket; the proxy flag of startBrowser fails it unless it
		// goes to 127.0.0.1. Report it all the same.
		if r.isForeign(ev.URL) {
			r.addForeign(ev.URL)
		}
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 && !r.implicitFavicon(ev.Response.URL) {
			r.status[ev.RequestID] = ev.Response.Status
			r.fail(ev.RequestID, ev.Response.URL, "")
		}
	case *network.EventResponseReceivedExtraInfo:
		// Chromium may cancel a 404 style sheet without a
		// responseReceived; this event still has the status.
		r.status[ev.RequestID] = ev.StatusCode
	case *network.EventLoadingFinished:
		delete(r.pending, ev.RequestID)
	case *network.EventLoadingFailed:
		delete(r.pending, ev.RequestID)
		u := r.urls[ev.RequestID]
		if r.implicitFavicon(u) {
			return
		}
		if r.blocked[string(ev.RequestID)] || r.blocked[u] || r.foreign[u] {
			return // in ForeignRequests already
		}
		r.fail(ev.RequestID, u, ev.ErrorText)
	}
}

// fail records a failed request once, however many events tell of it and
// however often the page asked for the URL (under load, Chromium may ask
// twice for a style sheet that failed).
func (r *recorder) fail(id network.RequestID, url, errText string) {
	if r.bad[id] {
		return
	}
	r.bad[id] = true
	for _, f := range r.failed {
		if f.url == url {
			return
		}
	}
	r.failed = append(r.failed, failure{id, url, errText})
}

// implicitFavicon reports whether u is the /favicon.ico that Chromium asks
// the server's root for when a page declares no icon. It is outside a site
// served from a sub-path, and browsers show no console error for it, so a
// 404 there is no defect of the page.
func (r *recorder) implicitFavicon(u string) bool {
	return u == "http://"+r.host+"/favicon.ico"
}

// repeats reports whether the log entry is about a request that is in
// FailedRequests or ForeignRequests already. Such entries name the request
// by its URL, in quotes, and rarely by its id.
func (r *recorder) repeats(e *log.Entry) bool {
	if r.bad[e.NetworkRequestID] || r.blocked[string(e.NetworkRequestID)] {
		return true
	}
	for id := range r.bad {
		if u := r.urls[id]; u != "" && strings.Contains(e.Text, "'"+u+"'") {
			return true
		}
	}
	for u := range r.foreign {
		if strings.Contains(e.Text, "'"+u+"'") {
			return true
		}
	}
	return false
}

// consoleText joins a console call's arguments as the console shows them.
func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && json.Unmarshal([]byte(a.Value), &s) == nil:
			parts = append(parts, s)
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, firstLine(a.Description))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// at names the place of a console call: " (url:line)".
func at(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
