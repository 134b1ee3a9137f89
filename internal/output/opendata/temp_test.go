package opendata

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWorkbookTemp: the county's workbook with its 360,000 readings is
// larger than excelize keeps in memory; the sheets it keeps on disk while
// writing are in a folder of the sheet package's (which an interrupted
// build removes), not loose in the system's temporary folder, and nothing
// is left there once the workbook is written.
func TestWorkbookTemp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	v := countyView(t)
	var during []string
	w := &firstWrite{check: func() {
		entries, _ := os.ReadDir(tmp)
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() {
				inside, _ := os.ReadDir(filepath.Join(tmp, name))
				name += "/ (" + strconv.Itoa(len(inside)) + " files)"
			}
			during = append(during, name)
		}
	}}
	if err := projectsXLSX(w, v, SheetRows, SheetRows); err != nil {
		t.Fatal(err)
	}
	if len(during) != 1 || !strings.HasPrefix(during[0], "qingdan-xlsx-") || strings.HasSuffix(during[0], "(0 files)") {
		t.Errorf("while writing, the temporary folder held %q; want one qingdan-xlsx- folder with excelize's files in it", during)
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
