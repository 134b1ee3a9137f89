package load

import "github.com/qingdan/qingdan/internal/value"

// The rows of each data file as gocsv decodes them: every field a string, so
// that no cell can stop decoding; the typed conversion in this package then
// reports each bad cell with its position. Tags: csv is the column key, zh its
// Chinese alias, aka the other names county sheets give it (|-separated,
// none the name of another column of the same file; README lists them), req
// marks a required column (and a required cell).

type orgRow struct {
	ID        string `csv:"id" zh:"编号" aka:"组织编号|代码|组织代码" req:"1"`
	Name      string `csv:"name" zh:"名称" aka:"组织名称|党组织名称" req:"1"`
	Type      string `csv:"type" zh:"类型" aka:"组织类型|党组织类型" req:"1"`
	Parent    string `csv:"parent" zh:"上级" aka:"上级组织|上级党组织|上级编号"`
	Secretary string `csv:"secretary" zh:"书记" aka:"党组织书记|支部书记"`
	Members   string `csv:"members" zh:"党员数" aka:"党员人数"`
	Founded   string `csv:"founded" zh:"成立时间" aka:"成立日期"`
	Area      string `csv:"area" zh:"区域" aka:"所在地|地区"`
	Demo      string `csv:"demo" zh:"示范点" aka:"示范级别|示范点级别"`
	Summary   string `csv:"summary" zh:"简介" aka:"概况"`
}

type projectRow struct {
	ID        string `csv:"id" zh:"项目编号" aka:"编号" req:"1"`
	Org       string `csv:"org" zh:"党组织" aka:"党组织编号|所属党组织|责任单位" req:"1"`
	Task      string `csv:"task" zh:"清单事项" aka:"事项编号"`
	Title     string `csv:"title" zh:"项目名称" aka:"名称|项目" req:"1"`
	Category  string `csv:"category" zh:"类别"`
	Owner     string `csv:"owner" zh:"责任人" aka:"负责人" req:"1"`
	Start     string `csv:"start" zh:"开始日期" aka:"开始时间|起始日期" req:"1"`
	Due       string `csv:"due" zh:"完成时限" aka:"截止日期|完成时间|完成期限|完成日期" req:"1"`
	Indicator string `csv:"indicator" zh:"指标" aka:"量化指标|考核指标" req:"1"`
	Unit      string `csv:"unit" zh:"单位" aka:"计量单位"`
	Baseline  string `csv:"baseline" zh:"基准值" aka:"基数|起始值|基线" req:"1"`
	Target    string `csv:"target" zh:"目标值" aka:"目标" req:"1"`
	Summary   string `csv:"summary" zh:"内容" aka:"项目内容|简介"`
}

type progressRow struct {
	Project string `csv:"project" zh:"项目编号" aka:"项目" req:"1"`
	Date    string `csv:"date" zh:"日期" aka:"时间|填报日期|填报时间|统计日期" req:"1"`
	Value   string `csv:"value" zh:"数值" aka:"完成值|进度值|完成数" req:"1"`
	Note    string `csv:"note" zh:"说明" aka:"备注"`
}

type taskRow struct {
	ID          string `csv:"id" zh:"编号" aka:"事项编号" req:"1"`
	Title       string `csv:"title" zh:"事项" aka:"任务|事项名称" req:"1"`
	Category    string `csv:"category" zh:"类别"`
	Types       string `csv:"types" zh:"适用类型" aka:"适用对象" req:"1"`
	Kind        string `csv:"kind" zh:"性质" aka:"事项性质" req:"1"`
	Due         string `csv:"due" zh:"时限" aka:"完成时限"`
	Description string `csv:"description" zh:"说明" aka:"备注|内容"`
}

// Org is an organization as orgs.csv gives it.
type Org struct {
	ID, Name, Type, ParentID string
	Secretary                string
	Members                  int
	Founded                  value.Date
	Area, Demo, Summary      string
	Line                     int // line in the source file
}

// Project is a project as projects.csv gives it, with its readings from
// progress.csv.
type Project struct {
	ID, OrgID, TaskID      string
	Title, Category, Owner string
	Start, Due             value.Date
	Indicator, Unit        string
	Baseline, Target       float64
	Summary                string
	Line                   int
	Readings               []Reading // sorted by date
	index                  int32     // its place in Data.Projects
}

// Reading is one dated value of a project's indicator.
type Reading struct {
	Date  value.Date
	Line  int32 // line in progress.csv, which also keys its note
	Value float64
}

// Task is one item of the differentiated task menu, as tasks.csv gives it.
type Task struct {
	ID, Title, Category string
	Types               []string // org type keys it applies to
	Kind                string   // "required" or "optional"
	Due                 value.Date
	Description         string
	Line                int
}
