package load

import "github.com/qingdan/qingdan/internal/value"

// The rows of each data file as gocsv decodes them: every field a string, so
// that no cell can stop decoding; the typed conversion in this package then
// reports each bad cell with its position. Tags: csv is the column key, zh its
// Chinese alias, req marks a required column (and a required cell).

type orgRow struct {
	ID        string `csv:"id" zh:"编号" req:"1"`
	Name      string `csv:"name" zh:"名称" req:"1"`
	Type      string `csv:"type" zh:"类型" req:"1"`
	Parent    string `csv:"parent" zh:"上级"`
	Secretary string `csv:"secretary" zh:"书记"`
	Members   string `csv:"members" zh:"党员数"`
	Founded   string `csv:"founded" zh:"成立时间"`
	Area      string `csv:"area" zh:"区域"`
	Demo      string `csv:"demo" zh:"示范点"`
	Summary   string `csv:"summary" zh:"简介"`
}

type projectRow struct {
	ID        string `csv:"id" zh:"项目编号" req:"1"`
	Org       string `csv:"org" zh:"党组织" req:"1"`
	Task      string `csv:"task" zh:"清单事项"`
	Title     string `csv:"title" zh:"项目名称" req:"1"`
	Category  string `csv:"category" zh:"类别"`
	Owner     string `csv:"owner" zh:"责任人" req:"1"`
	Start     string `csv:"start" zh:"开始日期" req:"1"`
	Due       string `csv:"due" zh:"完成时限" req:"1"`
	Indicator string `csv:"indicator" zh:"指标" req:"1"`
	Unit      string `csv:"unit" zh:"单位"`
	Baseline  string `csv:"baseline" zh:"基准值" req:"1"`
	Target    string `csv:"target" zh:"目标值" req:"1"`
	Summary   string `csv:"summary" zh:"内容"`
}

type progressRow struct {
	Project string `csv:"project" zh:"项目编号" req:"1"`
	Date    string `csv:"date" zh:"日期" req:"1"`
	Value   string `csv:"value" zh:"数值" req:"1"`
	Note    string `csv:"note" zh:"说明"`
}

type taskRow struct {
	ID          string `csv:"id" zh:"编号" req:"1"`
	Title       string `csv:"title" zh:"事项" req:"1"`
	Category    string `csv:"category" zh:"类别"`
	Types       string `csv:"types" zh:"适用类型" req:"1"`
	Kind        string `csv:"kind" zh:"性质" req:"1"`
	Due         string `csv:"due" zh:"时限"`
	Description string `csv:"description" zh:"说明"`
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
