package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

// BenchmarkReadingsAgain measures what serve does when a clerk corrects one
// reading of a county's progress file (30,000 projects, 360,000 readings):
// the records are kept and the readings loaded onto them again.
func BenchmarkReadingsAgain(b *testing.B) {
	var projects, progress strings.Builder
	projects.WriteString("id,org,title,owner,start,due,indicator,unit,baseline,target\n")
	progress.WriteString("project,date,value,note\n")
	for i := range 30_000 {
		fmt.Fprintf(&projects, "p%d,wenyuan,项目%d,张三,2021-01-01,2022-12-31,培训人数,人次,%d,%d\n", i, i, i%50, 100+i%400)
		for k := range 12 {
			note := ""
			if (i+k)%7 == 0 {
				note = "入户核实"
			}
			fmt.Fprintf(&progress, "p%d,2022-%02d-%02d,%d,%s\n", i, k+1, 1+(i+k)%28, i%50+k*(100+i%400-i%50)/12, note)
		}
	}
	src := site(b, map[string]string{"orgs.csv": orgs, "projects.csv": projects.String(), "progress.csv": progress.String()})
	file := filepath.Join(src, "data", "progress.csv")
	head, rest, _ := strings.Cut(progress.String(), "\n")
	first, rest, _ := strings.Cut(rest, "\n")
	f := strings.Split(first, ",")
	rc := ReadRecords(src, value.DefaultOrgTypes(), sheet.Limits{})
	rc.Load(sheet.Limits{}, &diag.List{})
	b.ResetTimer()
	for i := range b.N {
		f[2] = fmt.Sprint(i % 2)
		if err := os.WriteFile(file, []byte(head+"\n"+strings.Join(f, ",")+"\n"+rest), 0o644); err != nil {
			b.Fatal(err)
		}
		var l diag.List
		d := rc.Load(sheet.Limits{}, &l)
		if d.Readings != 360_000 || l.Errors() > 0 {
			b.Fatalf("%d readings, %d errors", d.Readings, l.Errors())
		}
	}
}
