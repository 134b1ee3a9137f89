package browser

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeMin is axe-core, from the npm package of make build's npm ci, under
// the repository root.
const axeMin = "node_modules/axe-core/axe.min.js"

// chartA11y is what a screen reader gets of one [data-chart] element.
type chartA11y struct {
	Kind  string `json:"kind"`
	Label string `json:"label"` // its aria-label, trimmed
	Table bool   `json:"table"` // its table of the same numbers follows it
}

// axeFinding is one rule that axe-core found violated, with where.
type axeFinding struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"` // minor, moderate, serious or critical
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // the first few: CSS selector — what is wrong
	Count  int      `json:"count"` // how many elements in all
}

// grave reports whether a finding blocks some readers: the impacts the
// site must never have.
func (f axeFinding) grave() bool { return f.Impact == "critical" || f.Impact == "serious" }

func (f axeFinding) String() string {
	return fmt.Sprintf("axe %s (%s): %s; %d elements: %s", f.ID, f.Impact, f.Help, f.Count, strings.Join(f.Nodes, " | "))
}

// a11yProblems lists, one line each, what in r keeps a screen reader or a
// low-vision reader from the page: a wrong language, a chart without a
// name or a table, and axe-core's critical and serious violations (colour
// contrast among them).
func (r pageReport) a11yProblems(lang string) []string {
	var p []string
	if r.Lang != lang {
		p = append(p, fmt.Sprintf("<html lang=%q>, want %q: screen readers pick their voice by it", r.Lang, lang))
	}
	for i, c := range r.Named {
		if c.Label == "" {
			p = append(p, fmt.Sprintf("chart %d (data-chart=%q) has no aria-label: screen readers get no name for it", i+1, c.Kind))
		}
		if !c.Table {
			p = append(p, fmt.Sprintf("chart %d (data-chart=%q) is not followed by its table of numbers", i+1, c.Kind))
		}
	}
	for _, f := range r.Axe {
		if f.grave() {
			p = append(p, f.String())
		}
	}
	return p
}

// The source of axe-core, read once.
var axe struct {
	once sync.Once
	src  string
	err  error
}

// axeSource returns axe-core's source. It skips the test when the file is
// missing, unless CI=true.
func axeSource(t *testing.T) string {
	t.Helper()
	axe.once.Do(func() {
		var b []byte
		b, axe.err = os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(axeMin)))
		axe.src = string(b)
	})
	if axe.err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%v, and CI=true: the accessibility checks must run in CI (make build's npm ci installs axe-core)", axe.err)
		}
		t.Skipf("%v; make build's npm ci installs axe-core", axe.err)
	}
	return axe.src
}

// runAxeJS runs every axe-core rule but the experimental ones and returns
// the violations, of every impact.
const runAxeJS = `axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact || '', help: v.help, count: v.nodes.length,
  nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ') +
    (n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').trim() : '')),
})))`

// runAxe puts axe-core into the page of ctx and runs it.
func runAxe(ctx context.Context, t *testing.T) ([]axeFinding, error) {
	t.Helper()
	src := axeSource(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](src+"\n;typeof axe")); err != nil {
		return nil, fmt.Errorf("loading %s: %v", axeMin, err)
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeFinding](runAxeJS, chromedp.EvalAwaitPromise))
}

// statusKeys are the SPEC's project statuses; the theme gives each badge
// class st-<key> white text on its own colour.
var statusKeys = []string{"done", "on_track", "behind", "overdue", "not_started"}

// badgeJS puts one badge of each status into the page, reads the colours
// the style sheet gives it, and takes it out again: every status is
// measured whether or not the page shows it.
var badgeJS = `(() => {
  const host = document.querySelector('main') || document.body;
  return ` + "`" + strings.Join(statusKeys, " ") + "`" + `.split(' ').map((key) => {
    const el = document.createElement('span');
    el.className = 'badge st-' + key;
    el.textContent = '状态';
    host.appendChild(el);
    const cs = getComputedStyle(el);
    const r = {key: key, color: cs.color, background: cs.backgroundColor};
    el.remove();
    return r;
  });
})()`

// badgeColours is what badgeJS returns for one status.
type badgeColours struct {
	Key        string `json:"key"`
	Color      string `json:"color"`
	Background string `json:"background"`
}

// badgeProblems measures the status badges in the page of ctx: white text,
// an opaque background, and a contrast of at least 4.5:1 (WCAG AA for
// normal text: badges are small).
func badgeProblems(ctx context.Context) ([]string, error) {
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]badgeColours](badgeJS))
	if err != nil {
		return nil, err
	}
	var p []string
	for _, b := range got {
		fg, err1 := parseRGB(b.Color)
		bg, err2 := parseRGB(b.Background)
		switch {
		case err1 != nil || err2 != nil:
			p = append(p, fmt.Sprintf("st-%s badge: cannot read its colours: %v %v", b.Key, err1, err2))
		case fg != (rgba{255, 255, 255, 1}):
			p = append(p, fmt.Sprintf("st-%s badge: text colour %s, want white", b.Key, b.Color))
		case bg.a != 1:
			p = append(p, fmt.Sprintf("st-%s badge: background %s is not opaque", b.Key, b.Background))
		default:
			if c := contrast(fg, bg); c < 4.5 {
				p = append(p, fmt.Sprintf("st-%s badge: white on %s has contrast %.2f:1, want at least 4.5:1", b.Key, b.Background, c))
			}
		}
	}
	return p, nil
}

// rgba is a CSS colour in sRGB: channels 0-255 and alpha 0-1.
type rgba struct{ r, g, b, a float64 }

// parseRGB reads a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".
func parseRGB(s string) (rgba, error) {
	inner, ok := strings.CutPrefix(s, "rgba(")
	if !ok {
		inner, ok = strings.CutPrefix(s, "rgb(")
	}
	inner, ok2 := strings.CutSuffix(inner, ")")
	if !ok || !ok2 {
		return rgba{}, fmt.Errorf("%q is not rgb() or rgba()", s)
	}
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) != 3 && len(parts) != 4 {
		return rgba{}, fmt.Errorf("%q: want 3 or 4 channels", s)
	}
	v := [4]float64{0, 0, 0, 1}
	for i, f := range parts {
		n, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return rgba{}, fmt.Errorf("%q: %v", s, err)
		}
		v[i] = n
	}
	return rgba{v[0], v[1], v[2], v[3]}, nil
}

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c rgba) float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is WCAG 2's contrast ratio of two opaque colours, 1 to 21.
func contrast(a, b rgba) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
