package browser

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

// The accessibility checks' own tests, as checker_test.go's: each fixture
// has known defects (or none), and the checks must report exactly those.

func TestCheckerA11yClean(t *testing.T) {
	t.Parallel()
	axeSource(t)
	for _, vp := range []viewport{phone, desktop} {
		r := loadPage(t, serveTestdata(t).URL+"/a11y-good.html", vp, loadOptions{axe: true})
		if p := append(r.problems(), r.a11yProblems("zh-CN")...); len(p) > 0 {
			t.Errorf("a11y-good.html at %v: want no problems, got:\n%s", vp, strings.Join(p, "\n"))
		}
	}
}

func TestCheckerA11yDefects(t *testing.T) {
	t.Parallel()
	axeSource(t)
	r := loadPage(t, serveTestdata(t).URL+"/a11y-bad.html", phone, loadOptions{axe: true})
	var grave []string
	for _, f := range r.Axe {
		if f.grave() {
			grave = append(grave, f.ID)
		}
	}
	slices.Sort(grave)
	if want := []string{"color-contrast", "image-alt"}; !slices.Equal(grave, want) {
		t.Errorf("axe's critical and serious findings: %q, want %q; all findings:\n%v", grave, want, r.Axe)
	}
	p := r.a11yProblems("zh-CN")
	for _, w := range []string{`<html lang="en">, want "zh-CN"`, `chart 1 (data-chart="nameless") has no aria-label`,
		`chart 2 (data-chart="tableless") is not followed by its table`, "axe color-contrast (serious)", "axe image-alt (critical)"} {
		if !slices.ContainsFunc(p, func(s string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("a11yProblems has no line starting %q:\n%s", w, strings.Join(p, "\n"))
		}
	}
	if len(p) != 5 {
		t.Errorf("a11yProblems = %d lines, want 5:\n%s", len(p), strings.Join(p, "\n"))
	}
}

func TestCheckerBadges(t *testing.T) {
	t.Parallel()
	var got []string
	r := loadPage(t, serveTestdata(t).URL+"/badges.html", desktop, loadOptions{act: func(ctx context.Context) (err error) {
		got, err = badgeProblems(ctx)
		return err
	}})
	if r.ActErr != nil {
		t.Fatal(r.ActErr)
	}
	want := []string{"st-on_track badge: white on rgb(153, 153, 153) has contrast 2.85:1",
		"st-overdue badge: text colour rgb(255, 255, 0), want white", "st-not_started badge: background rgba(0, 0, 0, 0.5) is not opaque"}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("badgeProblems has no line starting %q:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(got) != len(want) {
		t.Errorf("badgeProblems = %q, want %d lines", got, len(want))
	}
}

func TestContrast(t *testing.T) {
	white, black := rgba{255, 255, 255, 1}, rgba{0, 0, 0, 1}
	for _, tc := range []struct {
		css  string
		want float64 // white text on it; from WebAIM's contrast checker
	}{
		{"rgb(0, 0, 0)", 21},
		{"rgb(255, 255, 255)", 1},
		{"rgb(119, 119, 119)", 4.48},
		{"rgb(46, 125, 50)", 5.13},
		{"rgba(183, 28, 28, 1)", 6.57},
	} {
		c, err := parseRGB(tc.css)
		if err != nil {
			t.Fatal(err)
		}
		if got := contrast(white, c); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast(white, %s) = %.3f, want %.2f", tc.css, got, tc.want)
		}
	}
	if got := contrast(black, white); got != 21 {
		t.Errorf("contrast(black, white) = %v, want 21", got)
	}
	for _, bad := range []string{"", "red", "#fff", "rgb(1, 2)", "rgb(a, b, c)", "color(srgb 1 1 1)"} {
		if _, err := parseRGB(bad); err == nil {
			t.Errorf("parseRGB(%q): want an error", bad)
		}
	}
}
