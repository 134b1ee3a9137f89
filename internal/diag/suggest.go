package diag

// maxSuggestPool bounds how many candidates a suggestion looks through, so
// a file full of bad references to a million projects stays fast.
const maxSuggestPool = 20000

// maxEdits is how many edits a typo may take to be suggested.
const maxEdits = 2

// Suggest returns a hint naming the candidate closest to v when it is close
// enough to be a likely typo (one or two edits), else "" (which prints as
// nothing). The nearest candidate wins, and among equally near ones the
// first in byte order, so the hint is the same on every run whatever the
// map's order.
func Suggest[V any](v string, pool map[string]V) any {
	if best := nearest(v, pool); best != "" {
		return M("hint.didYouMean", Quote(best))
	}
	return ""
}

// nearest returns the key of pool closest to v by edit distance (in runes),
// ties going to the lexically first key, or "" when none is within two
// edits or the distance is as long as v itself (any key is that near to a
// short v).
func nearest[V any](v string, pool map[string]V) string {
	if len(pool) > maxSuggestPool || v == "" {
		return ""
	}
	best, bestD := "", maxEdits+1
	for k := range pool {
		// With the limit one above bestD, a result equal to bestD is the
		// exact distance, never a capped one: a worse key cannot tie.
		d := distance(v, k, bestD+1)
		if d < bestD || d == bestD && best != "" && k < best {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > maxEdits || bestD >= len([]rune(v)) {
		return ""
	}
	return best
}

// Distance is the Levenshtein distance of a and b in runes, or limit when
// it is at least limit.
func Distance(a, b string, limit int) int { return distance(a, b, limit) }

// distance is the Levenshtein distance of a and b in runes, or limit when it
// is at least limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
