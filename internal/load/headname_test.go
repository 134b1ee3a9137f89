package load

import (
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
	"github.com/qingdan/qingdan/internal/sheet"
	"github.com/qingdan/qingdan/internal/value"
)

func TestHeadName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"数值", "数值"},
		{"数值（亩）", "数值"},
		{"党员数(人)", "党员数"},
		{"目标值［亩］", "目标值"},
		{"完成时限〔日期〕", "完成时限"},
		{"数值(亩)(必填)", "数值"},
		{"说明【选填】", "说明"},
		{"【说明】", "说明"},
		{"(备注)", "备注"},
		{" 日  期 ", "日期"},
		{"日\u3000期", "日期"},
		{"项目\u200b编号", "项目编号"},
		{"*项目编号", "项目编号"},
		{"项目编号＊", "项目编号"},
		{"日期：", "日期"},
		{"日期(*)", "日期"},
		{"id [编号]", "id"},
		{"编号（id）", "编号"},
		{"ＩＤ", "id"},
		{" Project ", "project"},
		{"Start Date", "startdate"},
		{"()", ""},
		{"党(工)委", "党(工)委"}, // brackets inside a name stay
	}
	for _, tt := range tests {
		if got := headName(tt.in); got != tt.want {
			t.Errorf("headName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// schemas are the four files' columns, by file.
var schemas = map[string][]column{
	"orgs":     columnsOf[orgRow](),
	"projects": columnsOf[projectRow](),
	"progress": columnsOf[progressRow](),
	"tasks":    columnsOf[taskRow](),
}

// TestNamesUnambiguous: inside one file, no two columns share a name, as a
// header cell compares it, so every header names one column at most.
func TestNamesUnambiguous(t *testing.T) {
	for file, cols := range schemas {
		seen := map[string]string{}
		for _, c := range cols {
			if len(c.forms) != len(c.names()) || c.forms[0] != c.key {
				t.Errorf("%s.%s: forms %q", file, c.key, c.forms)
			}
			for i, f := range c.forms {
				if f == "" || f != headName(f) {
					t.Errorf("%s.%s: name %q compares as %q", file, c.key, c.names()[i], f)
				}
				if other, dup := seen[f]; dup && other != c.key {
					t.Errorf("%s: %q names both %s and %s", file, f, other, c.key)
				}
				seen[f] = c.key
			}
		}
	}
}

func TestHeaderSynonyms(t *testing.T) {
	tests := []struct{ file, header, key string }{
		{"orgs", "组织编号", "id"},
		{"orgs", "代码", "id"},
		{"orgs", "党组织名称", "name"},
		{"orgs", "组织名称", "name"},
		{"orgs", "组织类型", "type"},
		{"orgs", "上级党组织", "parent"},
		{"orgs", "上级组织", "parent"},
		{"orgs", "支部书记", "secretary"},
		{"orgs", "党组织书记", "secretary"},
		{"orgs", "党员人数（人）", "members"},
		{"orgs", "党员数(人)", "members"},
		{"orgs", "成立日期", "founded"},
		{"orgs", "所在地", "area"},
		{"orgs", "地区", "area"},
		{"orgs", "概况", "summary"},
		{"projects", "编号", "id"},
		{"projects", "党组织编号", "org"},
		{"projects", "所属党组织", "org"},
		{"projects", "责任单位", "org"},
		{"projects", "项目", "title"},
		{"projects", "名称", "title"},
		{"projects", "负责人", "owner"},
		{"projects", "开始时间", "start"},
		{"projects", "起始日期", "start"},
		{"projects", "截止日期", "due"},
		{"projects", "完成时间", "due"},
		{"projects", "完成期限", "due"},
		{"projects", "量化指标", "indicator"},
		{"projects", "考核指标", "indicator"},
		{"projects", "计量单位", "unit"},
		{"projects", "基数", "baseline"},
		{"projects", "起始值", "baseline"},
		{"projects", "基线", "baseline"},
		{"projects", "目标（亩）", "target"},
		{"projects", "项目内容", "summary"},
		{"projects", "简介", "summary"},
		{"progress", "项目", "project"},
		{"progress", "时间", "date"},
		{"progress", "填报日期", "date"},
		{"progress", "统计日期", "date"},
		{"progress", "完成值（亩）", "value"},
		{"progress", "进度值", "value"},
		{"progress", "完成数", "value"},
		{"progress", "数值(户)", "value"},
		{"progress", "备注", "note"},
		{"tasks", "任务", "title"},
		{"tasks", "事项名称", "title"},
		{"tasks", "适用对象", "types"},
		{"tasks", "事项性质", "kind"},
		{"tasks", "完成时限", "due"},
		{"tasks", "备注", "description"},
		{"tasks", "内容", "description"},
		// the same word, another column in another file
		{"orgs", "编号", "id"},
		{"tasks", "说明", "description"},
		{"progress", "说明", "note"},
		// no column
		{"progress", "名称", ""},
		{"tasks", "项目", ""},
		{"orgs", "备注", ""},
		{"projects", "序号", ""},
	}
	for _, tt := range tests {
		cols := schemas[tt.file]
		got := ""
		if ci, _ := columnIndex(tt.header, cols); ci >= 0 {
			got = cols[ci].key
		}
		if got != tt.key {
			t.Errorf("%s: %q names %q, want %q", tt.file, tt.header, got, tt.key)
		}
	}
}

func TestNearMisses(t *testing.T) {
	tests := []struct {
		file, header string
		present      []string // columns the header has already
		want         string
	}{
		{"progress", "项目编码", nil, "项目编号"},
		{"progress", "编号", nil, "项目编号"},
		{"progress", "数值备注", []string{"value"}, "备注"},
		{"projects", "项目编码", nil, "项目编号"},
		{"projects", "titel", nil, "title"},
		{"projects", "owmer", nil, "owner"},
		{"projects", "Project ID", nil, ""},
		{"projects", "orgid", nil, "org"},
		{"progress", "notes", nil, "note"},
		{"orgs", "书记姓名", nil, "书记"},
		{"orgs", "党员数量", nil, "党员数"},
		{"orgs", "组织类别", nil, "组织类型"},
		{"tasks", "类型", nil, "适用类型"},
		// too far, too short, or as near to two columns
		{"progress", "完成情况", nil, ""},
		{"progress", "填报人", nil, ""},
		{"progress", "日其", nil, ""},
		{"orgs", "名字", nil, ""},
		{"projects", "类型", nil, ""},
		{"projects", "日期", nil, ""},
		{"projects", "时间", nil, ""},
		{"projects", "牵头单位", nil, ""},
		{"projects", "2022年度党建项目清单", nil, ""},
		{"projects", "ids", nil, "id"},
		{"projects", "ab", nil, ""},
		// the column it is nearest to is there already
		{"progress", "项目名称", []string{"project"}, ""},
		{"projects", "项目编码", []string{"id"}, ""},
	}
	for _, tt := range tests {
		cols := schemas[tt.file]
		index := make([]int, len(cols))
		for i, c := range cols {
			index[i] = -1
			for _, p := range tt.present {
				if c.key == p {
					index[i] = 0
				}
			}
		}
		if got := guess(headName(tt.header), cols, index); got != tt.want {
			t.Errorf("%s: guess(%q) = %q, want %q", tt.file, tt.header, got, tt.want)
		}
	}
}

// TestHeaderMessages: what a header of synonyms, units, a row-number column,
// a near miss and a second note column prints, in both languages.
func TestHeaderMessages(t *testing.T) {
	files := map[string]string{
		"orgs.csv":     "id,name,type\ncounty,县委,committee\n",
		"projects.csv": projectHead + "tea,county,,茶园,甲,2022-01-01,2022-12-31,面积,亩,100,200\n",
		"progress.csv": "序号,项目编码,填报日期,完成值（亩）,备注,说明,联系人\n" +
			"1,tea,2022-03-31,120,春茶,已验收,张三\n",
	}
	var l diag.List
	d := Dir(site(t, files), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	var zh, en strings.Builder
	l.Print(&zh, "zh-CN")
	l.Print(&en, "en")
	wantZh := `data/progress.csv:1: 缺少必需的项目编号（project）列
data/progress.csv:1:1: 提示：“序号”列是序号，已忽略
data/progress.csv:1:4: 警告：未知的列“项目编码”，已忽略：是否应为“项目编号”？（可用的列：项目编号、日期、数值、说明）
data/progress.csv:1:21: 警告：“备注”也可以表示说明（note）列，但第 6 列的“说明”已经是这一列，“备注”列已忽略
data/progress.csv:1:27: 警告：未知的列“联系人”，已忽略（可用的列：项目编号、日期、数值、说明）
1 个错误，3 个警告
`
	wantEn := `data/progress.csv:1: missing required column project
data/progress.csv:1:1: note: column "序号" holds row numbers and is ignored
data/progress.csv:1:4: warning: unknown column "项目编码" is ignored: did you mean "项目编号"? (known columns: project, date, value, note)
data/progress.csv:1:21: warning: "备注" could name column note, but "说明" (column 6) already does; "备注" is ignored
data/progress.csv:1:27: warning: unknown column "联系人" is ignored (known columns: project, date, value, note)
1 error(s), 3 warning(s)
`
	if zh.String() != wantZh {
		t.Errorf("Chinese:\n%s\nwant\n%s", zh.String(), wantZh)
	}
	if en.String() != wantEn {
		t.Errorf("English:\n%s\nwant\n%s", en.String(), wantEn)
	}
	if d.Readings != 0 {
		t.Errorf("%d readings from a file without its project column", d.Readings)
	}

	// With the column fixed, the synonyms read: the value without its unit,
	// the note from 说明, not 备注.
	files["progress.csv"] = "序号,项目编号,填报日期,完成值（亩）,备注,说明\n1,tea,2022-03-31,120,春茶,已验收\n"
	l = diag.List{}
	d = Dir(site(t, files), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	if l.Errors() > 0 || d.Readings != 1 || d.Projects[0].Readings[0].Value != 120 || d.Notes[2] != "已验收" {
		t.Errorf("readings %+v, notes %v:\n%s", d.Projects[0].Readings, d.Notes, problems(&l))
	}
}

// TestHeaderMessagesByKey: a Chinese site whose header is written with the
// English keys has its columns listed by key, as its clerk writes them.
func TestHeaderMessagesByKey(t *testing.T) {
	var l diag.List
	Dir(site(t, map[string]string{"progress.csv": "project,日期,valeu,note\n"}), value.DefaultOrgTypes(), sheet.Limits{}, &l)
	var zh strings.Builder
	l.Print(&zh, "zh-CN")
	want := `data/progress.csv:1: 缺少必需的数值（value）列
data/progress.csv:1:12: 警告：未知的列“valeu”，已忽略：是否应为“value”？（可用的列：project、date、value、note）
1 个错误，1 个警告
`
	if zh.String() != want {
		t.Errorf("got\n%s\nwant\n%s", zh.String(), want)
	}
}

// TestHeaderSynonymsRead: a progress file whose header uses only synonyms
// and units reads without a message, its notes from 备注.
func TestHeaderSynonymsRead(t *testing.T) {
	d := check(t, map[string]string{
		"orgs.csv":     "组织编号,党组织名称,组织类型,上级党组织,党员数（人）\ncounty,县委,committee,,120\nvillage,村支部,rural,county,20\n",
		"tasks.csv":    "编号,任务,适用对象,事项性质,完成时限,备注\nmeeting,三会一课,rural,required,2022-12-31,按时召开\n",
		"projects.csv": "编号,责任单位,项目,负责人,起始日期,截止日期,考核指标,计量单位,基线,目标（亩）,项目内容\ntea,village,茶园,甲,2022-01-01,2022-12-31,面积,亩,100,200,扩种\n",
		"progress.csv": "项目,统计日期,完成值（亩）,备注\ntea,2022-03-31,120,春茶\n",
	})
	if len(d.Orgs) != 2 || d.Orgs[0].Members != 120 || d.Orgs[1].ParentID != "county" {
		t.Errorf("orgs %+v %+v", d.Orgs[0], d.Orgs[1])
	}
	if len(d.Tasks) != 1 || d.Tasks[0].Description != "按时召开" || d.Tasks[0].Due.String() != "2022-12-31" {
		t.Errorf("tasks %+v", d.Tasks)
	}
	p := d.Projects[0]
	if p.OrgID != "village" || p.Title != "茶园" || p.Baseline != 100 || p.Target != 200 || p.Summary != "扩种" || p.Unit != "亩" {
		t.Errorf("project %+v", p)
	}
	if d.Readings != 1 || d.Notes[2] != "春茶" {
		t.Errorf("readings %d, notes %v", d.Readings, d.Notes)
	}
}

// TestReadmeListsSynonyms: README's table of header synonyms is the tags'.
func TestReadmeListsSynonyms(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "表头的同义写法（")
	if !ok {
		t.Fatal("README has no table of header synonyms")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	got := map[string]string{} // file.key → synonyms
	file := ""
	for _, line := range strings.Split(table, "\n") {
		f := strings.Split(line, "|")
		if len(f) != 5 || !strings.Contains(f[2], "（") {
			continue
		}
		if s := strings.TrimSpace(f[1]); s != "" {
			file = s
		}
		key, _, _ := strings.Cut(strings.TrimSpace(f[2]), "（")
		got[file+"."+key] = strings.TrimSpace(f[3])
	}
	want := map[string]string{}
	for file, cols := range schemas {
		for _, c := range cols {
			if len(c.aka) > 0 {
				want[file+"."+c.key] = strings.Join(c.aka, "、")
			}
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("README lists\n%v\nthe tags say\n%v", got, want)
	}
}
