// Package themes holds the built-in theme, embedded into the binary: its
// layouts (html/template) and static files, plus ECharts, which make build
// copies in from the npm package pinned in package-lock.json.
package themes

import "embed"

// Default is the default theme: layouts/ and static/.
//
//go:embed default
var Default embed.FS
