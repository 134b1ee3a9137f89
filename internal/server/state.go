package server

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/content"
)

// state is what a served site was made from, as far as the browser needs
// to know: the builder hands back the very same model and layouts while
// their files are unchanged, and each document carries the sums of what it
// shows, so comparing them says whether any page may have changed; the
// static files are compared by size and time.
type state struct {
	made   []any             // the model, the layouts, each document's sums, in order
	config string            // the configuration and options
	static map[string]string // static file → size and time
}

func stateOf(r *build.Result, o build.Options) *state {
	st := &state{made: []any{r.Site, r.Pages}, config: fmt.Sprintf("%+v %+v", *r.Config, o), static: map[string]string{}}
	for _, list := range [][]*content.Doc{r.Docs.Cases, r.Docs.Sites, r.Docs.Pages} {
		for _, d := range list {
			meta, body := d.Sums()
			st.made = append(st.made, meta, body)
		}
		st.made = append(st.made, nil)
	}
	for _, f := range r.Static {
		if fi, err := fs.Stat(f.FS, f.Path); err == nil {
			st.static[f.Name] = fmt.Sprint(fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return st
}

// event is what the browser is told after a rebuild from prev to st: "css"
// when only stylesheets changed (they are swapped in place), else "reload".
func (st *state) event(prev *state) message {
	if prev == nil || st.config != prev.config || !slices.Equal(st.made, prev.made) {
		return message{"reload", ""}
	}
	css := false
	for _, name := range slices.Sorted(maps.Keys(st.static)) {
		if prev.static[name] != st.static[name] {
			if !strings.HasSuffix(name, ".css") {
				return message{"reload", ""}
			}
			css = true
		}
	}
	for name := range prev.static {
		if _, ok := st.static[name]; !ok {
			return message{"reload", ""}
		}
	}
	if css {
		return message{"css", ""}
	}
	return message{"reload", ""}
}
