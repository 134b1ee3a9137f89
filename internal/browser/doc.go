// Package browser holds no code of its own: its tests load the built site in
// headless Chromium and check what only a browser can tell — every chart
// drawn, no console error, no failed request, no request to another host,
// nothing wider than a phone's screen — and what a screen reader or a
// low-vision reader gets: the page's language, a name and a table for every
// chart, the status badges' contrast, and no critical or serious finding of
// axe-core (node_modules/axe-core, from make build's npm ci), colour
// contrast included. Each check has tests of its own on fixtures in
// testdata, so that a check that cannot fail is caught.
//
// Every run writes screenshots of the home page, a project and a case at
// 1280 and 390 px to the repository's git-ignored screenshots/ folder, or
// to $QINGDAN_SCREENSHOTS when that is set ("" for none).
//
// The tests need /usr/bin/chromium (Debian's package "chromium"), and
// axe-core for the accessibility checks. Without them they skip, except
// when CI=true, where they fail.
package browser
