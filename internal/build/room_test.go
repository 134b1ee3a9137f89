package build

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"
)

// TestRoom: a build and a check tell Options.Room, before the stages
// begin, of room for what every build takes and the data's records (every
// data file but the progress file, roomPerRecordByte each byte) and for the documents as they are
// listed (roomPerDocumentByte each byte of every document, not of its
// pictures); nothing else.
func TestRoom(t *testing.T) {
	s := maps.Clone(plain)
	s["content/cases/a.md"] = "---\ntitle: 甲\ndate: 2022-01-01\n---\n正文。\n"
	s["content/cases/b/index.md"] = "---\ntitle: 乙\ndate: 2022-01-02\n---\n正文更长一些。\n"
	s["content/cases/b/photo.txt"] = "not a document"
	s["content/pages/c.md"] = "---\ntitle: 丙\n---\n页面。\n"
	var records, docs int64
	for name, text := range s {
		switch {
		case filepath.Ext(name) == ".md":
			docs += int64(len(text))
		case filepath.Dir(name) == "data" && name != "data/progress.csv":
			records += int64(len(text))
		}
	}
	want := []int64{baseRoom + records*roomPerRecordByte, docs * roomPerDocumentByte}
	var told []int64
	o := Options{Src: s.write(t), Room: func(n int64) { told = append(told, n) }}
	if r := Check(o); r.Site == nil || r.Diags.Errors() > 0 {
		t.Fatalf("check: %v", r.Diags)
	}
	if !slices.Equal(told, want) {
		t.Errorf("check: room for %v, want %v", told, want)
	}
	told = nil
	o.Out = filepath.Join(t.TempDir(), "public")
	if r, err := Run(o); err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("%v %v", err, r.Diags)
	}
	if !slices.Equal(told, want) {
		t.Errorf("build: room for %v, want %v", told, want)
	}
}
