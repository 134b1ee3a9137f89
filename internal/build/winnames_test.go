package build

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// Windows, tested on Linux: a site built here is often copied to a Windows
// PC or file server, so check refuses the names that cannot exist there;
// a site written on Windows (CRLF, backslashes) builds here the same.

// checkLines checks s and returns its messages, one a line, in English.
func checkLines(t *testing.T, s site) string {
	t.Helper()
	r := Check(Options{Src: s.write(t)})
	var b strings.Builder
	r.Diags.Print(&b, "en")
	return b.String()
}

func TestWindowsNames(t *testing.T) {
	s := site{}
	maps.Copy(s, plain)
	s["data/orgs.csv"] += "con,设备名党支部,community,gaoming,李四,10,,,,\n"
	s["data/projects.csv"] += "nul,con,,空设备,基层治理,李四,2022-01-01,2022-12-31,次数,次,0,10,\n" +
		"p-" + strings.Repeat("x", 200) + ",con,,很长的编号,基层治理,李四,2022-01-01,2022-12-31,次数,次,0,10,\n"
	s["content/cases/aux.md"] = "---\ntitle: 设备\ndate: 2022-06-01\ntags: [COM1, 好标签, Lpt¹]\n---\n正文。\n"
	s["content/cases/visit/index.md"] = "---\ntitle: 走访\ndate: 2022-06-02\ncolumn: 基层实践\n---\n![走访](prn.svg)\n"
	s["content/cases/visit/prn.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`
	s["content/pages/ok.md"] = "---\ntitle: 关于\nslug: conin\n---\n正文。\n"
	dir60 := strings.Repeat("长", 60) // 180 bytes: Linux allows 255 a name
	deep := dir60 + "/" + dir60 + "/" + dir60 + "/"
	for _, name := range []string{
		"Logo.png", "logo.png", // one file on Windows
		"notes:2022.txt",          // a colon
		"draft.", "folder /a.png", // a trailing dot, a folder with a trailing space
		"lpt1.txt", "Nul/readme.txt", // devices, with an extension or as a folder
		"Projects/x.png",                        // the generated projects/ folder, by case alone
		"orgs/Wenyuan/badge.png",                // an org's folder, by case alone
		deep + strings.Repeat("长", 12) + ".png", // 199 characters: fine
		deep + strings.Repeat("长", 14) + ".png", // 201: warned
		"images/fine.png",
	} {
		s["static/"+name] = "x"
	}
	got := checkLines(t, s)
	long := "p-" + strings.Repeat("x", 200)
	for _, want := range []string{
		`data/orgs.csv:6: id "con" is the Windows device name CON, so orgs/con/index.html could not be copied to a Windows PC or file server: rename it`,
		`data/projects.csv:6: id "nul" is the Windows device name NUL, so projects/nul/index.html could not be copied`,
		`data/projects.csv:7: warning: the output path projects/` + long + `/index.html is 222 characters long (over 200)`,
		`content/cases/aux.md: slug "aux" is the Windows device name AUX, so cases/aux/index.html could not be copied`,
		`content/cases/aux.md:4: tag "COM1" is the Windows device name COM1, so tags/com1/index.html could not be copied`,
		`content/cases/visit/prn.svg: file name "prn.svg" is the Windows device name PRN, so cases/visit/prn.svg could not be copied`,
		`content/pages/ok.md:3: slug "conin" `, // not a device: CONIN$ is
		`static/logo.png: file name "logo.png" differs from Logo.png only in letter case, which Windows does not tell apart`,
		`static/notes:2022.txt: file name "notes:2022.txt" holds ":", which Windows does not allow in a name`,
		`static/draft.: file name "draft." ends in a dot or a space, which Windows drops`,
		`static/folder /a.png: folder name "folder " ends in a dot or a space`,
		`static/lpt1.txt: file name "lpt1.txt" is the Windows device name LPT1, so lpt1.txt could not be copied`,
		`static/Nul/readme.txt: folder name "Nul" is the Windows device name NUL`,
		`static/Projects/x.png: folder name "Projects" differs from projects only in letter case`,
		`static/orgs/Wenyuan/badge.png: folder name "orgs/Wenyuan" differs from orgs/wenyuan/ only in letter case`,
		`static/` + deep + strings.Repeat("长", 14) + `.png: warning: the output path ` + deep + strings.Repeat("长", 14) + `.png is 201 characters long (over 200)`,
	} {
		if strings.HasSuffix(want, `slug "conin" `) {
			if strings.Contains(got, want) {
				t.Errorf("conin is not a device name, yet:\n%s", got)
			}
			continue
		}
		if !strings.Contains(got, want) {
			t.Errorf("missing:\n  %s\ngot:\n%s", want, got)
		}
	}
	for _, fine := range []string{"好标签", "Lpt¹", "images/fine.png", "/" + strings.Repeat("长", 12) + ".png"} {
		if fine == "Lpt¹" { // slug.Of drops the superscript: tags/lpt/ is fine
			fine = `"Lpt¹"`
		}
		if strings.Contains(got, fine) {
			t.Errorf("%s was reported:\n%s", fine, got)
		}
	}
	// Each problem is said once, where it is named.
	if n := strings.Count(got, "Logo.png only in letter case"); n != 1 {
		t.Errorf("the case clash is reported %d times", n)
	}
	if r := Check(Options{Src: s.write(t)}); r.Site != nil {
		t.Error("check passed a site that Windows cannot hold")
	}
}

// TestWindowsNamesClean: the demo-like sites report nothing about Windows.
func TestWindowsNamesClean(t *testing.T) {
	for _, src := range []string{plain.write(t), fromTxtar(t, "testdata/golden/small.txtar"), "../.."} {
		r := Check(Options{Src: src})
		var b strings.Builder
		r.Diags.Print(&b, "en")
		if regexp.MustCompile(`Windows|letter case|characters long`).MatchString(b.String()) {
			t.Errorf("%s:\n%s", src, &b)
		}
	}
}

func TestWinDevice(t *testing.T) {
	for name, want := range map[string]string{
		"con": "CON", "CON": "CON", "Con.html": "CON", "nul.tar.gz": "NUL", "aux ": "AUX", "aux .txt": "AUX",
		"com1": "COM1", "COM9.log": "COM9", "lpt0": "LPT0", "com²": "COM²", "conin$": "CONIN$", "CONOUT$.x": "CONOUT$",
		"cons": "", "icon": "", "com": "", "com10": "", "lpt": "", "conin": "", "nul-1": "", "": "", "console.log": "",
	} {
		if got := winDevice(name); got != want {
			t.Errorf("winDevice(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestCRLFEverywhere: a site whose every source file has Windows line ends
// (qingdan.toml, the CSVs, Markdown with YAML and TOML front matter) builds
// byte-identical to the same site with LF. (Layouts and static files are
// published as written, line ends included.)
func TestCRLFEverywhere(t *testing.T) {
	a, err := txtar.ParseFile("testdata/golden/small.txtar")
	if err != nil {
		t.Fatal(err)
	}
	lf, crlf := site{}, site{}
	for _, f := range a.Files {
		lf[f.Name] = string(f.Data)
		body := string(f.Data)
		if strings.HasSuffix(f.Name, ".toml") || strings.HasSuffix(f.Name, ".csv") || strings.HasSuffix(f.Name, ".md") {
			body = strings.ReplaceAll(body, "\n", "\r\n")
		}
		crlf[f.Name] = body
	}
	want := buildOK(t, lf.write(t), Options{})
	got := buildOK(t, crlf.write(t), Options{})
	var diff []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if string(want[name]) != string(got[name]) {
			diff = append(diff, name)
		}
	}
	if len(diff) > 0 || len(got) != len(want) {
		t.Errorf("CRLF changes %d of %d files: %v", len(diff), len(want), diff)
	}
}

// TestWindowsPaths: what a clerk on Windows writes with backslashes
// (pictures in Markdown) builds the same on Linux, and a site in a folder
// whose path is long, deep and Chinese builds.
func TestWindowsPaths(t *testing.T) {
	s := site{}
	maps.Copy(s, plain)
	s["content/cases/visit/index.md"] = "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](img\\photo.svg)\n"
	s["content/cases/visit/img/photo.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`
	got := buildOK(t, s.write(t), Options{})
	if _, ok := got["cases/visit/img/photo.svg"]; !ok {
		t.Errorf("img\\photo.svg was not published as cases/visit/img/photo.svg")
	}

	deep := t.TempDir()
	for range 12 {
		deep = filepath.Join(deep, "党建工作资料汇编第二批")
	}
	src := filepath.Join(deep, "站点")
	for name, body := range plain {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if len(src) < 260 {
		t.Fatalf("the path is only %d bytes", len(src))
	}
	r, err := Run(Options{Src: src})
	if err != nil || r.Diags.Errors() > 0 {
		t.Fatalf("a site under a long path: %v %v", err, r.Diags.Sorted())
	}
	if _, err := os.Stat(filepath.Join(src, "public", "manifest.sha256")); err != nil {
		t.Error(err)
	}
}

// TestWindowsNamesRebuilt: serve's builder skips the check of names while
// they are the ones it last found clean, and checks again, reporting
// alike, as soon as one changes: a picture's name, a slug, a static file.
func TestWindowsNamesRebuilt(t *testing.T) {
	src := plain.write(t)
	b := NewBuilder()
	lines := func() string {
		t.Helper()
		var s strings.Builder
		b.Check(Options{Src: src}).Diags.Print(&s, "en")
		return s.String()
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := lines(); strings.Contains(got, "Windows") {
		t.Fatalf("the plain site: %s", got)
	}
	write("content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](a.svg)\n")
	write("content/cases/visit/a.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)
	if got := lines(); strings.Contains(got, "Windows") {
		t.Fatalf("a clean picture: %s", got)
	}
	for _, step := range []struct{ file, text, want string }{
		{"content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](a.svg)\n\n又一段。\n", ""},
		{"content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](prn.svg)\n", `content/cases/visit/prn.svg: file name "prn.svg" is the Windows device name PRN`},
		{"content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](a.svg)\n", ""},
		{"content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\nslug: aux\n---\n![走访](a.svg)\n", `slug "aux" is the Windows device name AUX`},
		{"content/cases/visit/index.md", "---\ntitle: 走访\ndate: 2022-06-02\n---\n![走访](a.svg)\n", ""},
		{"static/Lpt1.txt", "x", `static/Lpt1.txt: file name "Lpt1.txt" is the Windows device name LPT1`},
	} {
		if step.file == "content/cases/visit/index.md" && strings.Contains(step.text, "prn.svg") {
			write("content/cases/visit/prn.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)
		}
		write(step.file, step.text)
		got := lines()
		if step.want == "" && strings.Contains(got, "Windows") {
			t.Errorf("after %q: %s", step.text, got)
		}
		if step.want != "" && !strings.Contains(got, step.want) {
			t.Errorf("after %q in %s: want %s\ngot:\n%s", step.text, step.file, step.want, got)
		}
	}
}

// TestNamesKnownAgain: told what changed, serve's builder knows the names
// it last found clean from the documents' front matter without hashing
// them: a body edit checks no name; a slug, a tag or a picture's name
// checks them all again, and a name that was refused is refused again
// until it is fixed, whatever else is edited.
func TestNamesKnownAgain(t *testing.T) {
	src := plain.write(t)
	b := NewBuilder()
	long := strings.Repeat("党", 60) // 60 syllables of pinyin: over 255 bytes
	article := func(slug, tags, body string) string {
		return "---\ntitle: 走访\ndate: 2022-06-02\nslug: " + slug + "\ntags: [" + tags + "]\n---\n![走访](a.svg)\n\n" + body + "\n"
	}
	write := toldWrite(t, src, b)
	write("content/cases/visit/a.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`)
	write("content/cases/visit/index.md", article("visit", "走访", "正文。"))
	b.Changed(src, nil, true) // the first check reads everything
	for i, step := range []struct {
		text       string
		want       string // a message the check gives, or "" for none about names
		win, longs int    // whether each check ran
	}{
		{article("visit", "走访", "正文。"), "", 1, 1},
		{article("visit", "走访", "正文，改了。"), "", 0, 0},
		{article("visit", "走访", "正文，又改了。"), "", 0, 0},
		{article("aux", "走访", "正文。"), `slug "aux" is the Windows device name AUX`, 1, 1},
		{article("aux", "走访", "正文，改了。"), `slug "aux" is the Windows device name AUX`, 1, 0},
		{article("visit", "走访", "正文。"), "", 1, 1},
		// A long name is an error of the documents: the Windows names,
		// checked after them, are not, until it is fixed; then they are
		// the ones last found clean.
		{article("visit", "走访, "+long, "正文。"), "pinyin", 0, 1},
		{article("visit", "走访, "+long, "正文，改了。"), "pinyin", 0, 1},
		{article("visit", "走访", "正文。"), "", 0, 1},
		{article("visit", "走访", "正文，改了。"), "", 0, 0},
	} {
		if i > 0 {
			write("content/cases/visit/index.md", step.text)
		}
		before := b.checked
		var out strings.Builder
		b.Check(Options{Src: src}).Diags.Print(&out, "en")
		got := out.String()
		if step.want == "" && (strings.Contains(got, "Windows") || strings.Contains(got, "pinyin")) {
			t.Errorf("step %d: %s", i, got)
		}
		if step.want != "" && !strings.Contains(got, step.want) {
			t.Errorf("step %d: want %s\ngot:\n%s", i, step.want, got)
		}
		if ran := [2]int{b.checked[0] - before[0], b.checked[1] - before[1]}; ran != [2]int{step.win, step.longs} {
			t.Errorf("step %d: checks of Windows names and long names ran %v times, want [%d %d]", i, ran, step.win, step.longs)
		}
	}
}

// TestReferencesKnownAgain: told what changed, serve's builder checks the
// references of the documents parsed again only, when the last check found
// every reference good and nothing they point at can have changed; a case
// renamed, or a reference that was refused, checks them all again.
func TestReferencesKnownAgain(t *testing.T) {
	src := plain.write(t)
	b := NewBuilder()
	write := toldWrite(t, src, b)
	doc := func(slug, body string) string {
		return "---\ntitle: 走访\ndate: 2022-06-02\nslug: " + slug + "\norgs: [wenyuan]\n---\n" + body + "\n"
	}
	write("content/cases/b.md", doc("b", "另一篇。"))
	write("content/cases/c.md", doc("c", "第三篇，见[党总支](org:wenyuan)。"))
	write("content/cases/a.md", doc("a", "见[另一篇](case:b)。"))
	b.Changed(src, nil, true)
	const all = 3
	for i, step := range []struct {
		file, text string
		want       string // a message, or "" for none about references
		checked    int    // documents whose references were checked
	}{
		{"", "", "", all},
		{"content/cases/a.md", doc("a", "见[另一篇](case:b)，改了。"), "", 1},
		{"content/cases/a.md", doc("a", "见[另一篇](case:zz)。"), `"zz"`, 1},
		{"content/cases/a.md", doc("a", "见[另一篇](case:zz)，改了。"), `"zz"`, all},
		{"content/cases/a.md", doc("a", "见[另一篇](case:b)。"), "", all},
		{"content/cases/b.md", doc("b2", "另一篇。"), `"b"`, all},
		{"content/cases/b.md", doc("b", "另一篇。"), "", all},
		{"content/cases/b.md", doc("b", "另一篇，改了。"), "", 1},
		{"content/cases/c.md", doc("c", "第三篇，见[党总支](org:nowhere)。"), `"nowhere"`, 1},
		{"content/cases/c.md", doc("c", "第三篇。"), "", all},
	} {
		if step.file != "" {
			write(step.file, step.text)
		}
		before := b.checked[2]
		var out strings.Builder
		b.Check(Options{Src: src}).Diags.Print(&out, "en")
		got := out.String()
		if step.want == "" && strings.Contains(got, "error") {
			t.Errorf("step %d: %s", i, got)
		}
		if step.want != "" && !strings.Contains(got, step.want) {
			t.Errorf("step %d: want %s\ngot:\n%s", i, step.want, got)
		}
		if n := b.checked[2] - before; n != step.checked {
			t.Errorf("step %d: the references of %d documents checked, want %d", i, n, step.checked)
		}
	}
}

// toldWrite returns a function that writes a file of the site src and
// tells the builder b, as serve's file events do.
func toldWrite(t *testing.T, src string, b *Builder) func(name, text string) {
	return func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		b.Changed(src, []string{name}, false)
	}
}
