package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// saves is how many changes a serve measurement saves, one after another.
const saves = 7

// change is one saved change of a site's source for serve to pick up: the
// file and its new text, the page that shows it, and a mark only the
// changed page holds.
type change struct {
	file, text, page, mark string
}

// serve measures qingdan serve on src as its editor uses it: it starts the
// preview, opens the page, then saves each change edits makes of src in
// turn and times how long the browser waits from the save to holding the
// changed page: the reload event, then the page, which serve renders when
// it is asked for. It returns the median, and puts the source back as it
// was.
func (b *bench) serve(src string, edits func(string) ([]change, error)) (time.Duration, error) {
	changes, err := edits(src)
	if err != nil {
		return 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	origin := map[string][]byte{}
	for _, c := range changes {
		if _, ok := origin[c.file]; !ok {
			if origin[c.file], err = os.ReadFile(c.file); err != nil {
				return 0, err
			}
		}
	}
	defer func() {
		for f, text := range origin {
			os.WriteFile(f, text, 0o644)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cmd := exec.CommandContext(ctx, b.bin, "serve", "-s", src, "--port", strconv.Itoa(port))
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 10 * time.Second
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer cmd.Wait()
	defer cancel()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	events, err := listen(ctx, base+"/__qingdan/events", 10*time.Minute)
	if err != nil {
		return 0, fmt.Errorf("serve did not answer: %v\n%s", err, tail(log.String()))
	}
	if _, err := get(base + "/" + changes[0].page); err != nil {
		return 0, err
	}
	var took []time.Duration
	for _, c := range changes {
		time.Sleep(300 * time.Millisecond) // an editor's saves are apart
		drain(events)                      // a large file's save can make two rebuilds
		t0 := time.Now()
		if err := os.WriteFile(c.file, []byte(c.text), 0o644); err != nil {
			return 0, err
		}
		// Until the page shows the change: the browser reloads on every
		// reload event, and the first may come from a rebuild that began
		// while the file was still being written.
		for {
			if err := await(events, "reload", 60*time.Second); err != nil {
				return 0, fmt.Errorf("%s: %v (the page does not show %q)\n%s", c.file, err, c.mark, tail(log.String()))
			}
			page, err := get(base + "/" + c.page)
			if err != nil {
				return 0, err
			}
			if strings.Contains(page, c.mark) {
				break
			}
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	return took[len(took)/2], nil
}

// listen opens the preview's event stream, trying until it answers.
func listen(ctx context.Context, url string, wait time.Duration) (<-chan string, error) {
	deadline := time.Now().Add(wait)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil && resp.StatusCode == 200 {
			events := make(chan string, 16)
			go func() {
				defer resp.Body.Close()
				defer close(events)
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
					if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok && name != "hello" {
						events <- name
					}
				}
			}()
			return events, nil
		}
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("%s", resp.Status)
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// await waits for the event named want; any other is an error.
func await(events <-chan string, want string, wait time.Duration) error {
	select {
	case name, ok := <-events:
		if !ok {
			return fmt.Errorf("the event stream ended")
		}
		if name != want {
			return fmt.Errorf("event %q, not %q", name, want)
		}
		return nil
	case <-time.After(wait):
		return fmt.Errorf("no %q event within %v", want, wait)
	}
}

// drain takes the events already sent.
func drain(events <-chan string) {
	for {
		select {
		case <-events:
		default:
			return
		}
	}
}

func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return "", fmt.Errorf("%s: %s", url, resp.Status)
	}
	return string(b), err
}

// articleEdits are an editor's saves of one article: a new sentence each.
func articleEdits(src string) ([]change, error) {
	dirs, err := filepath.Glob(filepath.Join(src, "content", "cases", "*", "index.md"))
	if err != nil || len(dirs) == 0 {
		return nil, fmt.Errorf("no article in %s", src)
	}
	slices.Sort(dirs)
	file := dirs[len(dirs)/2]
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	page := "cases/" + filepath.Base(filepath.Dir(file)) + "/"
	var cs []change
	for i := range saves {
		mark := fmt.Sprintf("编辑第%d次保存的句子。", i+1)
		cs = append(cs, change{file, string(text) + "\n" + mark + "\n", page, mark})
	}
	return cs, nil
}

// readingEdits are a clerk's corrections of one reading in
// data/progress.csv: its value and its note.
func readingEdits(src string) ([]change, error) {
	file := filepath.Join(src, "data", "progress.csv")
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	head, rest, _ := strings.Cut(string(text), "\n")
	first, rest, _ := strings.Cut(rest, "\n")
	if head != "project,date,value,note" {
		return nil, fmt.Errorf("%s: columns %q", file, head)
	}
	f := strings.Split(first, ",")
	if len(f) != 4 {
		return nil, fmt.Errorf("%s:2: %q", file, first)
	}
	var cs []change
	for i := range saves {
		mark := fmt.Sprintf("第%d次更正", i+1)
		row := strings.Join([]string{f[0], f[1], strconv.Itoa(i % 2), mark}, ",")
		cs = append(cs, change{file, head + "\n" + row + "\n" + rest, "projects/" + f[0] + "/", mark})
	}
	return cs, nil
}

// serveArticle measures serve on the articles: an article saved.
func (b *bench) serveArticle(src string, count int, ok *bool) error {
	took, err := b.serve(src, articleEdits)
	if err != nil {
		return err
	}
	if count == 10000 {
		b.verdict("serve: article saved → page, ms", float64(took.Milliseconds()), 100, ok)
	} else {
		fmt.Fprintf(b.out, "  serve: article saved → page   %d ms\n", took.Milliseconds())
	}
	return nil
}
