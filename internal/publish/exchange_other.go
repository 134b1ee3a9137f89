//go:build !linux

package publish

import "errors"

// exchange is not to be had here: the swap takes two renames, and the next
// Begin restores the output folder should a kill fall between them.
func exchange(a, b string) error { return errors.ErrUnsupported }
