package sheet

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
)

// closeCounter counts its Close calls.
type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadAhead(t *testing.T) {
	data := make([]byte, 5*aheadChunk+123)
	for i := range data {
		data[i] = byte(rand.N(256))
	}
	for name, r := range map[string]io.Reader{
		"whole":    bytes.NewReader(data),
		"one byte": iotest.OneByteReader(bytes.NewReader(data)),
		"halves":   iotest.HalfReader(bytes.NewReader(data)),
	} {
		src := &closeCounter{Reader: r}
		a := readAhead(src)
		got, err := io.ReadAll(iotest.HalfReader(a))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes of %d, %v", name, len(got), len(data), err)
		}
		if n, err := a.Read(make([]byte, 10)); n != 0 || err != io.EOF {
			t.Errorf("%s: read after the end: %d, %v", name, n, err)
		}
		if a.Close(); src.closed != 1 {
			t.Errorf("%s: closed %d times", name, src.closed)
		}
	}
	// An error comes after the bytes read before it.
	bad := errors.New("corrupt")
	src := &closeCounter{Reader: io.MultiReader(bytes.NewReader(data[:aheadChunk+7]), iotest.ErrReader(bad))}
	a := readAhead(src)
	got, err := io.ReadAll(a)
	if !errors.Is(err, bad) || !bytes.Equal(got, data[:aheadChunk+7]) {
		t.Errorf("got %d bytes, %v", len(got), err)
	}
	a.Close()
	// Closed before the end, it stops reading and closes its source.
	src = &closeCounter{Reader: bytes.NewReader(data)}
	a = readAhead(src)
	if _, err := a.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	if a.Close(); src.closed != 1 {
		t.Errorf("closed early: source closed %d times", src.closed)
	}
	if a.Close(); src.closed != 1 {
		t.Errorf("closed twice: source closed %d times", src.closed)
	}
}
