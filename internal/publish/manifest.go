package publish

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Manifest is manifest.sha256 over the files summed, in the format
// sha256sum -c reads, sorted by name.
func Manifest(sums map[string][32]byte) []byte {
	names := slices.Sorted(maps.Keys(sums))
	b := make([]byte, 0, len(names)*100)
	for _, n := range names {
		b = appendSum(b, sums[n], n)
	}
	return b
}

// appendSum appends the manifest's line for file name, of SHA-256 s.
func appendSum(b []byte, s [32]byte, name string) []byte {
	return append(append(append(hex.AppendEncode(b, s[:]), "  "...), name...), '\n')
}

// Verify checks the output folder out against its manifest, as
// sha256sum -c does: every file it lists holds the bytes it was summed
// over. It returns how many files the manifest lists.
func Verify(out string) (int, error) {
	sums, _ := readManifest(filepath.Join(out, Marker))
	if sums == nil {
		return 0, fmt.Errorf("%s: no %s, or one that does not read", out, Marker)
	}
	for _, name := range slices.Sorted(maps.Keys(sums)) {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			return 0, err
		}
		if sha256.Sum256(b) != sums[name] {
			return 0, fmt.Errorf("%s: does not match the manifest", name)
		}
	}
	return len(sums), nil
}

// readManifest reads a manifest.sha256: each file's sum, and when the
// manifest was written. Nil when there is none, or it does not read.
func readManifest(p string) (map[string][32]byte, time.Time) {
	f, err := os.Open(p)
	if err != nil {
		return nil, time.Time{}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}
	}
	sums := map[string][32]byte{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		var b [32]byte
		if n, err := hex.Decode(b[:], []byte(sum)); !ok || err != nil || n != 32 {
			return nil, time.Time{}
		}
		sums[name] = b
	}
	if sc.Err() != nil {
		return nil, time.Time{}
	}
	return sums, fi.ModTime()
}

// fileSum is a file's SHA-256, once it is known.
type fileSum struct {
	sum   [32]byte
	known bool
}

// sum notes the SHA-256 of the file local numbered at. A map by name cost
// more: a province's 1.2 million names, each hashed, compared and kept
// twice over as the map grew.
func (t *Tx) sum(at int, s [32]byte) {
	t.mu.Lock()
	t.sums[at] = fileSum{s, true}
	t.mu.Unlock()
}

// summed is the files' names sorted, each once, and by each the sum noted
// last for it (not known when none was); t.mu is held. A name is noted
// twice when a file first kept or copied, which failed after its name was
// noted, is then written.
func (t *Tx) summed() ([]string, []fileSum) {
	type noted struct {
		name string
		at   int
	}
	order := make([]noted, len(t.files))
	for i, n := range t.files {
		order[i] = noted{n, i}
	}
	slices.SortFunc(order, func(a, b noted) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return a.at - b.at
	})
	names := make([]string, 0, len(order))
	sums := make([]fileSum, 0, len(order))
	for _, o := range order {
		s := t.sums[o.at]
		if k := len(names) - 1; k >= 0 && names[k] == o.name {
			if s.known {
				sums[k] = s
			}
			continue
		}
		names, sums = append(names, o.name), append(sums, s)
	}
	return names, sums
}
