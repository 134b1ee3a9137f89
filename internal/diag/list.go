package diag

import (
	"cmp"
	"container/heap"
	"fmt"
	"io"
	"slices"
	"sync"
)

// PerFile is how many problems of one file a List keeps and lists. The
// others are only counted, per kind (severity and message), and each kind
// is listed as one line saying how many more there are, placed at and
// showing the first of them. So a file of junk costs no more memory, and
// prints no more, than a file with a hundred mistakes.
const PerFile = 100

// List collects problems. It is safe for concurrent use.
//
// Of each file it keeps the PerFile problems that come first in sorted
// order, whatever order they were added in: what is listed does not depend
// on which goroutine found what first.
type List struct {
	mu    sync.Mutex
	files map[string]*fileDiags
	n     [3]int // problems by severity, kept or not
}

// fileDiags are the problems of one file.
type fileDiags struct {
	kept maxHeap        // at most PerFile; a heap once full
	more map[kind]*more // the problems not kept, counted by kind
}

// kind is what problems are counted by once a file's are no longer kept.
type kind struct {
	sev Severity
	key string
}

// more counts the problems of one kind that were not kept.
type more struct {
	first Diag // the first of them in sorted order
	n     int
}

// Add appends d.
func (l *List) Add(d Diag) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.add(d)
}

func (l *List) add(d Diag) {
	l.n[min(d.Sev, Info)]++
	l.file(d.Pos.File).add(d)
}

func (l *List) file(name string) *fileDiags {
	if l.files == nil {
		l.files = map[string]*fileDiags{}
	}
	f := l.files[name]
	if f == nil {
		f = &fileDiags{}
		l.files[name] = f
	}
	return f
}

func (f *fileDiags) add(d Diag) {
	if len(f.kept) < PerFile {
		f.kept = append(f.kept, d)
		if len(f.kept) == PerFile {
			heap.Init(&f.kept)
		}
		return
	}
	if compare(d, f.kept[0]) < 0 { // d comes before the last kept: swap them
		d, f.kept[0] = f.kept[0], d
		heap.Fix(&f.kept, 0)
	}
	f.omit(d, 1)
}

// omit counts n problems of d's kind, d the first of them, as not kept.
func (f *fileDiags) omit(d Diag, n int) {
	if f.more == nil {
		f.more = map[kind]*more{}
	}
	k := kind{d.Sev, d.Msg.Key}
	m := f.more[k]
	if m == nil {
		f.more[k] = &more{d, n}
		return
	}
	m.n += n
	if compare(d, m.first) < 0 {
		m.first = d
	}
}

// maxHeap holds a file's kept problems with the last in sorted order on top.
type maxHeap []Diag

func (h maxHeap) Len() int           { return len(h) }
func (h maxHeap) Less(i, j int) bool { return compare(h[i], h[j]) > 0 }
func (h maxHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *maxHeap) Push(x any)        { *h = append(*h, x.(Diag)) }
func (h *maxHeap) Pop() any {
	old := *h
	d := old[len(old)-1]
	*h = old[:len(old)-1]
	return d
}

// Error records an error at pos.
func (l *List) Error(pos Pos, key string, args ...any) {
	l.Add(Diag{Pos: pos, Sev: Error, Msg: Msg{key, args}})
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, key string, args ...any) {
	l.Add(Diag{Pos: pos, Sev: Warning, Msg: Msg{key, args}})
}

// Info records a note at pos.
func (l *List) Info(pos Pos, key string, args ...any) {
	l.Add(Diag{Pos: pos, Sev: Info, Msg: Msg{key, args}})
}

// Merge appends every problem of o: those o kept one by one, and the counts
// of those it did not.
func (l *List) Merge(o *List) {
	o.mu.Lock()
	var kept []Diag
	var mores []more
	for _, f := range o.files {
		kept = append(kept, f.kept...)
		for _, m := range f.more {
			mores = append(mores, *m)
		}
	}
	o.mu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range kept {
		l.add(d)
	}
	for _, m := range mores {
		l.n[min(m.first.Sev, Info)] += m.n
		l.file(m.first.Pos.File).omit(m.first, m.n)
	}
}

// Errors is the number of errors so far, listed or not.
func (l *List) Errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n[Error]
}

// Len is the number of problems (errors and warnings) so far, listed or not.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.n[Error] + l.n[Warning]
}

// Sorted returns the problems to list, ordered by file, line, column, then
// message key and arguments, so output never depends on the order they were
// found: of each file the first PerFile, then for each kind of the others
// one line (at the first of them) that says how many there are.
func (l *List) Sorted() []Diag {
	l.mu.Lock()
	var out []Diag
	for _, f := range l.files {
		out = append(out, f.kept...)
		for _, m := range f.more {
			d := m.first
			d.Msg = M("diag.more", m.n, sevName(d.Sev), PerFile, d.Msg)
			out = append(out, d)
		}
	}
	l.mu.Unlock()
	slices.SortStableFunc(out, compare)
	return out
}

// sevName names problems of severity s, for a count.
func sevName(s Severity) Name {
	switch s {
	case Error:
		return Name{Zh: "错误", En: "error(s)"}
	case Warning:
		return Name{Zh: "警告", En: "warning(s)"}
	}
	return Name{Zh: "提示", En: "note(s)"}
}

// compare orders problems by file, line, column, severity, message key and
// arguments.
func compare(a, b Diag) int {
	if c := cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Sev, b.Sev),
		cmp.Compare(a.Msg.Key, b.Msg.Key),
	); c != 0 {
		return c
	}
	return cmp.Compare(fmt.Sprint(a.Msg.Args...), fmt.Sprint(b.Msg.Args...))
}

// Print writes the problems to list, sorted, one per line, then a count
// line (of every problem, listed or not) when there is anything to count.
func (l *List) Print(w io.Writer, lang string) {
	for _, d := range l.Sorted() {
		fmt.Fprintln(w, d.Text(lang))
	}
	l.mu.Lock()
	n := l.n
	l.mu.Unlock()
	if n[Error]+n[Warning] > 0 {
		fmt.Fprintln(w, Text(lang, "count", n[Error], n[Warning]))
	}
}
