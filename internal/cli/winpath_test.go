package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestArgPath: the paths a Windows user types, as the program receives
// them, mean the folder they name; elsewhere a path is left as it is.
func TestArgPath(t *testing.T) {
	tests := []struct{ goos, in, want string }{
		{"windows", `D:\我的 站点"`, `D:\我的 站点\`}, // typed "D:\我的 站点\"
		{"windows", `D:\site`, `D:\site`},
		{"windows", `C:`, `C:`},
		{"windows", `\\server\share\dangjian"`, `\\server\share\dangjian\`},
		{"linux", `site"`, `site"`}, // a legal name here
		{"linux", `C:\site`, `C:\site`},
	}
	for _, tt := range tests {
		if got := argPath(tt.goos, tt.in); got != tt.want {
			t.Errorf("argPath(%s, %q) = %q, want %q", tt.goos, tt.in, got, tt.want)
		}
	}
}

// TestWindowsStyleFlags: -s and -o written with this system's separators,
// a trailing one included, and a folder named like a Windows path (a
// legal name on Linux) all work; messages name the folder as typed.
func TestWindowsStyleFlags(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "我的 站点")
	if code := makeSite(site, "zh-CN", "", discard{}, discard{}); code != 0 {
		t.Fatal("no site")
	}
	odd := filepath.Join(root, `D:\站点`) // one folder on Linux
	if code := makeSite(odd, "zh-CN", "", discard{}, discard{}); code != 0 {
		t.Fatal("no site")
	}
	out := filepath.Join(root, "输出") + string(filepath.Separator)
	runExit(t, []exitCase{
		{args: []string{"check", "-s", site + string(filepath.Separator)}, stdout: `没有发现问题`},
		{args: []string{"build", "-s", site, "-o", out}, stdout: `^已生成 \d+ 个文件`, stderr: `base_url`},
		{args: []string{"check", "--source=" + odd}, stdout: `没有发现问题`},
		{args: []string{"check", "-s", filepath.Join(root, `E:\没有`)}, code: 2, stderr: `找不到站点目录 .*E:\\没有`},
	})
	if _, err := os.Stat(filepath.Join(out, "manifest.sha256")); err != nil {
		t.Error(err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
