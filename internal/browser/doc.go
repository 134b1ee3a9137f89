// Package browser holds no code of its own: its tests load the built site in
// headless Chromium and check what only a browser can tell — every chart
// drawn, no console error, no failed request, no request to another host, and
// nothing wider than a phone's screen.
//
// The tests need /usr/bin/chromium (Debian's package "chromium"). Without it
// they skip, except when CI=true, where they fail.
package browser
