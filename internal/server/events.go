package server

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// message is one Server-Sent Event.
type message struct{ name, data string }

// broker fans events out to every connected browser.
type broker struct {
	mu      sync.Mutex
	clients map[chan message]bool
	closed  bool
}

func newBroker() *broker { return &broker{clients: map[chan message]bool{}} }

func (b *broker) send(m message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- m:
		default: // a client too slow to take it reloads on its next event anyway
		}
	}
}

func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for c := range b.clients {
		close(c)
		delete(b.clients, c)
	}
}

// serve streams events to one browser until it goes away.
func (b *broker) serve(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan message, 8)
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	b.clients[c] = true
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		if b.clients[c] {
			delete(b.clients, c)
			close(c)
		}
		b.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 1000\nevent: hello\ndata: \n\n")
	fl.Flush()
	tick := time.NewTicker(20 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			fl.Flush()
		case m, ok := <-c:
			if !ok {
				return
			}
			fmt.Fprintf(w, "event: %s\n", m.name)
			for _, line := range strings.Split(m.data, "\n") {
				fmt.Fprintf(w, "data: %s\n", line)
			}
			fmt.Fprint(w, "\n")
			fl.Flush()
		}
	}
}

// liveJS reloads the page on "reload", swaps stylesheets on "css", and shows
// the build's problems over the page on "problem" (or when the page was served
// with problems), removing them when the site builds again.
const liveJS = `(function () {
  'use strict';
  var box = null;
  function show(list) {
    if (!box) {
      box = document.createElement('div');
      box.id = 'qingdan-overlay';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:70vh;overflow:auto;' +
        'background:#fff8f8;color:#5f0000;border-bottom:4px solid #b71c1c;font:14px/1.6 monospace;padding:12px 16px;white-space:pre-wrap;box-shadow:0 2px 12px rgba(0,0,0,.3)';
      document.body.appendChild(box);
    }
    box.textContent = 'qingdan:\n' + list.join('\n');
  }
  var first = document.getElementById('qingdan-problems');
  if (first) show(JSON.parse(first.textContent));
  var es = new EventSource('/__qingdan/events');
  es.addEventListener('reload', function () { location.reload(); });
  es.addEventListener('css', function () {
    if (box) { location.reload(); return; }
    var links = document.querySelectorAll('link[rel=stylesheet]');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href').replace(/[?#].*$/, '');
      links[i].setAttribute('href', href + '?v=' + Date.now());
    }
  });
  es.addEventListener('problem', function (e) { show(JSON.parse(e.data)); });
})();
`
