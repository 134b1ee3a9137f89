package publish

import (
	"bufio"
	"encoding/hex"
	"maps"
	"os"
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
		s := sums[n]
		b = append(append(append(hex.AppendEncode(b, s[:]), "  "...), n...), '\n')
	}
	return b
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
