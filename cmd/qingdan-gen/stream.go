package main

import (
	"bufio"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// plan is what projects.csv and progress.csv are drawn from: the orgs and
// how many projects each runs. Rows are made in chunks on every core and
// written in order, never all held in memory.
type plan struct {
	seed   uint64
	orgs   []*org
	first  []int // index of each org's first project; first[len(orgs)] is the total
	byType map[string][]int
	tasks  map[tplType][]string
	mean   float64 // readings per started project
	dates  *dates
}

const chunk = 512 // projects per unit of work

func newPlan(seed uint64, orgs []*org, ts []task, projects, readings int) *plan {
	r := newRNG(seed, streamAlloc)
	w := make([]float64, len(orgs))
	for i, o := range orgs {
		w[i] = [4]float64{0.3, 0.6, 1.1, 1.0}[o.level] * (0.4 + 1.2*r.Float64())
	}
	pl := &plan{seed: seed, orgs: orgs, first: make([]int, len(orgs)+1), byType: tplsByType(),
		tasks: taskChoices(ts), dates: newDates()}
	for i, n := range allocate(r.Rand, projects, len(orgs), w) {
		pl.first[i+1] = pl.first[i] + n
	}
	if projects > 0 {
		pl.mean = float64(readings) / float64(projects) / 0.93 // 7% have not started
	}
	return pl
}

// each calls f for projects [from, to): the org, the project's number in
// it, its global index and the org's template order.
func (pl *plan) each(from, to int, f func(o *org, k, gi int, order []int)) {
	oi := sort.Search(len(pl.orgs), func(i int) bool { return pl.first[i+1] > from })
	r := newRNG(pl.seed, streamAlloc)
	var order []int
	for gi := from; gi < to; gi++ {
		for pl.first[oi+1] <= gi {
			oi++
			order = nil
		}
		o := pl.orgs[oi]
		if order == nil {
			ts := pl.byType[o.typ]
			r.reset(pl.seed, streamAlloc|uint64(oi+1))
			order = make([]int, len(ts))
			for i, j := range r.Perm(len(ts)) {
				order[i] = ts[j]
			}
		}
		f(o, gi-pl.first[oi], gi, order)
	}
}

// project draws project gi's numbers: the template comes from the org's
// order, so an org's projects differ.
func (pl *plan) project(r rng, k, gi int, order []int) proj {
	r.reset(pl.seed, streamNumbers|uint64(gi))
	return numbers(r.Rand, order[k%len(order)], pl.mean)
}

func projectID(b []byte, o *org, k int) []byte {
	return strconv.AppendInt(append(append(b, o.id...), '-'), int64(k+1), 10)
}

func (pl *plan) writeProjects(dir string) error {
	total := pl.first[len(pl.orgs)]
	return csvFile(dir, "projects.csv", "id,org,task,title,category,owner,start,due,indicator,unit,baseline,target,summary", func(w *bufio.Writer) error {
		return ordered((total+chunk-1)/chunk, w, func(c int, b []byte) []byte {
			r, t := newRNG(pl.seed, 0), newRNG(pl.seed, 0)
			pl.each(c*chunk, min(total, (c+1)*chunk), func(o *org, k, gi int, order []int) {
				p := pl.project(r, k, gi, order)
				tp := p.tpl
				t.reset(pl.seed, streamText|uint64(gi))
				task := ""
				if cands := pl.tasks[tplType{order[k%len(order)], o.typ}]; len(cands) > 0 && t.IntN(4) != 0 {
					task = pick(t.Rand, cands)
				}
				short := o.short()
				title := short + tp.titles[(k/len(order))%len(tp.titles)]
				if phase := k / (len(order) * len(tp.titles)); phase > 0 {
					title += "（" + numerals[min(phase, len(numerals)-1)] + "期）"
				}
				owner := o.secretary
				if t.IntN(5) < 3 {
					owner = person(t.Rand)
				}
				b = append(projectID(b, o, k), ',')
				b = append(append(b, o.id...), ',')
				b = append(append(b, task...), ',')
				b = append(cell(b, title), ',')
				b = append(append(b, tp.category...), ',')
				b = append(cell(b, owner), ',')
				b = append(append(b, pl.dates.form(p.start, t.IntN(300))...), ',')
				b = append(append(b, pl.dates.form(p.due, t.IntN(300))...), ',')
				b = append(append(b, tp.indicator...), ',')
				b = append(append(b, tp.unit...), ',')
				big := int64(1000)
				if tp.dec == 1 {
					big = 10000
				}
				for _, v := range []int64{p.base, p.target} {
					if sep := v >= big && t.IntN(10) == 0; sep {
						b = append(appendValue(append(b, '"'), v, tp.dec, true), '"', ',')
					} else {
						b = append(appendValue(b, v, tp.dec, false), ',')
					}
				}
				b = append(cell(b, strings.ReplaceAll(tp.summary, "{p}", short)), '\n')
			})
			return b
		})
	})
}

// writeProgress writes the readings and returns how many it wrote.
func (pl *plan) writeProgress(dir string) (int, error) {
	total := pl.first[len(pl.orgs)]
	var mu sync.Mutex
	count := 0
	err := csvFile(dir, "progress.csv", "project,date,value,note", func(w *bufio.Writer) error {
		return ordered((total+chunk-1)/chunk, w, func(c int, b []byte) []byte {
			r := newRNG(pl.seed, 0)
			var buf []reading
			n := 0
			var id []byte
			pl.each(c*chunk, min(total, (c+1)*chunk), func(o *org, k, gi int, order []int) {
				p := pl.project(r, k, gi, order)
				buf = p.readings(r.Rand, buf)
				id = append(projectID(id[:0], o, k), ',')
				for _, rd := range buf {
					b = append(append(b, id...), pl.dates.form(rd.date, r.IntN(400))...)
					b = appendValue(append(b, ','), rd.value, p.tpl.dec, false)
					b = append(append(append(b, ','), rd.note...), '\n')
				}
				n += len(buf)
			})
			mu.Lock()
			count += n
			mu.Unlock()
			return b
		})
	})
	return count, err
}

// short is the name an org's projects and articles call it by: a branch
// by its village, community or unit.
func (o *org) short() string {
	if o.shortName != "" {
		return o.shortName
	}
	return o.base
}

var bufs = sync.Pool{New: func() any { b := make([]byte, 0, 1<<20); return &b }}

// ordered makes n chunks with produce on every core and writes them to w in
// order, with a bounded number in flight.
func ordered(n int, w *bufio.Writer, produce func(i int, b []byte) []byte) error {
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		i   int
		out chan []byte
	}
	queue := make(chan chan []byte, 2*workers)
	jobs := make(chan job)
	go func() {
		for i := range n {
			c := make(chan []byte, 1)
			queue <- c
			jobs <- job{i, c}
		}
		close(queue)
		close(jobs)
	}()
	for range workers {
		go func() {
			for j := range jobs {
				j.out <- produce(j.i, (*bufs.Get().(*[]byte))[:0])
			}
		}()
	}
	var err error
	for c := range queue {
		b := <-c
		if err == nil {
			_, err = w.Write(b)
		}
		bufs.Put(&b)
	}
	return err
}
