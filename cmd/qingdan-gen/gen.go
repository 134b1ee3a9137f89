package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Options are what Generate writes, and where.
type Options struct {
	Dir   string // the qingdan site
	Hugo  string // the Hugo site of the same articles; "" for none
	Seed  uint64
	Scale Scale
}

// Stats count what Generate wrote.
type Stats struct {
	Orgs, Projects, Readings, Tasks, Articles, Images int
}

// Generate writes the site o asks for.
func Generate(o Options) (Stats, error) {
	var st Stats
	for _, d := range []string{o.Dir, o.Hugo} {
		if d == "" {
			continue
		}
		if err := emptyDir(d); err != nil {
			return st, err
		}
	}
	if err := os.MkdirAll(filepath.Join(o.Dir, "data"), 0o755); err != nil {
		return st, err
	}
	sc := o.Scale
	r := newRNG(o.Seed, streamOrgs)
	orgs := buildOrgs(r.Rand, sc.Orgs)
	ts := buildTasks(sc.Tasks)
	title := orgs[0].base + "基层党建清单"
	if err := writeConfig(o.Dir, title); err != nil {
		return st, err
	}
	if err := writeOrgs(o.Dir, orgs); err != nil {
		return st, err
	}
	if err := writeTasks(o.Dir, ts); err != nil {
		return st, err
	}
	pl := newPlan(o.Seed, orgs, ts, sc.Projects, sc.Readings)
	if err := pl.writeProjects(o.Dir); err != nil {
		return st, err
	}
	n, err := pl.writeProgress(o.Dir)
	if err != nil {
		return st, err
	}
	st.Orgs, st.Projects, st.Readings, st.Tasks = len(orgs), sc.Projects, n, len(ts)
	a := &articles{seed: o.Seed, dir: o.Dir, hugo: o.Hugo, n: sc.Articles, pool: sc.Pool, zoom: sc.Zoom, orgs: orgs}
	if sc.Varied {
		a.vocab = newVocabulary(o.Seed)
	}
	if err := a.write(); err != nil {
		return st, err
	}
	if o.Hugo != "" {
		if err := writeHugo(o.Hugo, title, a.used, a.usedCol, sc.Zoom > 1); err != nil {
			return st, err
		}
	}
	st.Articles, st.Images = sc.Articles, a.images
	return st, nil
}

// emptyDir makes sure d is an empty folder: the generator never mixes its
// files with older ones, and never deletes anything.
func emptyDir(d string) error {
	entries, err := os.ReadDir(d)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(d, 0o755)
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty\nhint: remove it or name a new folder", d)
	}
	return nil
}
