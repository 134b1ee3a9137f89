// Command qingdan-gen writes deterministic synthetic sites in the format of
// SPEC.md, for benchmarks and tests:
//
//	qingdan-gen -o DIR [-seed N] [-hugo DIR2] [-pool N] SCALE
//
// SCALE is one of
//
//	county      3,000 orgs, 30,000 projects, ~360,000 readings, 40 tasks, 2,000 articles
//	province    100,000 orgs, 1,000,000 projects, ~12,000,000 readings, 20,000 articles
//	articles N  N case articles with two pictures each, on a minimal valid site
//	photos N    the same, each article's photo a camera's, 4000 × 2250 (about 2 MB)
//	varied N    articles N, their text drawn from a vocabulary of real writing's variety (vary.go)
//
// The same arguments always give the same bytes: every entity draws from
// its own PCG stream of -seed, and nothing reads the clock. With -hugo the
// case articles are also written as a Hugo site, with a small theme of its
// own, so both generators can be timed on the same pages.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Scale is how much a site holds.
type Scale struct {
	Name                            string
	Orgs, Projects, Readings, Tasks int
	Articles                        int
	Pool                            int  // >0: articles share this many pictures in static/; 0: two of their own each
	Zoom                            int  // >1: articles' photos are this many times 800 × 450 (a camera's photo)
	Varied                          bool // the articles' text from a vocabulary of real writing's variety
}

func scaleOf(args []string) (Scale, error) {
	if len(args) == 0 {
		return Scale{}, errors.New("missing SCALE")
	}
	name := args[0]
	want := 1
	if name == "articles" || name == "photos" || name == "varied" {
		want = 2
	}
	if len(args) != want {
		return Scale{}, fmt.Errorf("%s takes %d argument(s), got %d", name, want-1, len(args)-1)
	}
	switch name {
	case "county":
		return Scale{name, 3000, 30000, 360000, 40, 2000, 0, 0, false}, nil
	case "province":
		return Scale{name, 100000, 1000000, 12000000, 40, 20000, 200, 0, false}, nil
	case "tiny": // for tests
		return Scale{name, 30, 200, 2000, 10, 10, 0, 0, false}, nil
	case "articles", "photos", "varied":
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 0 {
			return Scale{}, fmt.Errorf("%s: %q is not a count", name, args[1])
		}
		sc := Scale{Name: name, Orgs: 12, Projects: 24, Readings: 280, Tasks: 8, Articles: n}
		if name == "photos" {
			sc.Zoom = photoZoom
		}
		sc.Varied = name == "varied"
		return sc, nil
	}
	return Scale{}, fmt.Errorf("unknown SCALE %q (county, province, articles N, photos N or varied N)", name)
}

const usage = `usage: qingdan-gen -o DIR [-seed N] [-hugo DIR2] [-pool N] SCALE

SCALE is county, province, articles N, photos N or varied N. DIR (and DIR2) must be empty or absent.
`

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("qingdan-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	out := fs.String("o", "", "write the site to `DIR`")
	seed := fs.Uint64("seed", 1, "random seed")
	hugo := fs.String("hugo", "", "also write the case articles as a Hugo site to `DIR2`")
	pool := fs.Int("pool", -1, "articles share `N` pictures under static/ (default: 200 for province, else 0: each has its own)")
	// Flags may come before or after SCALE.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	sc, err := scaleOf(pos)
	if err == nil && *out == "" {
		err = errors.New("missing -o DIR")
	}
	if err != nil {
		fmt.Fprintf(stderr, "qingdan-gen: %v\n", err)
		fs.Usage()
		return 2
	}
	if *pool >= 0 {
		sc.Pool = *pool
	}
	st, err := Generate(Options{Dir: *out, Hugo: *hugo, Seed: *seed, Scale: sc})
	if err != nil {
		fmt.Fprintf(stderr, "qingdan-gen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "%s: %d orgs, %d projects, %d readings, %d tasks, %d articles, %d images\n",
		*out, st.Orgs, st.Projects, st.Readings, st.Tasks, st.Articles, st.Images)
	return 0
}
