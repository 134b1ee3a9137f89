package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// The floor: the least any generator built on goldmark does with these
// articles, on every core. Each article's folder is read, its Markdown
// (front matter cut off) converted with tables into a page with no theme,
// one file written per article, its pictures copied through memory; no
// tag, list, related article, search, picture size or check. A generator
// cannot build these articles in much less; the issue put it at 3.2 s
// for 10,000 on this machine. qingdan-bench runs it as a command of its
// own (-floor SRC OUT), timed as the generators are.

// floorFlag is the first argument that runs the floor instead of the bench.
const floorFlag = "-floor"

// floor builds the articles of the qingdan site src (content/cases) into
// out as the floor does.
func floor(src, out string) error {
	cases := filepath.Join(src, "content", "cases")
	dirs, err := os.ReadDir(cases)
	if err != nil {
		return err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	jobs := make(chan string)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var page bytes.Buffer // one buffer a core, as a generator keeps
			for name := range jobs {
				err := floorArticle(md, filepath.Join(cases, name), filepath.Join(out, "cases", name), &page)
				if err != nil {
					mu.Lock()
					first = cmp.Or(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, d := range dirs {
		if d.IsDir() {
			jobs <- d.Name()
		}
	}
	close(jobs)
	wg.Wait()
	return first
}

// floorArticle builds the article in the folder from into the folder to.
func floorArticle(md goldmark.Markdown, from, to string, page *bytes.Buffer) error {
	files, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	found := false
	for _, f := range files {
		if !f.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, f.Name()))
		if err != nil {
			return err
		}
		if f.Name() != "index.md" {
			if err := os.WriteFile(filepath.Join(to, f.Name()), b, 0o644); err != nil {
				return err
			}
			continue
		}
		found = true
		body := b
		if rest, ok := bytes.CutPrefix(b, []byte("---\n")); ok {
			if _, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
				body = after
			}
		}
		page.Reset()
		page.WriteString("<!doctype html>\n<meta charset=\"utf-8\">\n<main>\n")
		if err := md.Convert(body, page); err != nil {
			return fmt.Errorf("%s: %v", from, err)
		}
		page.WriteString("</main>\n")
		if err := os.WriteFile(filepath.Join(to, "index.html"), page.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if !found {
		return errors.New(from + ": no index.md")
	}
	return nil
}
