//go:build !linux

package cli

// prefault does nothing here: MADV_POPULATE_WRITE is Linux's (see
// prefault_linux.go).
func prefault() (stop func(), room func(bytes int64)) { return func() {}, func(int64) {} }
