package diag

// maxSuggestPool bounds how many candidates a suggestion looks through, so
// a file full of bad references to a million projects stays fast.
const maxSuggestPool = 20000

// Suggest returns a hint naming the candidate closest to v when it is close
// enough to be a likely typo (one or two edits), else "" (which prints as nothing).
func Suggest[V any](v string, pool map[string]V) any {
	if len(pool) > maxSuggestPool || v == "" {
		return ""
	}
	best, bestD := "", 3
	for k := range pool {
		d := distance(v, k, bestD)
		if d < bestD || (d == bestD && k < best) {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > 2 || bestD >= len([]rune(v)) {
		return ""
	}
	return M("hint.didYouMean", Quote(best))
}

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
