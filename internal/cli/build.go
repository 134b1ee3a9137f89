package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"

	"github.com/qingdan/qingdan/internal/build"
	"github.com/qingdan/qingdan/internal/config"
	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/publish"
	"github.com/qingdan/qingdan/internal/sheet"
)

func cmdBuild() *Command {
	return &Command{
		Name:      "build",
		UsageLine: "build [-s SRC] [-o OUT] [--as-of YYYY-MM-DD] [--base-url URL] [--drafts] [--publish] [--now YYYY-MM-DD] [--links dirs|files] [--ignore-cache]",
		Short:     diag.Name{Zh: "生成网站，写入 OUT（默认为 SRC/public）", En: "build the site into OUT (default SRC/public)"},
		Long: diag.Name{Zh: `读取站点目录 SRC（默认为当前目录）中的 qingdan.toml、data/ 和 content/，生成整个网站，
写入 OUT（默认为 SRC/public）。数据或内容有错时列出全部错误（每条以“文件:行[:列]:”开头），
不生成，上一次的 OUT 保持原样；生成过程中按 Ctrl-C 也是如此，不会留下临时目录。
OUT 不能是站点目录本身、不能在 data/ 里，也不能是已有的、不是 qingdan 生成的目录。

--as-of 指定统计截止日期，优先于 qingdan.toml 中的 as_of（两者都没有时取最新读数的日期；
晚于截止日期的读数不计入，并有一条警告说明有几个）；
--base-url 指定网站的公开地址；--drafts 包括草稿；--publish 不发布未经终审的案例；
--links files 让链接以 index.html 结尾，便于直接双击打开 public/index.html；
--ignore-cache 不用 resources/_gen 里保存的小图和文件记录，全部重新做、重新读（做好的照样存进去）。
退出码：0 成功，1 数据或内容有错，2 用法错误。`,
			En: `Read the site in SRC (default: the current folder: its qingdan.toml, data/
and content/) and write the whole site into OUT (default: SRC/public). When the
data or content has errors, every one of them is listed as
"file:line[:col]: message", nothing is written and the previous OUT stays as
it was; so it does after Ctrl-C, with no temporary folder left behind. OUT may
not be the site folder itself, lie inside data/, or be an existing folder that
qingdan did not make.

--as-of sets the date the figures are counted up to, over as_of in
qingdan.toml (without either, the date of the latest reading; readings after
it are left out, with a warning saying how many); --base-url is
the site's public address; --drafts includes drafts; --publish leaves out
cases without a final review (终审); --links files makes links end in
index.html, for opening public/index.html straight from disk; --ignore-cache
takes nothing kept in resources/_gen (the pictures' copies, the record of
files read): everything is made and read again, and kept there afresh.
Exit 0 on success, 1 when the data or content has errors, 2 on a usage error.`,
		},
		Flags: func(lang string) (*flag.FlagSet, RunFunc) {
			f := newSiteFlags(lang, withContent|withOut)
			return f.fs, func(args []string, stdout, stderr io.Writer) int {
				if code, ok := f.check(args); !ok {
					return code
				}
				return runBuild(f.opts, lang, stdout, stderr)
			}
		},
	}
}

func cmdCheck() *Command {
	return &Command{
		Name:      "check",
		UsageLine: "check [-s SRC] [--as-of YYYY-MM-DD]",
		Short:     diag.Name{Zh: "检查数据、内容和版式，不生成", En: "validate data, content and layouts; build nothing"},
		Long: diag.Name{Zh: `检查站点目录 SRC（默认为当前目录）中的数据、内容和版式，与生成时的检查完全相同，但不写入任何文件。
列出全部错误和警告，每条以“文件:行[:列]:”开头，最后一行是错误和警告的个数；
没有问题时打印“没有发现问题”。--as-of 指定统计截止日期，优先于 qingdan.toml 中的 as_of。
退出码：0 没有错误（可能有警告），1 有错误，2 用法错误。`,
			En: `Validate the data, content and layouts of the site in SRC (default: the
current folder) exactly as a build would, and write nothing. Every error and
warning is listed as "file:line[:col]: message", then how many there were;
a clean site prints that no problem was found. --as-of sets the date the
figures are counted up to, over as_of in qingdan.toml.
Exit 0 when there are no errors (warnings allowed), 1 when there are, 2 on a
usage error.`,
		},
		Flags: func(lang string) (*flag.FlagSet, RunFunc) {
			f := newSiteFlags(lang, 0)
			return f.fs, func(args []string, stdout, stderr io.Writer) int {
				if code, ok := f.check(args); !ok {
					return code
				}
				return runCheck(f.opts, lang, stdout, stderr)
			}
		},
	}
}

// siteFlags are the flags build, check and serve share, and what they parse into.
type siteFlags struct {
	fs   *flag.FlagSet
	lang string
	opts build.Options
}

// Which flags a command takes besides -s and --as-of.
const (
	withContent = 1 << iota // --drafts, --publish
	withOut                 // -o, --base-url, --links
)

func newSiteFlags(lang string, with int) *siteFlags {
	f := &siteFlags{fs: new(flag.FlagSet), lang: lang}
	u := func(key string) string { return diag.Text(lang, key) }
	f.fs.StringVar(&f.opts.Src, "s", ".", u("usage.src"))
	f.fs.StringVar(&f.opts.Src, "source", ".", u("usage.src"))
	f.fs.StringVar(&f.opts.AsOf, "as-of", "", u("usage.asOf"))
	if with&withContent != 0 {
		f.fs.BoolVar(&f.opts.Drafts, "drafts", false, u("usage.drafts"))
		f.fs.BoolVar(&f.opts.Publish, "publish", false, u("usage.publish"))
		f.fs.StringVar(&f.opts.Now, "now", "", u("usage.now"))
	}
	if with&withOut != 0 {
		f.fs.StringVar(&f.opts.Out, "o", "", u("usage.out"))
		f.fs.StringVar(&f.opts.Out, "destination", "", u("usage.out"))
		f.fs.StringVar(&f.opts.BaseURL, "base-url", "", u("usage.baseURL"))
		f.fs.BoolVar(&f.opts.IgnoreCache, "ignore-cache", false, u("usage.ignoreCache"))
		f.fs.Func("links", u("usage.links"), func(s string) error {
			switch s {
			case "dirs":
				f.opts.Files = false
			case "files":
				f.opts.Files = true
			default:
				return errText(lang, "cli.links")
			}
			return nil
		})
	}
	return f
}

// check checks the arguments left after the flags (there may be none) and
// the site folder; it returns false (and the exit code) on a usage error.
func (f *siteFlags) check(args []string) (int, bool) {
	if !noArgs(f.fs, f.lang, args) {
		return 2, false
	}
	f.opts.Src, f.opts.Out = hostPath(f.opts.Src), hostPath(f.opts.Out)
	if msg := notASite(f.opts.Src, f.lang); msg != "" {
		fmt.Fprintf(f.fs.Output(), "%s: %s\n", f.fs.Name(), msg)
		return 2, false
	}
	return 0, true
}

// notASite explains, in lang, why src cannot be a site folder: it does not
// exist, or it has none of qingdan.toml, data/ and content/ (most likely the
// command was run in the wrong folder). It returns "" for a site.
func notASite(src, lang string) string {
	fi, err := os.Stat(src)
	if err != nil || !fi.IsDir() {
		return diag.Text(lang, "cli.noSite", src)
	}
	for _, name := range []string{config.File, "data", "content"} {
		if _, err := os.Stat(filepath.Join(src, name)); err == nil {
			return ""
		}
	}
	if abs, err := filepath.Abs(src); err == nil {
		src = abs
	}
	return diag.Text(lang, "cli.notSite", src)
}

func runCheck(o build.Options, lang string, stdout, stderr io.Writer) int {
	sheet.RemoveStaleTemp()
	stop, settle := onInterrupt(lang, "cli.checkInterrupted", stderr)
	defer stop()
	gc := tuneGC()
	defer gc.undo()
	stopFaults, room := prefault()
	defer stopFaults()
	o.Loading, o.Room = gc.load, gc.room(room)
	r := build.Check(o)
	settle()
	r.Diags.Print(stderr, r.Lang())
	if r.Diags.Errors() > 0 {
		return 1
	}
	if r.Diags.Len() == 0 {
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "ok"))
	}
	return 0
}

func runBuild(o build.Options, lang string, stdout, stderr io.Writer) int {
	// Ctrl-C leaves the previous output as it was and no temporary folder.
	sheet.RemoveStaleTemp()
	o.Pending = publish.NewPending()
	stop, settle := onInterrupt(lang, "cli.interrupted", stderr, o.Pending.Interrupted)
	defer stop()
	gc := tuneGC()
	defer gc.undo()
	stopFaults, room := prefault()
	defer stopFaults()
	o.Loading, o.Peak, o.Room = gc.load, gc.peak, gc.room(room)
	r, err := build.Run(o)
	settle()
	r.Diags.Print(stderr, r.Lang())
	if os.Getenv("QINGDAN_STAGES") != "" { // for make bench: how long each stage took
		for _, s := range r.Stages {
			fmt.Fprintf(stderr, "stage %s %.3f\n", s.Name, s.Took.Seconds())
		}
		fmt.Fprintln(stderr, runtimeCPU())
	}
	if err != nil {
		fmt.Fprintln(stderr, buildFailed(r.Lang(), o, err))
		return 1
	}
	if r.Diags.Errors() > 0 {
		return 1
	}
	s := r.Site
	if s.AsOf.IsZero() { // no readings and no as_of: nothing is measured yet
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "built.empty", len(r.Files), len(s.Orgs), len(s.Projects)))
	} else {
		fmt.Fprintln(stdout, diag.Text(r.Lang(), "built", len(r.Files), s.AsOf.String(), len(s.Orgs), len(s.Projects)))
	}
	return 0
}

// buildFailed is what a build that failed on a file says: in the site's
// language, that the output folder is as it was (nothing is swapped in
// before every file is written), with a word on what to do when the disk
// is full. Other errors say what they say.
func buildFailed(lang string, o build.Options, err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return "qingdan build: " + err.Error()
	}
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Src, "public")
	}
	msg := diag.Text(lang, "cli.buildFailed", out, err)
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		msg += diag.Text(lang, "cli.diskFull")
	}
	return msg
}

// onInterrupt makes Ctrl-C, SIGTERM and a closed terminal (SIGHUP, unless
// ignored, as under nohup) end the program at once, leaving no temporary
// file: cleanup runs, then sheet.RemoveTemp, then the message key is printed
// and the program exits 130. Its stop undoes it. A process
// killed outright (SIGKILL) cannot clean up; the next run removes what it
// left (sheet.RemoveStaleTemp, and publish for the output's folders).
//
// Its settle is for the command, before it says anything of its work: once
// the handler has begun, it waits for the program to end. What the work met
// after that (a folder or a sheet's temporary copy removed as it was
// written or read) would otherwise follow the interruption's message with
// errors of its own.
func onInterrupt(lang, key string, stderr io.Writer, cleanup ...func()) (stop, settle func()) {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, sigs...)
	done := make(chan struct{})
	var begun atomic.Bool
	go func() {
		select {
		case <-sig:
			begun.Store(true)
			for _, f := range cleanup {
				f()
			}
			sheet.RemoveTemp()
			fmt.Fprintln(stderr, diag.Text(lang, key))
			os.Exit(130)
		case <-done:
		}
	}()
	stop = func() {
		signal.Stop(sig)
		close(done)
	}
	settle = func() {
		if begun.Load() {
			select {} // the handler ends the program
		}
	}
	return stop, settle
}
