package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSchedule: a case dated after the data's as_of is published whatever
// its date, unless the site schedules its cases (scheduled = true): then
// it waits for the build's day, --now, else SOURCE_DATE_EPOCH, else as_of,
// never the clock. A preview (serve) shows it, and drafts, saying so.
func TestSchedule(t *testing.T) {
	src := fromTxtar(t, "testdata/golden/small.txtar")
	mk := func(name, body string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	mk("content/cases/later.md", "---\ntitle: 明天的文章\ndate: 2030-01-02\n---\n正文。\n")
	mk("content/cases/draft.md", "---\ntitle: 草稿\ndate: 2022-06-01\ndraft: true\n---\n正文。\n")
	has := func(o Options, name string) (bool, string) {
		t.Helper()
		o.Src, o.Out = src, filepath.Join(t.TempDir(), "public")
		r, err := Run(o)
		if err != nil || r.Diags.Errors() > 0 {
			var b strings.Builder
			r.Diags.Print(&b, "en")
			t.Fatalf("%v %s", err, b.String())
		}
		b, err := os.ReadFile(filepath.Join(o.Out, "cases", name, "index.html"))
		return err == nil, string(b)
	}
	if ok, _ := has(Options{}, "later"); !ok {
		t.Error("a plain build holds back a case dated after as_of")
	}
	if ok, _ := has(Options{}, "draft"); ok {
		t.Error("a plain build publishes a draft")
	}
	cfg := filepath.Join(src, "qingdan.toml")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(b, "\nscheduled = true\n"...), 0o644)
	if ok, _ := has(Options{}, "later"); ok {
		t.Error("a scheduled site publishes a case dated after as_of")
	}
	if ok, _ := has(Options{Now: "2030-01-02"}, "later"); !ok {
		t.Error("--now on the case's day does not publish it")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1893456000") // 2030-01-01
	if ok, _ := has(Options{}, "later"); ok {
		t.Error("SOURCE_DATE_EPOCH the day before publishes it")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1893542400") // 2030-01-02
	if ok, _ := has(Options{}, "later"); !ok {
		t.Error("SOURCE_DATE_EPOCH on the day does not publish it")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	ok, page := has(Options{Preview: true}, "later")
	if !ok || !strings.Contains(page, `<p class="notice" role="status">定时发布`) {
		t.Error("a preview does not show the scheduled case with its notice")
	}
	if ok, page := has(Options{Preview: true}, "draft"); !ok || !strings.Contains(page, `<p class="notice" role="status">草稿`) {
		t.Error("a preview does not show the draft with its notice")
	}
	if _, page := has(Options{}, "tea"); strings.Contains(page, `class="notice"`) {
		t.Error("a build shows a preview's notice")
	}
}
