// Package quality holds no code of its own: its tests are the quality gates
// that need no browser, each run over a full build of the demo site (the
// repository root).
//
//   - HTML: every page passes the W3C Nu HTML Checker (vnu.jar from the npm
//     package vnu-jar, run once over all pages; it needs java).
//   - Links: a crawl from index.html follows every internal link, image,
//     script, style sheet and fragment, for the site served from / and from a
//     sub-path, and for a Files build read from disk as file:// would; every
//     page must be reachable from the home page.
//   - Reproducibility: two builds, and a build of the data with its rows
//     shuffled, give byte-identical trees; sha256sum -c manifest.sha256
//     holds.
//
// Without java or node_modules/vnu-jar (make build runs npm ci) the HTML
// check skips, except when CI=true, where it fails.
package quality
