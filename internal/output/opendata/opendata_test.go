package opendata

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
	"github.com/qingdan/qingdan/internal/model"
	"github.com/qingdan/qingdan/internal/value"
)

// TestFormulaInjection: text cells that a spreadsheet would run as a
// formula are made inert in projects.csv; numbers stay numbers.
func TestFormulaInjection(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`=HYPERLINK("http://x","点我")`, `'=HYPERLINK("http://x","点我")`},
		{"+1+2", "'+1+2"}, {"-1+2", "'-1+2"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"茶园", "茶园"}, {"", ""}, {"a=b", "a=b"},
	} {
		if got := inert(c.in); got != c.want {
			t.Errorf("inert(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	o := &load.Org{ID: "org", Name: "=1+1"}
	site := model.New(model.Input{AsOf: value.DateOf(2022, 6, 30), Orgs: []*load.Org{o},
		Projects: []*load.Project{{ID: "p1", OrgID: "org", Title: `=HYPERLINK("http://x")`, Owner: "@me", Start: value.DateOf(2022, 1, 1),
			Due: value.DateOf(2022, 12, 31), Indicator: "-亩", Unit: "+", Baseline: -5, Target: 10}}})
	var b bytes.Buffer
	if err := projectsCSV(&b, site); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rows[1], "|")
	for _, want := range []string{`'=HYPERLINK("http://x")`, "'=1+1", "'@me", "'-亩", "|'+|", "|-5|"} {
		if !strings.Contains(got, want) {
			t.Errorf("row %q lacks %q", got, want)
		}
	}
}
