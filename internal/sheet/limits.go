package sheet

import (
	"archive/zip"
	"io"
	"os"
)

// Limits bound what one file may hold. A file over a limit is refused, or
// its reading stopped, with an *Error at the place the limit was passed,
// before the memory the rest would take is spent. A field ≤ 0 takes its
// default.
type Limits struct {
	// TextSize bounds a delimited text file, in bytes (default 1 GB: a
	// province's readings take about 400 MB). Its rows are streamed; what
	// the caller keeps of them is what grows with the file.
	TextSize int64
	// WorkbookSize bounds a workbook file, in bytes (default 64 MB). Its
	// parts may unzip to UnzipFactor times as much. Its sheet is streamed;
	// its shared strings are kept in memory. When excelize reads it (to
	// find a formula) parts over WorkbookSize (at most 16 MB) are unzipped
	// to temporary files rather than kept in memory.
	WorkbookSize int64
	// CellSize bounds the text of one cell, in bytes of UTF-8 (default
	// 64 KB). A record of delimited text, which is held in memory whole
	// while it is parsed, may be RowFactor times as long.
	CellSize int64
	// Rows bounds the rows read, blank ones not counted (default
	// 20,000,000).
	Rows int64
}

// The defaults of Limits and the multiples derived from them.
const (
	DefaultTextSize     = 1 << 30
	DefaultWorkbookSize = 64 << 20
	DefaultCellSize     = 64 << 10
	DefaultRows         = 20_000_000

	// UnzipFactor is how many times its file size a workbook may unzip to:
	// enough for sheets of numbers, which compress well, and far below
	// what a zip bomb unzips to.
	UnzipFactor = 8
	// RowFactor is how many times the cell limit a record of delimited
	// text may take.
	RowFactor = 32
)

// resolved gives every unset field its default.
func (lim Limits) resolved() Limits {
	set := func(v *int64, def int64) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&lim.TextSize, DefaultTextSize)
	set(&lim.WorkbookSize, DefaultWorkbookSize)
	set(&lim.CellSize, DefaultCellSize)
	set(&lim.Rows, DefaultRows)
	return lim
}

// unzipLimit is how much a workbook may unzip to.
func (lim Limits) unzipLimit() int64 { return UnzipFactor * lim.WorkbookSize }

// xmlLimit is the size over which excelize unzips a part to a temporary
// file rather than into memory.
func (lim Limits) xmlLimit() int64 { return min(16<<20, lim.WorkbookSize) }

// rowLimit is how long a record of delimited text may be, in bytes.
func (lim Limits) rowLimit() int64 { return RowFactor * lim.CellSize }

// checkSize refuses a file of size bytes over limit.
func checkSize(name string, size, limit int64) error {
	if size > limit {
		return &Error{File: name, Kind: FileTooLarge, Size: size, Limit: limit}
	}
	return nil
}

// checkUnzip refuses a workbook whose parts unzip to more than the limit,
// as its zip directory says (archive/zip fails a part that unzips to more
// than the directory says). A file that is not a zip is left to excelize.
func (lim Limits) checkUnzip(name string, zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		if total += min(f.UncompressedSize64, 1<<50); total > 1<<62 {
			break
		}
	}
	if total > uint64(lim.unzipLimit()) {
		return &Error{File: name, Kind: UnzipTooLarge, Size: int64(total), Limit: lim.unzipLimit()}
	}
	return nil
}

// checkUnzipFile is checkUnzip for the workbook at path.
func (lim Limits) checkUnzipFile(name, path string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil
	}
	defer zr.Close()
	return lim.checkUnzip(name, &zr.Reader)
}

// remaining is how many bytes rs holds from its current offset on; it
// leaves the offset where it was.
func remaining(rs io.Seeker) (int64, error) {
	cur, err := rs.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	end, err := rs.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, err
	}
	if _, err := rs.Seek(cur, io.SeekStart); err != nil {
		return 0, err
	}
	return end - cur, nil
}

// fileSize is the size of the file at path.
func fileSize(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
