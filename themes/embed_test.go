package themes

import (
	"bytes"
	"io/fs"
	"testing"
)

// TestNoCarriageReturns: the embedded theme's files have LF line endings.
// A checkout on Windows converts LF to CRLF unless .gitattributes says
// eol=lf; a layout with CRLF puts carriage returns into every page it
// renders, and a binary built there would make other bytes than one built
// anywhere else.
func TestNoCarriageReturns(t *testing.T) {
	n := 0
	err := fs.WalkDir(Default, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "vendor" {
			return fs.SkipDir // ECharts, as its npm package has it: not from git
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(Default, p)
		if err != nil {
			return err
		}
		n++
		if i := bytes.IndexByte(b, '\r'); i >= 0 {
			t.Errorf("%s: a carriage return at line %d (is .gitattributes' eol=lf missing?)", p, bytes.Count(b[:i], []byte("\n"))+1)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("the embedded theme has %d files", n)
	}
}
