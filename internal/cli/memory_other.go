//go:build !linux

package cli

// totalMemory is the machine's memory in bytes, 0 when unknown: only
// Linux says here.
func totalMemory() uint64 { return 0 }
