package opendata

import (
	"io"
	"os"
	"testing"
)

// TestWorkbookTemp: the county's workbook with its 360,000 readings is
// larger than excelize keeps in memory (16 MB a sheet), but its rows never
// pass through excelize (see rows.go), so nothing is written to the
// system's temporary folder while it is made (where a build stopped half
// way would leave it: a province's left 1.1 GB there when excelize wrote
// its rows), nor left there after.
func TestWorkbookTemp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	v := countyView(t)
	var during []string
	w := &firstWrite{check: func() {
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			during = append(during, e.Name())
		}
	}}
	if err := projectsXLSX(w, v, SheetRows, SheetRows); err != nil {
		t.Fatal(err)
	}
	if !w.done || len(during) != 0 {
		t.Errorf("while writing, the temporary folder held %q; want nothing", during)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("%d entries left in the temporary folder after writing: %v", len(left), left)
	}
}

// firstWrite calls check at its first write (the workbook's zip, made
// after every sheet is written), and discards what it is given.
type firstWrite struct {
	check func()
	done  bool
}

func (f *firstWrite) Write(p []byte) (int, error) {
	if !f.done {
		f.done = true
		f.check()
	}
	return io.Discard.Write(p)
}
