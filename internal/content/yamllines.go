package content

// yamlLines maps a line number YAML reports in front to the line of front
// it is on, counted as everything else counts lines: by LF alone. YAML also
// ends a line at a lone CR (split has already made each CRLF an LF), so a
// CR pasted into front matter would move every place after it down a line.
// A line past the last, where YAML reports what a file's end left open,
// stays past the last.
func yamlLines(front []byte) func(int) int {
	starts := []int{1} // the LF line each YAML line starts on
	lf := 1
	for _, c := range front {
		switch c {
		case '\n':
			lf++
			starts = append(starts, lf)
		case '\r':
			starts = append(starts, lf)
		}
	}
	return func(n int) int {
		switch {
		case n < 1:
			return n
		case n > len(starts):
			return lf + n - len(starts)
		}
		return starts[n-1]
	}
}
