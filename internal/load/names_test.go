package load

import (
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// TestIDLength: an id that names a folder may have 255 bytes, and one
// longer is an error at its cell (mkdir would fail with "file name too
// long" after check had passed).
func TestIDLength(t *testing.T) {
	ok, long := strings.Repeat("a", 255), strings.Repeat("b", 256)
	var l diag.List
	Dir(site(t, map[string]string{
		"orgs.csv":  orgs + ok + ",长编号,community,gaoming\n" + long + ",太长,community,gaoming\n",
		"tasks.csv": "id,title,types,kind\n" + long + ",事项,rural,required\n",
	}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	want := "data/orgs.csv:5:1: column id: the id is 256 bytes long, more than 255 (an id names its page's folder)\n" +
		"data/tasks.csv:2:1: column id: the id is 256 bytes long, more than 255 (an id names its page's folder)\n" +
		"2 error(s), 0 warning(s)\n"
	if got := problems(&l); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
