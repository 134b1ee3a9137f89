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
