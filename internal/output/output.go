// Package output names what every output producer makes: files, each with
// its site-relative name and a function that writes its bytes. The
// producers live below it (page, feed, sitemap, search, opendata, static);
// render puts them together into a site.
package output

import (
	"encoding/xml"
	"io"
	"os"
)

// File is one file of the site, made when it is written.
type File struct {
	Name  string                  // the site-relative path, as routes gives it
	Write func(w io.Writer) error // writes the file's bytes
	// Stream marks a file that may be too large to hold in memory (open
	// data at province scale): it is written as it is made.
	Stream bool
	// Reuse marks a file whose name stands for its bytes (a picture's
	// smaller copy, named by the picture's content): a writer that still
	// holds the file of that name from the output it replaces may keep
	// that one, and not make it again.
	Reuse bool
	// Early marks a file that takes long to make, alone or with what it
	// shares with other files (the search index its shards come from): a
	// build starts it before the others, so that no core waits for it at
	// the end.
	Early bool
	// Peak marks a file made from what a build holds the most of at once
	// (the search index's files: the index and the pages' text it is made
	// from, beside every document's HTML); it is marked Early too. A build
	// lets its heap grow less far until the last of them is written, and
	// no longer: the workbook, Early as well, may take a province's build
	// another 25 s, with the index long let go.
	Peak bool
	// From is the file on disk this one is a copy of, byte for byte (a
	// static file, a picture next to an article); "" for a file made. A
	// build that finds the output it replaces holding the copy it made of
	// the same size and modification time links that instead of reading
	// the file again (see publish.Tx.Copied). For a file marked Reuse it
	// is where an earlier build kept it (a picture's smaller copy): copied
	// from there when the record of the site's files knows that file as
	// it is now, else written by Write, as a file made.
	From string
	// FromInfo is From's Lstat as the build found it, when it has one
	// (not looked up again).
	FromInfo os.FileInfo
	// Done, when not nil, is called by a build once the file is written
	// (never by serve, which makes a file each time it is asked for).
	Done func()
}

// Bytes is a file whose bytes are known.
func Bytes(name string, b []byte) File {
	return File{Name: name, Write: func(w io.Writer) error { _, err := w.Write(b); return err }}
}

// Writer receives the files of a build.
type Writer interface {
	Write(name string, data []byte) error
	Create(name string) (io.WriteCloser, error)
}

// XML writes v as an indented XML document.
func XML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
