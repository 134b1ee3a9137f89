package render

import (
	"path"

	"github.com/qingdan/qingdan/internal/output"
)

// writeOrder is the files marked Early, then those marked Reuse (the
// pictures' copies, which take long to make: first, so that the pages
// fill the cores at the end, not a last photo), then the others. Of the
// others, the files copied from the site (its pictures and static files)
// are dealt in among the ones made (pages, lists, the search's shards),
// each kind in the order given: a copy is mostly the kernel's work (file
// system, page cache) and a page mostly the processor's, so mixed they
// keep both going. After the pages, 50,000 articles' 100,000 pictures
// (5 GB) were copied in a stretch of their own, the last quarter of the
// build, where the writers waited on the file system's journal and the
// cores stood half idle.
//
// A copy made into a folder a page is made into (an article's pictures,
// beside it) follows that folder's first page, so that the folder's
// files are made together: the file system's journal then logs the
// folder's block once, not once for the page and again for pictures made
// seconds later, in another transaction.
func writeOrder(files []output.File) []output.File {
	order := make([]output.File, 0, len(files))
	var reused, made, copied []int32 // by index in files
	for i, f := range files {
		switch {
		case f.Early:
			order = append(order, f)
		case f.Reuse:
			reused = append(reused, int32(i))
		case f.From != "":
			copied = append(copied, int32(i))
		default:
			made = append(made, int32(i))
		}
	}
	for _, i := range reused {
		order = append(order, files[i])
	}
	// Each made file, and after it the copies into its folder when it is
	// the folder's first; the other copies dealt in among them. Only the
	// folders copied into are looked up (a province makes a million pages,
	// and copies 200 pictures).
	dirs := make(map[string]int32, len(copied)) // a folder copied into: its first made file + 1, 0 for none
	for _, i := range copied {
		dirs[path.Dir(files[i].Name)] = 0
	}
	for k, i := range made {
		if d := path.Dir(files[i].Name); dirs[d] == 0 {
			if _, ok := dirs[d]; ok {
				dirs[d] = int32(k) + 1
			}
		}
	}
	beside := map[int32][]int32{} // by place in made
	units := make([]int32, len(made))
	for k := range units {
		units[k] = int32(k)
	}
	var loose []int32 // -1 - the index in files
	for _, i := range copied {
		if k := dirs[path.Dir(files[i].Name)]; k > 0 {
			beside[k-1] = append(beside[k-1], i)
		} else {
			loose = append(loose, -1-i)
		}
	}
	for _, u := range deal(units, loose) {
		if u < 0 {
			order = append(order, files[-1-u])
			continue
		}
		order = append(order, files[made[u]])
		for _, i := range beside[u] {
			order = append(order, files[i])
		}
	}
	return order
}

// deal merges a and b, each in its order, spreading the shorter evenly
// through the longer: after k items of the merge, k·len(a)/n of them are
// a's (n the two lengths' sum), rounded to the nearest.
func deal[T any](a, b []T) []T {
	n := len(a) + len(b)
	out := make([]T, 0, n)
	i, j := 0, 0
	for k := 1; k <= n; k++ {
		if i < len(a) && (j == len(b) || (2*i+1)*n <= 2*k*len(a)) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}
