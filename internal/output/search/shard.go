package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/qingdan/qingdan/internal/jsonstr"
)

// shards is the index cut into a fixed number of term shards: a term is
// in the shard its hash names, so that the script finds it without a
// table of contents.
type shards struct {
	ix    *Index
	terms [][]int // the terms of each shard, in the index's order
}

// ShardOf is the term shard of term among n: FNV-1a of its UTF-16 units,
// as search.js computes it.
func ShardOf(term string, n int) int {
	h := uint32(2166136261)
	unit := func(u rune) {
		h ^= uint32(u)
		h *= 16777619
	}
	for _, r := range term {
		if a, b := utf16.EncodeRune(r); a != utf8.RuneError {
			unit(a) // a surrogate pair
			unit(b)
		} else {
			unit(r)
		}
	}
	return int(h % uint32(n))
}

// split puts the terms into n shards.
func split(ix *Index, n int) *shards {
	s := &shards{ix: ix, terms: make([][]int, n)}
	for t, term := range ix.Terms {
		k := ShardOf(term, n)
		s.terms[k] = append(s.terms[k], t)
	}
	return s
}

// write writes term shard n. Terms and lists need no escaping: terms are
// letters, digits and CJK characters, lists the characters of numbers.
func (s *shards) write(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "qdSearch(\"t\",%d,\"", n)
	for i, t := range s.terms[n] {
		if i > 0 {
			bw.WriteByte(' ')
		}
		bw.WriteString(s.ix.Terms[t])
	}
	bw.WriteString("\",[")
	for i, t := range s.terms[n] {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('"')
		bw.WriteString(s.ix.Lists[t])
		bw.WriteByte('"')
	}
	bw.WriteString("]);\n")
	return bw.Flush()
}

// A posting list is a string of numbers, each in base 32, most significant
// digit first: a digit that ends a number is one of the 32 characters from
// ']' (0x5D), another one of the 32 from '#' (0x23). Neither range holds a
// quote or a backslash, so the string goes into the script as it is. Each
// page is two numbers: its id less the previous one's, minus one, and the
// term's impact on it.
const (
	endDigit  = 0x5D
	moreDigit = 0x23
)

func appendNumber(b []byte, v uint32) []byte {
	// Most numbers in a list are a page's distance from the one before
	// and an impact, one or two digits.
	switch {
	case v < 1<<5:
		return append(b, endDigit+byte(v))
	case v < 1<<10:
		return append(b, moreDigit+byte(v>>5), endDigit+byte(v&31))
	}
	var d [7]byte
	i := len(d) - 1
	d[i] = endDigit + byte(v&31)
	for v >>= 5; v > 0; v >>= 5 {
		i--
		d[i] = moreDigit + byte(v&31)
	}
	return append(b, d[i:]...)
}

// readNumber reads the number appendNumber wrote at the start of b, and
// how many bytes it took.
func readNumber(b []byte) (uint32, int) {
	var v uint32
	for i, c := range b {
		if c >= endDigit {
			return v<<5 | uint32(c-endDigit), i + 1
		}
		v = v<<5 | uint32(c-moreDigit)
	}
	return v, len(b)
}

// decodeList reads a posting list back.
func decodeList(s string) []Posting {
	var ps []Posting
	var v uint32
	var nums []uint32
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= endDigit {
			nums = append(nums, v<<5|uint32(c-endDigit))
			v = 0
		} else {
			v = v<<5 | uint32(c-moreDigit)
		}
	}
	doc := int32(-1)
	for i := 0; i+1 < len(nums); i += 2 {
		doc += int32(nums[i]) + 1
		ps = append(ps, Posting{Doc: doc, Impact: int32(nums[i+1])})
	}
	return ps
}

// writeJS writes a call of the search page's registration function,
// qdSearch, with the arguments as JSON, which is JavaScript (Go escapes
// U+2028 and U+2029).
func (js *jsBufs) writeJS(w io.Writer, args ...any) error {
	j := js.get()
	defer js.put(j)
	b := &j.b
	b.WriteString("qdSearch(")
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := j.enc.Encode(a); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // the line break Encode ends with
	}
	b.WriteString(");\n")
	_, err := w.Write(b.Bytes())
	return err
}

// jsBufs keeps the buffers writeJS makes files in, for the next file (a
// new buffer for each of 10,000 articles' 5,000 document shards, grown
// through every size to 16 KB, was 74 MB of garbage).
type jsBufs struct{ pool sync.Pool }

// jsBuf is a buffer and its JSON encoder.
type jsBuf struct {
	b   bytes.Buffer
	enc *json.Encoder
}

// maxJSBuf is the largest buffer kept for the next file.
const maxJSBuf = 1 << 20

// get is an empty buffer; put gives it back.
func (js *jsBufs) get() *jsBuf {
	j, _ := js.pool.Get().(*jsBuf)
	if j == nil {
		j = &jsBuf{}
		j.enc = json.NewEncoder(&j.b)
		j.enc.SetEscapeHTML(false)
	}
	j.b.Reset()
	return j
}

func (js *jsBufs) put(j *jsBuf) {
	if j.b.Cap() <= maxJSBuf {
		js.pool.Put(j)
	}
}

// appendJSString appends s as encoding/json writes a string when it does
// not escape HTML.
func appendJSString(b []byte, s string) []byte { return jsonstr.Append(b, s, false) }

// appendJSStrings appends ss as encoding/json writes a []string: null
// when nil.
func appendJSStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, s)
	}
	return append(b, ']')
}
