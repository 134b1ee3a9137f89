package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/server"
	"github.com/qingdan/qingdan/internal/sheet"
)

func cmdServe() *Command {
	return &Command{
		Name:      "serve",
		UsageLine: "serve [-s SRC] [--bind 127.0.0.1] [--port 1313] [--poll DURATION]",
		Short:     diag.Name{Zh: "实时预览：在内存中生成并提供网站，文件改动后重新生成、浏览器自动刷新", En: "a live preview: serve from memory, watch, rebuild, reload the browser"},
		Long: diag.Name{Zh: `在内存中生成站点目录 SRC（默认为当前目录）并提供预览，默认地址 http://127.0.0.1:1313/，
端口被占用时自动换下一个；不写入 public/。保存文章、修改数据、增删文件后重新生成，浏览器自动刷新；
只改样式表时直接换上新样式。出错时终端列出每条错误，浏览器在最后一次正确的页面上方显示同样的错误，
改正后自动消失。网络共享目录收不到文件事件时用 --poll 500ms 轮询；--bind 0.0.0.0 可让局域网访问。
--as-of、--drafts 和 --publish 与生成网站时的含义相同。按 Ctrl-C 停止。`,
			En: `Build the site in SRC (default: the current folder) in memory and serve it,
at http://127.0.0.1:1313/ unless that port is taken, when the next free one
is used; nothing is written to public/. Saving an article, editing the data
or adding and removing files rebuilds the site and reloads the browser; a
changed style sheet is swapped in without a reload. Errors are listed in the
terminal and shown in the browser over the last good page until they are
fixed. On a network share that sends no file events, poll with --poll 500ms;
--bind 0.0.0.0 makes the preview reachable from the local network.
--as-of, --drafts and --publish mean what they mean for a build. Stop it with
Ctrl-C.`,
		},
		Flags: func(lang string) (*flag.FlagSet, RunFunc) {
			f := newSiteFlags(lang, withContent)
			bind := f.fs.String("bind", "127.0.0.1", diag.Text(lang, "usage.bind"))
			port := f.fs.Int("port", 1313, diag.Text(lang, "usage.port"))
			poll := f.fs.Duration("poll", 0, diag.Text(lang, "usage.poll"))
			return f.fs, func(args []string, stdout, stderr io.Writer) int {
				if code, ok := f.check(args); !ok {
					return code
				}
				if *poll < 0 || (*poll > 0 && *poll < 10*time.Millisecond) {
					fmt.Fprintln(stderr, diag.Text(lang, "cli.poll"))
					return 2
				}
				return runServe(server.Options{Build: f.opts, Bind: *bind, Port: *port, Poll: *poll, Stdout: stdout, Stderr: stderr})
			}
		},
	}
}

func runServe(o server.Options) int { return serveUntil(context.Background(), o, nil) }

// serveUntil runs the preview o until ctx ends or the user stops it
// (Ctrl-C). listening, when not nil, is called once the preview listens and
// before it builds; it may replace the context and the listener (the
// clerk's start opens the browser there).
func serveUntil(ctx context.Context, o server.Options, listening func(context.Context, net.Listener) (context.Context, net.Listener)) int {
	s := server.New(o)
	ln, err := s.Listen()
	if err != nil {
		fmt.Fprintf(o.Stderr, "qingdan serve: %v\n", err)
		return 1
	}
	sheet.RemoveStaleTemp()
	// A check still reading a workbook when serving stops leaves its
	// temporary files to this.
	defer sheet.RemoveTemp()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	if listening != nil {
		ctx, ln = listening(ctx, ln)
	}
	if err := s.Run(ctx, ln); err != nil {
		fmt.Fprintf(o.Stderr, "qingdan serve: %v\n", err)
		return 1
	}
	return 0
}
