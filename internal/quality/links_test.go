package quality

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLinks crawls the demo build from index.html, served from the server's
// root and from a sub-path as an intranet admin might host it, and reports
// every link, image, script, style sheet or fragment that leads nowhere, and
// every file the home page does not lead to.
func TestLinks(t *testing.T) {
	t.Parallel()
	out := demo(t, false)
	for _, mount := range []string{"/", "/dangjian/"} {
		t.Run(strings.Trim(mount, "/")+"/", func(t *testing.T) {
			c := crawlServed(t, out, mount)
			report(t, "broken links", c.problems(), 40)
			report(t, "orphans", c.orphans(files(t, out), publishedOnly), 40)
		})
	}
}

// TestLinksFiles crawls a Files build as a browser reads it from disk
// (file://): every link resolves on the file system, and a link to a folder
// is broken there, for no index.html is served for it.
func TestLinksFiles(t *testing.T) {
	t.Parallel()
	out := demo(t, true)
	c := crawlDisk(t, out)
	report(t, "broken links", c.problems(), 40)
	report(t, "orphans", c.orphans(files(t, out), publishedOnly), 40)
}

// publishedOnly names the files of a build that no page needs to link to:
// the not-found page, the open data (the footer links some of it; the rest
// is for scripts), the search index's shards (the search page's script
// loads those its query needs), and the files for machines.
func publishedOnly(name string) bool {
	switch name {
	case "404.html", "sitemap.xml", "robots.txt", "manifest.sha256":
		return true
	}
	return strings.HasPrefix(name, "data/") || strings.HasPrefix(name, "search/d/") || strings.HasPrefix(name, "search/t/")
}

// crawlServed serves dir at mount ("/" or "/sub/") and nowhere else, so that
// a link that climbs out of the sub-path gets a 404, and crawls it.
func crawlServed(t *testing.T, dir, mount string) *crawl {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle(mount, http.StripPrefix(strings.TrimSuffix(mount, "/"), http.FileServer(http.Dir(dir))))
	ts := httptest.NewServer(mux)
	defer ts.Close()
	root, _ := url.Parse(ts.URL + mount)
	client := ts.Client()
	c := newCrawl(root, false, func(u *url.URL) (*resource, error) {
		resp, err := client.Get(u.String())
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, errors.New(resp.Status)
		}
		name, ok := sitePath(root, resp.Request.URL)
		if !ok {
			return nil, fmt.Errorf("redirected out of the site to %s", resp.Request.URL)
		}
		ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		return &resource{url: resp.Request.URL, name: name, ctype: ctype, body: body}, nil
	})
	c.run(t)
	return c
}

// crawlDisk crawls the site in dir as file:// URLs.
func crawlDisk(t *testing.T, dir string) *crawl {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}
	c := newCrawl(root, true, func(u *url.URL) (*resource, error) {
		name, ok := sitePath(root, u)
		if !ok {
			return nil, errors.New("outside the site")
		}
		p := filepath.FromSlash(u.Path)
		fi, err := os.Stat(p)
		if err != nil {
			return nil, errors.New("no such file")
		}
		if fi.IsDir() {
			return nil, errors.New("a folder: from disk, a browser shows no index.html for it")
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		ctype, _, _ := mime.ParseMediaType(mime.TypeByExtension(path.Ext(name)))
		return &resource{url: u, name: name, ctype: ctype, body: body}, nil
	})
	c.run(t)
	return c
}

// resource is one file of the site as the crawl got it.
type resource struct {
	url   *url.URL // where it came from, after any redirect: the base of its links
	name  string   // its path under the site's root, "projects/index.html"
	ctype string   // media type, without parameters
	body  []byte
	ids   map[string]bool // of an HTML page: every id, and every <a name>
}

// A crawl follows every internal link from the home page (and the
// not-found page, whose links matter too) and records what it found.
type crawl struct {
	root  *url.URL // the site's root, ending in "/"
	files bool     // read from disk: a link must name a file, never a folder
	get   func(*url.URL) (*resource, error)

	got    map[string]*resource // by URL without query and fragment
	errs   map[string]error     // the same, for those that failed
	reach  map[string]bool      // names of the files reached
	links  []link
	issues []issue
}

// link is one reference found in a file.
type link struct {
	from, attr, raw string // where, which attribute, as written
	to              *url.URL
}

// issue is one problem with a link.
type issue struct {
	link
	why string
}

func newCrawl(root *url.URL, files bool, get func(*url.URL) (*resource, error)) *crawl {
	return &crawl{root: root, files: files, get: get,
		got: map[string]*resource{}, errs: map[string]error{}, reach: map[string]bool{}}
}

// sitePath returns the file u names under the site's root (a folder's
// index.html for a folder), and whether u is inside the site at all.
func sitePath(root, u *url.URL) (string, bool) {
	if u.Scheme != root.Scheme || u.Host != root.Host || !strings.HasPrefix(u.Path, root.Path) {
		return "", false
	}
	name := strings.TrimPrefix(u.Path, root.Path)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// key is u without its query and fragment: the file a request gets.
func key(u *url.URL) string {
	v := *u
	v.RawQuery, v.Fragment, v.RawFragment, v.ForceQuery = "", "", "", false
	return v.String()
}

func (c *crawl) run(t *testing.T) {
	t.Helper()
	queue := []*url.URL{c.root.ResolveReference(&url.URL{Path: "index.html"}), c.root.ResolveReference(&url.URL{Path: "404.html"})}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		k := key(u)
		if _, ok := c.got[k]; ok {
			continue
		}
		if _, ok := c.errs[k]; ok {
			continue
		}
		r, err := c.get(u)
		if err != nil {
			c.errs[k] = err
			continue
		}
		c.got[k] = r
		c.reach[r.name] = true
		for _, l := range c.scan(r) {
			if next := c.check(l); next != nil {
				queue = append(queue, next)
			}
		}
	}
	if len(c.got) == 0 {
		t.Fatalf("the crawl of %s got nothing: %v", c.root, c.errs)
	}
	// Now every target is known: the links to a failed one, and the
	// fragments.
	for _, l := range c.links {
		k := key(l.to)
		if err := c.errs[k]; err != nil {
			c.issues = append(c.issues, issue{l, err.Error()})
			continue
		}
		frag := l.to.Fragment
		if frag == "" {
			continue
		}
		r := c.got[k]
		if r.ids == nil {
			c.issues = append(c.issues, issue{l, fmt.Sprintf("a fragment #%s on a file that is no HTML page", frag)})
		} else if !r.ids[frag] {
			c.issues = append(c.issues, issue{l, fmt.Sprintf("%s has no element with id %q", r.name, frag)})
		}
	}
}

// check records l and returns the URL to fetch for it, or nil when there is
// nothing to fetch: a link out of the site, or a broken one.
func (c *crawl) check(l link) *url.URL {
	u := l.to
	switch u.Scheme {
	case "http", "https", "file":
	default:
		return nil // mailto:, tel:, data:, javascript: ...
	}
	if u.Scheme != c.root.Scheme || u.Host != c.root.Host {
		if l.attr != "a href" && l.attr != "area href" && l.attr != "form action" {
			c.issues = append(c.issues, issue{l, "loads a file from another host"})
		}
		return nil // a link to another site: not ours to check
	}
	if !strings.HasPrefix(u.Path, c.root.Path) {
		c.issues = append(c.issues, issue{l, "leads outside the site's folder: it works only when the site is served from /"})
		return nil
	}
	if c.files && strings.HasSuffix(u.Path, "/") {
		c.issues = append(c.issues, issue{l, "names a folder: opened from disk, a browser shows no index.html for it"})
		return nil
	}
	c.links = append(c.links, l)
	return u
}

// scan returns the links in a file the crawl got.
func (c *crawl) scan(r *resource) []link {
	u := r.url
	var found []link
	add := func(base *url.URL, attr, raw string) {
		ref, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			c.issues = append(c.issues, issue{link{from: r.name, attr: attr, raw: raw}, "not a URL: " + err.Error()})
			return
		}
		found = append(found, link{from: r.name, attr: attr, raw: raw, to: base.ResolveReference(ref)})
	}
	switch {
	case r.ctype == "text/html":
		r.ids = map[string]bool{}
		for _, l := range scanHTML(r.body, r.ids) {
			add(u, l[0], l[1])
		}
	case r.ctype == "text/css":
		for _, raw := range cssURLs(r.body) {
			add(u, "css url", raw)
		}
	case strings.HasSuffix(r.ctype, "xml"):
		if err := wellFormed(r.body); err != nil {
			c.issues = append(c.issues, issue{link{from: r.name, attr: "xml", raw: r.name, to: u}, "not well-formed XML: " + err.Error()})
		}
	case r.name == "search/index.js":
		// The search page links its results from the site's root; in a
		// Files build it adds index.html, as qingdan.js does.
		for _, raw := range searchURLs(r.body) {
			if c.files {
				raw = filesURL(raw)
			}
			add(c.root, "search result", raw)
		}
	}
	return found
}

// linkAttrs names, per element, the attributes that hold a URL.
var linkAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"}, "base": {"href"},
	"script": {"src"}, "img": {"src", "srcset"}, "source": {"src", "srcset"},
	"iframe": {"src"}, "embed": {"src"}, "object": {"data"}, "track": {"src"},
	"video": {"src", "poster"}, "audio": {"src"}, "input": {"src"}, "form": {"action"},
	"image": {"href", "xlink:href"}, "use": {"href", "xlink:href"},
}

// scanHTML returns the URLs in a page, as pairs of "element attribute" and
// the URL as written (style sheets and style attributes included), and puts
// every id and <a name> of the page into ids.
func scanHTML(body []byte, ids map[string]bool) [][2]string {
	var found [][2]string
	z := html.NewTokenizer(bytes.NewReader(body))
	inStyle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return found
		case html.TextToken:
			if inStyle {
				for _, u := range cssURLs(z.Text()) {
					found = append(found, [2]string{"style url", u})
				}
			}
		case html.EndTagToken:
			inStyle = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			tag := tok.Data
			inStyle = tag == "style"
			for _, a := range tok.Attr {
				name := a.Key
				if a.Namespace != "" {
					name = a.Namespace + ":" + a.Key
				}
				switch {
				case name == "id", tag == "a" && name == "name":
					ids[a.Val] = true
				case name == "style":
					for _, u := range cssURLs([]byte(a.Val)) {
						found = append(found, [2]string{"style url", u})
					}
				}
				if !slices.Contains(linkAttrs[tag], name) || (name == "action" && a.Val == "") {
					continue
				}
				if name == "srcset" {
					for _, cand := range strings.Split(a.Val, ",") {
						if f := strings.Fields(cand); len(f) > 0 {
							found = append(found, [2]string{tag + " srcset", f[0]})
						}
					}
					continue
				}
				found = append(found, [2]string{tag + " " + name, a.Val})
			}
		}
	}
}

var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssURLs returns the URLs in a style sheet: url(...) and @import.
func cssURLs(css []byte) []string {
	var urls []string
	for _, m := range cssURL.FindAllSubmatch(css, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 {
				urls = append(urls, string(g))
			}
		}
	}
	return urls
}

var searchURL = regexp.MustCompile(`"u":("(?:[^"\\]|\\.)*")`)

// searchURLs returns the result URLs of the search index, search/index.js.
func searchURLs(js []byte) []string {
	var urls []string
	for _, m := range searchURL.FindAllSubmatch(js, -1) {
		var s string
		if err := json.Unmarshal(m[1], &s); err == nil {
			urls = append(urls, s)
		}
	}
	return urls
}

// filesURL is what qingdan.js makes of a search result's URL in a Files
// build: the folder's index.html.
func filesURL(u string) string {
	if i := strings.Index(u, "/#"); i >= 0 {
		return u[:i] + "/index.html" + u[i+1:]
	}
	if strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// wellFormed reads an XML document to its end.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// problems gives the crawl's issues, one line per broken target and reason:
// a footer link broken on every page is one line, not three hundred.
func (c *crawl) problems() []string {
	type group struct {
		first issue
		pages []string
	}
	groups := map[string]*group{}
	for _, is := range c.issues {
		k := is.why + "\x00" + is.attr + "\x00" + is.raw
		if is.to != nil {
			k = is.why + "\x00" + is.attr + "\x00" + key(is.to) + "#" + is.to.Fragment
		}
		g := groups[k]
		if g == nil {
			g = &group{first: is}
			groups[k] = g
		}
		if !slices.Contains(g.pages, is.from) {
			g.pages = append(g.pages, is.from)
		}
	}
	var lines []string
	for _, g := range groups {
		where := g.pages[0]
		if n := len(g.pages); n > 1 {
			where = fmt.Sprintf("%s and %d more pages", where, n-1)
		}
		lines = append(lines, fmt.Sprintf("%s: %s %q: %s", where, g.first.attr, g.first.raw, g.first.why))
	}
	slices.Sort(lines)
	return lines
}

// orphans lists the files of the site that the crawl did not reach, but
// for those that allowed says need no link.
func (c *crawl) orphans(all []string, allowed func(string) bool) []string {
	var lines []string
	for _, name := range all {
		if !c.reach[name] && !allowed(name) {
			lines = append(lines, name+": no link leads to it from index.html")
		}
	}
	return lines
}
