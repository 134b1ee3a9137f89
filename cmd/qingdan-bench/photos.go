package main

import (
	"fmt"
	"path/filepath"
)

// photos measures a site whose articles each show a camera's photo (4000 ×
// 2250, qingdan-gen's photos scale), where both generators make the four
// smaller copies of every photo, against Hugo doing the same (its theme
// resizes the photo to the same widths with the same kernel and quality):
// first with no copies kept from before (each generator's
// resources/_gen/images removed: a first build), then into an empty output
// folder with the copies the last run kept (a build server's clean clone
// with the folder committed, public/ deleted). No targets: the are
// for articles with pictures no wider than the page.
func (b *bench) photos(n string) error {
	src, hugo, err := b.site("photos", n)
	if err != nil {
		return err
	}
	out, hout := filepath.Join(b.dir, "out-photos-"+n), filepath.Join(b.dir, "out-photos-hugo-"+n)
	kept := func(site string) string { return filepath.Join(site, "resources") }
	qingdan := func() (measure, error) {
		b.clear(out)
		return b.build(src, out, false) // the record goes with resources/ when it is cleared
	}
	var qs, hs, qw, hw []measure
	for _, again := range []bool{false, true} {
		for range b.runs { // alternately, so both meet the same machine
			if !again {
				b.clear(kept(hugo))
			}
			h, err := b.hugoBuild(hugo, hout)
			if err != nil {
				return err
			}
			if !again {
				b.clear(kept(src))
			}
			q, err := qingdan()
			if err != nil {
				return err
			}
			if again {
				qw, hw = append(qw, q), append(hw, h)
			} else {
				qs, hs = append(qs, q), append(hs, h)
			}
		}
	}
	fmt.Fprintf(b.out, "photos %s (a 4000x2250 photo an article, four smaller copies each; %d runs, alternating; medians; %s)\n", n, b.runs, hugoVersion(b.hugo))
	b.row("qingdan, no copies kept", median(qs))
	b.row("hugo, no copies kept", median(hs))
	b.row("qingdan, copies kept", median(qw))
	b.row("hugo, copies kept", median(hw))
	for _, o := range []struct{ who, dir string }{{"qingdan", out}, {"hugo", hout}} {
		s, err := shapeOf(o.dir)
		if err != nil {
			return err
		}
		fmt.Fprintf(b.out, "  %-26s %s\n", o.who+" wrote", s)
	}
	fmt.Fprintln(b.out, contextLine("wall, qingdan ÷ hugo, no copies kept", medianRatio(qs, hs, wallOf)))
	fmt.Fprintln(b.out, contextLine("wall, qingdan ÷ hugo, copies kept", medianRatio(qw, hw, wallOf)))
	return nil
}
