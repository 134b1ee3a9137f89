package diag

import (
	"fmt"
	"strconv"
	"strings"
)

// Text renders the catalogue entry key in lang with args. Local arguments
// are rendered in the same language first. An unknown key renders as the key
// and its arguments, so nothing is ever lost; a test keeps the catalogue complete.
func Text(lang, key string, args ...any) string {
	e, ok := catalog[key]
	if !ok {
		return key + fmt.Sprint(args...)
	}
	f := e.zh
	if IsEnglish(lang) {
		f = e.en
	}
	if len(args) == 0 {
		return f
	}
	local := make([]any, len(args))
	for i, a := range args {
		if l, ok := a.(Local); ok {
			local[i] = l.Local(lang)
		} else {
			local[i] = a
		}
	}
	return fmt.Sprintf(f, local...)
}

// Quote is a user's value shown inside a message: “…” in Chinese, "…" in
// English, with control characters escaped so a cell cannot break the line.
type Quote string

func (q Quote) Local(lang string) string {
	s := string(q)
	if len([]rune(s)) > 60 {
		s = string([]rune(s)[:60]) + "…"
	}
	qs := strconv.Quote(s)
	if IsEnglish(lang) {
		return qs
	}
	inner := qs[1 : len(qs)-1]
	inner = strings.ReplaceAll(inner, `\"`, `"`)
	return "“" + inner + "”"
}

// List joins names with the language's list separator.
type Names []string

func (n Names) Local(lang string) string {
	if IsEnglish(lang) {
		return strings.Join(n, ", ")
	}
	return strings.Join(n, "、")
}

// Size is a number of bytes, shown as 64 MB, 512 KB or 100 B. A size
// between two whole units shows one decimal, rounded up, so a size over a
// limit never looks equal to it: 64 MB and one byte is 64.1 MB.
type Size int64

func (s Size) Local(string) string {
	units := []string{"GB", "MB", "KB"}
	for i, u := range []int64{1 << 30, 1 << 20, 1 << 10} {
		if int64(s) < u {
			continue
		}
		if int64(s)%u == 0 {
			return strconv.FormatInt(int64(s)/u, 10) + " " + units[i]
		}
		tenths := (int64(s)*10 + u - 1) / u // rounded up
		if tenths%10 == 0 {
			return strconv.FormatInt(tenths/10, 10) + " " + units[i]
		}
		return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10) + " " + units[i]
	}
	return strconv.FormatInt(int64(s), 10) + " B"
}

type entry struct{ zh, en string }

// catalog holds every message a user can see from a check or build.
var catalog = map[string]entry{
	"warning":     {"警告：", "warning: "},
	"info":        {"提示：", "note: "},
	"count":       {"%d 个错误，%d 个警告", "%d error(s), %d warning(s)"},
	"ok":          {"没有发现问题", "no problems found"},
	"built":       {"已生成 %d 个文件（截至 %s：%d 个党组织，%d 个项目）", "wrote %d files (as of %s: %d orgs, %d projects)"},
	"built.empty": {"已生成 %d 个文件（%d 个党组织，%d 个项目）", "wrote %d files (%d orgs, %d projects)"},
	"diag.more":   {"另有 %[1]d 个同类%[2]s没有逐条列出（每个文件最多列出 %[3]d 个问题），第一个是：%[4]s", "%[1]d more %[2]s of this kind are not listed (a file lists at most %[3]d problems); the first: %[4]s"},

	// files and sheets
	"baseurl.none":        {"没有设置 base_url：不生成 sitemap.xml 和 robots.txt（搜索引擎需要完整地址），404 页面只能从地址中的栏目目录推断网站根目录；在 qingdan.toml 中写上网站的公开地址，如 base_url = \"https://dj.example.gov.cn/\"", "no base_url: no sitemap.xml or robots.txt is written (search engines need full addresses) and the 404 page can find the site's root only from a section folder in the address; set the site's public address in qingdan.toml, e.g. base_url = \"https://dj.example.gov.cn/\""},
	"flag.now":            {"--now %s 不是日期（%s）", "--now %s is not a date (%s)"},
	"env.epoch":           {"环境变量 SOURCE_DATE_EPOCH=%s 不是秒数", "SOURCE_DATE_EPOCH=%s is not a number of seconds"},
	"file.link":           {"这是一个符号链接，不会读取或发布：网站只发布网站文件夹里的文件", "this is a symbolic link, which is neither read nor published: a site publishes only the files in its folder"},
	"file.read":           {"无法读取：%v", "cannot read: %v"},
	"file.both":           {"%s 与 %s 只能保留一个", "both %s and %s exist; keep only one"},
	"file.unknown":        {"未知的数据文件，已忽略（可用：%s）", "unknown data file, ignored (known: %s)"},
	"sheet.bareQuote":     {"未加引号的单元格里出现了引号 \"：请给整个单元格加上引号，并把其中的 \" 写成 \"\"", "a \" inside an unquoted cell: quote the whole cell and double every \" inside it"},
	"sheet.extraQuote":    {"带引号的单元格在结束引号后还有内容：单元格里的 \" 要写成 \"\"", "text after the closing quote of a quoted cell: write every \" inside it as \"\""},
	"sheet.openQuote":     {"引号没有闭合：从这里开始的单元格一直没有结束的引号", "a quoted cell starting here is never closed"},
	"sheet.unreadable":    {"不是可以读取的 xlsx 文件（%v）", "not a readable xlsx file (%v)"},
	"sheet.empty":         {"文件是空的：第一行应当是表头", "the file is empty: its first row must be the header"},
	"sheet.noHeader":      {"第一行不是表头：前 %d 行中没有一个单元格是已知的列名；文件的第一行应当列出各列的名称，如 %s", "the first row is not a header: no cell in the first %d rows names a known column; the file's first row must name its columns, like %s"},
	"sheet.fileTooLarge":  {"文件有 %[1]s，超过上限 %[2]s，没有读取：请拆分或精简；确实需要时，可在 qingdan.toml 的 [limits] 中调大 %[3]s", "the file is %[1]s, over the limit of %[2]s, and is not read: split or trim it, or, if it must be this big, raise %[3]s under [limits] in qingdan.toml"},
	"sheet.unzipTooLarge": {"工作簿解压后有 %[1]s，超过上限 %[2]s（xlsx_size 的 %[3]d 倍），没有读取：这多半是一个“压缩炸弹”，而不是 Excel 或 WPS 保存的工作簿", "the workbook unzips to %[1]s, over the limit of %[2]s (%[3]d times xlsx_size), and is not read: it is most likely a zip bomb, not a workbook saved by Excel or WPS"},
	"sheet.cellTooLarge":  {"单元格有 %[1]s，超过上限 %[2]s，这一行没有读取：请缩短它；确实需要时，可在 qingdan.toml 的 [limits] 中调大 cell_size", "the cell holds %[1]s, over the limit of %[2]s, so its row is not read: shorten it, or raise cell_size under [limits] in qingdan.toml"},
	"sheet.cellRunaway":   {"从这里开始的单元格超过上限 %[1]s 仍没有结束，文件的其余部分没有读取：请缩短它；确实需要时，可在 qingdan.toml 的 [limits] 中调大 cell_size", "the cell starting here runs past the limit of %[1]s; the rest of the file is not read: shorten it, or raise cell_size under [limits] in qingdan.toml"},
	"sheet.quoteRunaway":  {"从这里的引号开始的单元格超过上限 %[1]s 仍没有结束，文件的其余部分没有读取：多半是这个引号没有闭合（单元格里的 \" 要写成 \"\"）", "the quoted cell starting here runs past the limit of %[1]s; the rest of the file is not read: most likely this quote is never closed (write every \" inside a cell as \"\")"},
	"sheet.rowTooLarge":   {"这一行超过 %[1]s 仍没有结束，文件的其余部分没有读取：请检查文件是不是逗号分隔的表格（一行最长是单元格上限的 %[2]d 倍）", "this row runs past %[1]s without ending; the rest of the file is not read: check that the file is a comma-separated table (a row may be at most %[2]d times the cell limit)"},
	"sheet.tooManyRows":   {"文件超过 %[1]d 行，从这一行起没有读取：请拆分；确实需要时，可在 qingdan.toml 的 [limits] 中调大 rows", "the file has more than %[1]d rows; from this one on it is not read: split it, or raise rows under [limits] in qingdan.toml"},
	"sheet.titleRows":     {"第 %s 行在表头之上，当作标题跳过（%s）；表头在第 %d 行", "row(s) %s above the header are taken for a title and skipped (%s); the header is row %d"},

	// columns and cells
	"col.unknown":   {"未知的列%s，已忽略（可用的列：%s）", "unknown column %s is ignored (known columns: %s)"},
	"col.missing":   {"缺少必需的%s列", "missing required column %s"},
	"col.dup":       {"%s列重复出现（第 %s 列已有）", "column %s appears twice (already column %s)"},
	"row.total":     {"这一行是合计行（%s），不是一条数据，已跳过", "this is a total row (%s), not a record; it is skipped"},
	"row.extra":     {"本行比表头多出 %d 个单元格，多出的内容已忽略", "the row has %d cell(s) more than the header; they are ignored"},
	"cell.empty":    {"%s不能为空", "column %s: a value is required"},
	"cell.date":     {"%s：%s不是有效日期，%s", "column %s: %s is not a valid date (%s)"},
	"cell.number":   {"%s：%s不是数字，%s", "column %s: %s is not a number (%s)"},
	"cell.count":    {"%s：%s不是非负整数", "column %s: %s is not a whole number ≥ 0"},
	"cell.id":       {"%s：%s不是有效的编号，编号只能由小写字母、数字和连字符组成（如 wenyuan-2）", "column %s: %s is not a valid id; use lower-case letters, digits and hyphens (like wenyuan-2)"},
	"cell.idLong":   {"%s：编号有 %d 个字节，超过上限 %d 个（编号是网页所在文件夹的名称）", "column %s: the id is %d bytes long, more than %d (an id names its page's folder)"},
	"cell.enum":     {"%s：%s不是可用的值，可用：%s", "column %s: %s is not allowed; use one of %s"},
	"date.format":   {"请写作 2022-03-01、2022/3/1 或 2022年3月1日", "write 2022-03-01, 2022/3/1 or 2022年3月1日"},
	"date.year":     {"年份 %d 不在 %d–%d 之间", "the year %d is not between %d and %d"},
	"date.month":    {"月份 %d 应在 1–12 之间", "the month %d must be 1 to 12"},
	"date.day":      {"%[1]d年%[2]d月只有%[3]d天", "%[4]s %[1]d has %[3]d days"},
	"number.format": {"请写作 1239、1,239 或 12.5 这样的数字", "write a number like 1239, 1,239 or 12.5"},
	"number.range":  {"数值超出范围（绝对值不能超过 10¹⁵）", "the number is out of range (at most 10¹⁵ either way)"},
	"count.format":  {"请写作 0、12 或 1,239 这样的整数", "write a whole number like 0, 12 or 1,239"},

	// headers as government sheets write them (load/headname.go)
	"col.unknownLike": {"未知的列%s，已忽略：是否应为%s？（可用的列：%s）", "unknown column %s is ignored: did you mean %s? (known columns: %s)"},
	"col.akaTaken":    {"%[1]s也可以表示%[2]s列，但第 %[3]s 列的%[4]s已经是这一列，%[1]s列已忽略", "%[1]s could name column %[2]s, but %[4]s (column %[3]s) already does; %[1]s is ignored"},
	"col.rowNumber":   {"%s列是序号，已忽略", "column %s holds row numbers and is ignored"},

	// cells that hold what was meant in another form
	"cell.listSep":        {"%s：列表中的各项要用 | 分隔，不能用%s；请写作%s", "column %s: separate the items of a list with |, not %s: write %s"},
	"cell.formula":        {"%s：单元格里是公式 %s，但文件没有保存它的计算结果（多半是由程序生成的文件）：请用 Excel 或 WPS 打开并保存一次，或把这一列“粘贴为数值”", "column %s: the cell holds the formula %s but the file has no saved result for it (most likely a program wrote the file): open and save it in Excel or WPS, or paste the column as values"},
	"cell.serialDate":     {"%s：%s是以数字保存的日期（即 %s）：请把这个单元格的格式设为“日期”", "column %s: %s is a date stored as a number (it would read %s): format the cell as a date"},
	"cell.control":        {"%s：单元格中有 %d 个看不见的控制字符（第一个是 %s），已删除：它们多半是从网页或聊天软件粘贴来的，会打乱显示顺序或版式", "column %s: the cell holds %d invisible control character(s) (the first is %s), removed: most likely pasted from a web page or chat, they would scramble the text's order or layout"},
	"cell.serialDateText": {"%[1]s：%[2]s是 Excel 以数字导出的日期（即 %[3]s）：请在 Excel 中把这一列的格式设为“日期”后重新导出，或直接写作 %[3]s", "column %[1]s: %[2]s is a date that Excel exported as a number (it would read %[3]s): format the column as a date in Excel and export it again, or write %[3]s"},

	// records
	"id.dup":           {"编号%s重复，第 %d 行已经使用", "duplicate id %s (already used on line %d)"},
	"ref.org":          {"%s：没有编号为%s的党组织%s", "column %s: there is no org with id %s%s"},
	"ref.task":         {"%s：没有编号为%s的清单事项%s", "column %s: there is no task with id %s%s"},
	"ref.project":      {"%s：没有编号为%s的项目%s", "column %s: there is no project with id %s%s"},
	"hint.didYouMean":  {"（是否应为%s？）", " (did you mean %s?)"},
	"ref.name":         {"%[1]s：%[2]s是%[3]s %[4]s 的名称；这一列要填编号，请改为 %[4]s", "column %[1]s: %[2]s is the name of %[3]s %[4]s; the column wants the id, so write %[4]s"},
	"ref.names":        {"%[1]s：%[2]s是多个%[3]s的名称（%[4]s）；这一列要填编号，请改为其中一个", "column %[1]s: %[2]s is the name of more than one %[3]s (%[4]s); the column wants the id of one of them"},
	"ref.nameLike":     {"%[1]s：没有编号为%[2]s的%[3]s；它像是%[3]s %[4]s（%[5]s）的名称：这一列要填编号，如果指的是它，请改为 %[4]s", "column %[1]s: there is no %[3]s with id %[2]s; it looks like the name of %[3]s %[4]s (%[5]s): the column wants the id, so if that is the one, write %[4]s"},
	"org.selfParent":   {"上级不能是自己（%s）", "an org cannot be its own parent (%s)"},
	"org.cycle":        {"上级关系构成循环：%s", "parents form a cycle: %s"},
	"project.due":      {"完成时限 %s 早于开始日期 %s", "due %s is before start %s"},
	"project.target":   {"目标值与基准值相同（%s），无法计算完成率；目标值低于基准值表示压减", "target equals baseline (%s), so no percent can be computed; a target below the baseline means reduce"},
	"project.taskType": {"清单事项%s不适用于“%s”类型的党组织%s", "task %s does not apply to orgs of type %s like %s"},
	"progress.dup":     {"项目%s在 %s 已有读数（第 %d 行）；同一天只能有一个读数", "project %s already has a reading on %s (line %d); one reading a day"},
	"progress.early":   {"读数日期 %s 早于项目开始日期 %s", "reading on %s is before the project's start %s"},
	"reading.percent":  {"数值%s带百分号，但项目%s的单位是%s：已按 %s 计入，请核对", "the value %s has a %% sign but project %s is counted in %s: it is read as %s; check it"},
	"reading.far":      {"数值%[1]s远远超出目标：基准值 %[2]s，目标值 %[3]s，读数相对基准值的变化超过目标的 %[4]d 倍；是否多写了一个 0？", "value %[1]s is far beyond the target: baseline %[2]s, target %[3]s, and the reading is more than %[4]d times as far from the baseline; an extra zero?"},
	"reading.below":    {"数值%[1]s低于基准值 %[2]s，而项目%[3]s是要从 %[2]s 增加到 %[4]s：请核对", "value %[1]s is below the baseline %[2]s, yet project %[3]s grows from %[2]s to %[4]s: check it"},
	"reading.above":    {"数值%[1]s高于基准值 %[2]s，而项目%[3]s是要从 %[2]s 压减到 %[4]s：请核对", "value %[1]s is above the baseline %[2]s, yet project %[3]s reduces from %[2]s to %[4]s: check it"},
	"task.types":       {"适用类型不能为空", "column types: at least one org type is required"},

	// content
	"front.syntax":     {"%s 前言区语法错误：%s", "%s front matter syntax error: %s"},
	"front.tooLarge":   {"前言区 %[1]s 的值有 %[2]s，超过上限 %[3]s，已忽略：请缩短；确实需要时，可在 qingdan.toml 的 [limits] 中调大 front_value_size", "front matter %[1]s holds %[2]s, over the limit of %[3]s, and is ignored: shorten it, or raise front_value_size under [limits] in qingdan.toml"},
	"front.unclosed":   {"前言区没有结束：开头的 --- 或 +++ 需要单独一行同样的符号结束", "the front matter is never closed: end it with a line holding the same --- or +++"},
	"front.notMap":     {"前言区应当是“键: 值”的形式", "the front matter must be key: value pairs"},
	"front.unknown":    {"未知的前言区字段%s，已忽略（可用：%s）", "unknown front matter key %s is ignored (known: %s)"},
	"front.type":       {"%s 应为%s，而不是%s", "%s must be %s, not %s"},
	"front.date":       {"日期%s无效，%s", "the date %s is not valid (%s)"},
	"front.figure":     {"figures 的每一项应写成 {label: 名称, value: 数值, unit: 单位}", "each item of figures must be {label: name, value: number, unit: unit}"},
	"front.review":     {"review 中的%s应写成 {reviewer: 姓名, date: 日期}", "review step %s must be {reviewer: name, date: date}"},
	"front.reviewStep": {"review 中的%s不是审核环节（可用：初审、复审、终审）", "%s is not a review step (use 初审, 复审, 终审)"},
	"kind.text":        {"文本", "text"},
	"kind.list":        {"列表，如 [甲, 乙]", "a list like [a, b]"},
	"kind.bool":        {"true 或 false", "true or false"},
	"kind.date":        {"日期，如 2022-06-30", "a date like 2022-06-30"},
	"kind.figures":     {"列表", "a list"},
	"kind.table":       {"表", "a table"},
	"kind.org":         {"党组织", "org"},
	"kind.project":     {"项目", "project"},
	"kind.case":        {"案例", "case"},
	"doc.tooLarge":     {"文件有 %[1]s，超过上限 %[2]s，没有读取：请拆分或精简；确实需要时，可在 qingdan.toml 的 [limits] 中调大 document_size", "the document is %[1]s, over the limit of %[2]s, and is not read: split or trim it, or raise document_size under [limits] in qingdan.toml"},
	"doc.encoding":     {"文件不是 UTF-8 编码：请另存为 UTF-8", "the file is not UTF-8: save it as UTF-8"},
	"doc.slug":         {"文件名%s不能直接用作网址：请改用小写字母、数字和连字符，或在前言区设置 slug", "the file name %s cannot be used in a URL: rename it with lower-case letters, digits and hyphens, or set slug"},
	"doc.badSlug":      {"slug%s只能由小写字母、数字和连字符组成", "slug %s may hold only lower-case letters, digits and hyphens"},
	"doc.noTitle":      {"缺少标题：请在前言区设置 title", "no title: set title in the front matter"},
	"doc.noDate":       {"缺少日期：请在前言区设置 date", "no date: set date in the front matter"},
	"doc.markdown":     {"Markdown 无法转换：%v", "cannot convert the Markdown: %v"},
	"doc.dup":          {"%s与 %s 重复", "%s is also used by %s"},
	"doc.org":          {"orgs 中的%s不是已知的党组织编号%s", "orgs: %s is not a known org id%s"},
	"doc.project":      {"projects 中的%s不是已知的项目编号%s", "projects: %s is not a known project id%s"},
	"doc.siteOrg":      {"示范点介绍对应的党组织%s不存在%s", "the write-up's org %s does not exist%s"},
	"doc.siteNotDemo":  {"党组织%s在 orgs 中没有示范点级别（demo 列），它的介绍不会出现在示范点页面", "org %s has no demo level in orgs, so its write-up is not shown among the demonstration sites"},
	"doc.embed":        {"chart 图表块应写成一行 org: 编号 或 project: 编号", "a chart block needs one line org: ID or project: ID"},
	"doc.ref":          {"链接指向的%s%s不存在%s", "the link's %s %s does not exist%s"},
	"doc.embedRef":     {"图表块中的%s%s不存在%s", "the chart block's %s %s does not exist%s"},
	"img.alt":          {"图片%s缺少替代文字：请在 ![ ] 的方括号中写明图片内容", "image %s has no alt text: describe it inside ![ ]"},
	"html.dropped":     {"原始 HTML 不会输出：已去掉其中的标签，只保留文字（要保留排版，请改用 Markdown 书写）", "raw HTML is not published: its tags are dropped and its text kept (write it in Markdown to keep its layout)"},
	"html.remote":      {"HTML 中的%s从其他网站加载内容：网站不从其他主机加载任何内容，请把文件放在文章旁边或 static/ 中", "%s in the HTML loads from another host: the site loads nothing from other hosts; put the file next to the article or under static/"},
	"img.type":         {"%s不是图片：图片只能是 PNG、JPEG、GIF、WebP、AVIF 或 SVG 文件", "%s is not a picture: pictures must be PNG, JPEG, GIF, WebP, AVIF or SVG files"},
	"img.svg":          {"SVG 图片%s不安全（%s）：在浏览器中单独打开时会执行其中的内容；请去掉脚本、事件和外部引用，或改用 PNG", "SVG picture %s is not safe (%s): opened on its own, a browser runs it; remove scripts, event handlers and outside references, or use a PNG"},
	"img.svg.broken":   {"SVG 图片%s无法读取（%s）：文件不完整或不是 SVG；请用绘图软件重新导出，或改用 PNG", "SVG picture %s cannot be read (%s): the file is cut short or not an SVG; export it again, or use a PNG"},
	"svg.broken":       {"SVG 文件无法读取（%s），不会发布：文件不完整或不是 SVG；请用绘图软件重新导出，或改用 PNG", "SVG file cannot be read (%s) and is not published: it is cut short or not an SVG; export it again, or use a PNG"},
	"svg.unsafe":       {"SVG 文件不安全（%s），不会发布：在浏览器中单独打开时会执行其中的内容；请去掉脚本、事件和外部引用，或改用 PNG", "unsafe SVG file (%s) is not published: opened on its own, a browser runs it; remove scripts, event handlers and outside references, or use a PNG"},
	"img.remote":       {"图片%s在其他网站上：请下载后放在文章旁边或 static/ 中，网站不从其他主机加载任何内容", "image %s is on another host: save it next to the article or under static/; the site loads nothing from other hosts"},
	"html.outside":     {"HTML 中的%s的路径从主机根目录开始或超出了站点：请写相对于文章页面的路径，如文章旁边的 a.jpg", "%s in the HTML starts at the host's root or leaves the site: write the path from the article's page, such as a.jpg next to the article"},
	"html.missing":     {"HTML 中的%s引用的文件不存在（在文章旁边和 static/ 中都没有找到）", "the file of %s in the HTML does not exist (looked next to the article and under static/)"},
	"img.outside":      {"图片路径%s超出了站点目录", "image path %s leaves the site"},
	"img.missing":      {"图片%s不存在（在文章旁边和 static/ 中都没有找到）", "image %s does not exist (looked next to the article and under static/)"},
	"lint.punct":       {"中文句子里用了半角标点：%s，请改用全角标点（，。：；！？（））", "half-width punctuation inside Chinese text: %s; use full-width punctuation (，。：；！？（）)"},
	"lint.space":       {"两个汉字之间有空格：%s", "a space between two Chinese characters: %s"},
	"lint.heading":     {"空标题：%s 后面没有文字", "an empty heading: nothing after %s"},
	"lint.phone":       {"正文中有电话号码 %s：个人信息不宜公开发布", "a phone number in the text, %s: personal data should not be published"},
	"lint.invisible":   {"看不见的字符 %s，多半是从网页、微信或 Word 复制带来的，会干扰搜索和链接：请删除", "an invisible character, %s, most likely pasted from a web page, WeChat or Word; it upsets search and links: delete it"},
	"lint.idCard":      {"正文中有身份证号码 %s：个人信息不得公开发布", "an ID-card number in the text, %s: personal data must not be published"},
	"gate.review":      {"未经终审，本次不发布（--publish）", "not published: it has no final review (终审) and this is a --publish build"},
	"gate.future":      {"定时发布：日期 %s 晚于本次生成的日期 %s，到期后才会发布", "scheduled: dated %s, after this build's date %s; it is published once that date is reached"},
	"gate.column":      {"栏目%s不在配置的栏目中（%s）；可在 qingdan.toml 的 columns 中添加", "column %s is not among the configured columns (%s); add it to columns in qingdan.toml"},
	"doc.reserved":     {"网址%s已被站点自身使用，请换一个 slug", "the URL %s is taken by the site itself; choose another slug"},
	"doc.cover":        {"封面图片%s不存在（应放在 static/ 下）", "the cover image %s does not exist (put it under static/)"},

	// content: shapes that would take goldmark too long, names too long to write
	"doc.nesting":    {"这一行的列表、引用或缩进嵌套了 %d 层，超过上限 %d 层：请减少嵌套", "this line is nested %d levels deep in lists, quotes or indentation, more than %d: nest less"},
	"doc.marks":      {"从这一行开始的段落有 %d 个链接、强调或代码标记（[、*、_、~、`），超过上限 %d 个，转换会非常慢：请用空行把它分成几段", "the paragraph starting here holds %d link, emphasis or code marks ([, *, _, ~, `), more than %d, which would take very long to convert: split it with blank lines"},
	"doc.brackets":   {"这一段同时有超过 %d 个没有闭合的 [，转换会非常慢：请闭合或删去多余的 [", "more than %d [ are open at once in this paragraph, which would take very long to convert: close or remove them"},
	"doc.marksTotal": {"到这一行为止，全文的链接、强调和代码标记（[、*、_、~、`）超过 %d 个，转换会非常慢：请把文章拆成几篇", "up to this line the document holds more than %d link, emphasis or code marks ([, *, _, ~, `), which would take very long to convert: split it into several documents"},
	"doc.lines":      {"到这一行为止，全文的非空行超过 %d 行，转换会非常慢：请把文章拆成几篇", "up to this line the document has more than %d lines that are not blank, which would take very long to convert: split it into several documents"},
	"doc.longLines":  {"到这一行为止，长行中的 [ 太多：每个 [ 都可能让转换器扫描到行尾，转换会非常慢；请把长行分成几段", "too many [ in long lines up to this one: each may make the converter scan to the end of its line, which would take very long; split the long lines into paragraphs"},
	"doc.tableCells": {"到这张表为止，文中的表格共有 %d 个单元格（较短的行按表头的列数补足），超过上限 %d 个：请拆分表格，或把数据放在 data/ 中", "the tables up to this one hold %d cells (short rows are filled out to the header's columns), more than %d: split the table, or keep the data under data/"},
	"doc.slugLong":   {"slug 有 %d 个字节，超过上限 %d 个（它是网页所在文件夹的名称）：请改短", "the slug is %d bytes long, more than %d (it names the page's folder): shorten it"},
	"img.pathLong":   {"图片%s发布后的路径有 %d 个字节，超过上限 %d 个：请缩短它的文件夹名和文件名", "image %s would be published under a path of %d bytes, more than %d: shorten its folder and file names"},
	"tag.long":       {"标签%s在网址中的名称（拼音）有 %d 个字节，超过上限 %d 个，无法生成它的页面：请用更短的标签", "tag %s would name its page's folder with %d bytes (its pinyin), more than %d, so its page cannot be written: use a shorter tag"},
	"column.long":    {"栏目%s在网址中的名称（拼音）有 %d 个字节，超过上限 %d 个，无法生成它的页面：请在 qingdan.toml 中换一个更短的栏目名", "column %s would name its page's folder with %d bytes (its pinyin), more than %d, so its page cannot be written: choose a shorter column name in qingdan.toml"},

	// names a copy of the site on Windows could not hold (build/winnames.go)
	"win.reserved": {"%[1]s%[2]s在 Windows 中是设备名 %[3]s，生成的 %[4]s 无法复制到 Windows 电脑或文件服务器：请改名", "%[1]s %[2]s is the Windows device name %[3]s, so %[4]s could not be copied to a Windows PC or file server: rename it"},
	"win.char":     {"%[1]s%[2]s中有 Windows 文件名不能使用的字符%[3]s，无法复制到 Windows 电脑或文件服务器：请改名", "%[1]s %[2]s holds %[3]s, which Windows does not allow in a name, so it could not be copied to a Windows PC or file server: rename it"},
	"win.trailing": {"%[1]s%[2]s以点或空格结尾，Windows 会去掉它，复制到 Windows 后名称会变：请改名", "%[1]s %[2]s ends in a dot or a space, which Windows drops, so its name would change on a Windows PC or file server: rename it"},
	"win.case":     {"%[1]s%[2]s与 %[3]s 只有字母大小写不同，在 Windows 上是同一个名称，复制到 Windows 后只会留下一个：请改名", "%[1]s %[2]s differs from %[3]s only in letter case, which Windows does not tell apart, so a copy on Windows would keep only one: rename it"},
	"win.long":     {"生成的 %[1]s 长 %[2]d 个字符（超过 %[3]d）：放进 Windows 的文件夹后，连同文件夹的路径可能超过 Windows 的 260 个字符限制，资源管理器无法复制；请缩短名称", "the output path %[1]s is %[2]d characters long (over %[3]d): put into a folder on Windows, with that folder's path it may pass Windows' 260-character limit, and Explorer could not copy it; shorten the name"},

	// serve
	"serve.port":    {"端口 %d 已被占用，改用 %d", "port %d is taken; using %d"},
	"serve.public":  {"正在监听 %s，不只是本机：同一网络中的其他人也能访问这个预览", "listening on %s, not only on this machine: others on the network can see this preview"},
	"serve.lan":     {"局域网内其他电脑可以打开：%s", "from other computers on the network: %s"},
	"serve.ready":   {"预览地址 %s（首次生成用时 %s）；按 Ctrl-C 停止", "serving at %s (first build took %s); press Ctrl-C to stop"},
	"serve.rebuilt": {"已更新，用时 %s", "updated in %s"},

	// config and as_of
	"config.syntax":   {"qingdan.toml 语法错误：%s", "qingdan.toml syntax error: %s"},
	"config.unknown":  {"未知的配置项%s", "unknown setting %s"},
	"config.type":     {"配置项 %s 应为%s，而不是%s", "setting %s must be %s, not %s"},
	"config.theme":    {"theme 应是 themes/ 下的文件夹名（小写字母、数字和连字符），而不是%s", "theme must name a folder under themes/ (lower-case letters, digits and hyphens), not %s"},
	"theme.missing":   {"没有找到主题文件夹 %s", "theme folder %s not found"},
	"config.language": {"language 只能是 zh-CN 或 en，而不是%s", "language must be zh-CN or en, not %s"},
	"config.warnGap":  {"status.warn_gap 应在 0 到 1 之间，而不是 %v", "status.warn_gap must be between 0 and 1, not %v"},
	"config.asOf":     {"as_of：%s不是有效日期，%s", "as_of: %s is not a valid date (%s)"},
	"config.asOfType": {"as_of 应写成日期，如 2022-06-30", "as_of must be a date like 2022-06-30"},
	"config.typeKey":  {"org_types 中的 key%s无效或重复，应为不重复的小写字母编号", "org_types key %s is invalid or repeated; use unique lower-case slugs"},
	"config.baseURL":  {"base_url%s不是以 http:// 或 https:// 开头、以 / 结尾的地址", "base_url %s is not an http:// or https:// URL ending in /"},
	"config.size":     {"limits.%[1]s 应写成 \"64MB\" 这样大于 0 的大小（单位 B、KB、MB、GB），而不是%[2]s", "limits.%[1]s must be a size above 0 like \"64MB\" (units B, KB, MB, GB), not %[2]s"},
	"config.rows":     {"limits.rows 应为正整数，而不是 %d", "limits.rows must be a positive whole number, not %d"},
	"config.perPage":  {"per_page 应为正整数，而不是 %d", "per_page must be a positive whole number, not %d"},
	"asof.late":       {"%[1]d 个读数的日期晚于统计截止日期 %[2]s（%[3]s），没有计入；最晚的读数是 %[4]s。%[5]s", "%[1]d reading(s) dated after the as-of date %[2]s (%[3]s) are left out; the latest is dated %[4]s. %[5]s"},
	"asof.fromConfig": {"由 qingdan.toml 中的 as_of 指定", "set by as_of in qingdan.toml"},
	"asof.fromFlag":   {"由 --as-of 指定", "set by --as-of"},
	"asof.hintConfig": {"要计入这些读数，请删去 qingdan.toml 中的 as_of（届时取最晚读数的日期），或把它改晚", "To count them, remove as_of from qingdan.toml (the latest reading's date is then used) or set it later."},
	"asof.hintFlag":   {"要计入这些读数，请用更晚的 --as-of，或不用 --as-of", "To count them, pass a later --as-of, or none."},
	"asof.none":       {"无法确定统计截止日期：progress 中没有读数；请在 qingdan.toml 设置 as_of，或使用 --as-of", "cannot tell the as-of date: there are no readings; set as_of in qingdan.toml or pass --as-of"},
	"flag.baseURL":    {"--base-url：%s不是以 http:// 或 https:// 开头的地址", "--base-url: %s is not an http:// or https:// URL"},
	"out.holdsSite":   {"输出目录 %s 是站点目录本身或包含站点目录，生成时会替换掉站点的源文件：请用 -o 指定别的目录", "output folder %s is the site folder or holds it, so a build would replace the site's sources: give another folder with -o"},
	"out.inSource":    {"输出目录 %s 位于站点的 %s 目录里，生成时会替换或混入源文件：请用 -o 指定别的目录", "output folder %s lies inside the site's %s folder, where a build would replace or mix with the sources: give another folder with -o"},
	"layout.error":    {"版式文件有错：%s", "layout error: %s"},
	"static.shadowed": {"与生成的文件 %s 同名，不会复制：请改名或移到别处", "has the same name as the generated file %s and is not copied: rename or move it"},
	"out.foreign":     {"输出目录 %s 已存在且不是 qingdan 生成的（其中没有 %s），为免删掉其中的文件，不会替换它：请清空它或用 -o 指定别的目录", "output folder %s exists and was not written by qingdan (it has no %s); to keep its files it is not replaced: empty it or give another folder with -o"},
	"flag.asOf":       {"--as-of：%s不是有效日期，%s", "--as-of: %s is not a valid date (%s)"},

	// addresses: base_url, --base-url and the menu
	"config.baseURLWhy": {"base_url%s不能用作网站地址：%s", "base_url %s cannot be the site's address: %s"},
	"flag.baseURLWhy":   {"--base-url：%s不能用作网站地址：%s", "--base-url: %s cannot be the site's address: %s"},
	"config.menu":       {"menu 第 %d 项（%s）的链接%s不能用：%s", "menu entry %d (%s): the link %s cannot be used: %s"},
	"url.scheme":        {"应以 http:// 或 https:// 开头", "it must start with http:// or https://"},
	"url.char":          {"含有地址中不能出现的字符 %s（空白、控制字符、不可见的格式字符或 \" < > \\ ^ ` { | }）", "it holds %s, which no address may hold (white space, control and invisible format characters, \" < > \\ ^ ` { | })"},
	"url.invalid":       {"不是有效的地址", "it is not a valid address"},
	"url.user":          {"不能含用户名或密码：它们会出现在每一页上", "it cannot hold a user name or password, which every page would show"},
	"url.noHost":        {"没有主机名，应写成 https://dj.example.gov.cn/ 这样", "it names no host; write it like https://dj.example.gov.cn/"},
	"url.query":         {"不能带查询（?…）或片段（#…）：各页的路径要接在它后面", "it cannot hold a query (?…) or a fragment (#…), since the pages' paths follow it"},
	"menu.scheme":       {"不允许 %s: 链接，只能是站内路径（如 projects/）、http(s):// 网址、mailto: 或 tel:", "%s: links are not allowed; use a path in the site (like projects/), an http(s):// address, mailto: or tel:"},
	"menu.noScheme":     {"以 // 开头的是别的网站，请写出 https://", "an address starting with // is another site's: write https:// before it"},
	"menu.rooted":       {"以 / 开头的路径从服务器根目录算起，网站放在子目录中时会失效：请写作相对网站根目录的%s", "a path starting with / counts from the server's root and breaks when the site lives in a sub-folder: write it from the site's root, %s"},

	// the command line: usage, help and usage errors
	"cli.usage":            {"用法：%s", "usage: %s"},
	"cli.usageMain":        {"用法：qingdan <命令> [参数]", "usage: qingdan <command> [flags]"},
	"cli.helpUsage":        {"help [命令]", "help [COMMAND]"},
	"cli.helpShort":        {"某个命令的说明和参数", "what a command does, with its flags"},
	"cli.seeHelp":          {"运行 qingdan help %s 查看说明", "run 'qingdan help %s' for details"},
	"cli.flagsOf":          {"qingdan %s 的参数：", "flags of qingdan %s:"},
	"cli.default":          {"（默认为 %s）", " (default %s)"},
	"cli.or":               {" 或 ", " or "},
	"cli.unknownCommand":   {"qingdan：没有“%s”这个命令", "qingdan: unknown command %q"},
	"cli.unknownKind":      {"qingdan %s：没有“%s”这一类（可用 %s）", "qingdan %s: unknown kind %q (%s)"},
	"cli.helpTopic":        {"qingdan help %s：没有这个命令；运行 qingdan help 查看全部命令", "qingdan help %s: unknown help topic; run 'qingdan help' for the list"},
	"cli.unexpectedArg":    {"%s：多余的参数“%s”", "%s: unexpected argument %q"},
	"cli.flagUndefined":    {"没有 %s 这个参数", "flag provided but not defined: %s"},
	"cli.flagNeedsArg":     {"参数 %s 后面缺少它的值", "flag needs an argument: %s"},
	"cli.flagBool":         {"参数 %[2]s 只能是 true 或 false，不能是“%[1]s”", "invalid boolean value %[1]q for %[2]s: %[3]s"},
	"cli.flagValue":        {"参数 %[2]s 的值“%[1]s”无效：%[3]s", "invalid value %[1]q for flag %[2]s: %[3]s"},
	"cli.flagSyntax":       {"参数写法有误：%s", "bad flag syntax: %s"},
	"cli.parseError":       {"无法识别", "parse error"},
	"cli.outOfRange":       {"超出范围", "value out of range"},
	"cli.duration":         {"应写成 500ms、2s 这样的时长", "write a duration like 500ms or 2s"},
	"cli.links":            {"只能是 dirs 或 files", "want dirs or files"},
	"cli.poll":             {"qingdan serve：--poll 至少为 10ms", "qingdan serve: --poll must be at least 10ms"},
	"cli.noSite":           {"找不到站点目录 %s（用 -s 指定）", "no site folder %s (give one with -s)"},
	"cli.notSite":          {"%s 不是 qingdan 站点：没有 qingdan.toml、data/ 或 content/；新建站点用 qingdan new site 目录", "%s is not a qingdan site: it has no qingdan.toml, data/ or content/; start one with qingdan new site DIR"},
	"cli.siteExists":       {"qingdan new site：%s 已存在且不是空目录，不会写入：请换一个目录", "qingdan new site: %s already exists and is not empty, so nothing is written: choose another folder"},
	"cli.siteMade":         {"新站点已建在 %[1]s：cd %[1]s && qingdan build", "a new site is in %[1]s: cd %[1]s && qingdan build"},
	"cli.caseDate":         {"qingdan new case：--date“%s”不是有效日期，%s", "qingdan new case: --date %q is not a valid date (%s)"},
	"cli.caseSlug":         {"qingdan new case：--slug“%s”只能由小写字母、数字和连字符组成", "qingdan new case: --slug %q: use lower-case letters, digits and hyphens"},
	"cli.caseExists":       {"qingdan new case：content/cases/%s.md 已存在", "qingdan new case: content/cases/%s.md already exists"},
	"cli.checkInterrupted": {"qingdan check：已中断", "qingdan check: interrupted"},
	"cli.interrupted":      {"qingdan build：已中断，没有留下写了一半的文件", "qingdan build: interrupted; nothing half-written is left"},
	"cli.buildFailed":      {"qingdan build：生成没有完成，%s 保持原样：%v", "qingdan build: the build did not finish, and %s is as it was: %v"},
	"cli.diskFull":         {"。磁盘已满：请腾出空间，或用 -o 把网站生成到别的磁盘", ". The disk is full: make room, or build onto another disk with -o"},

	// the command line: qingdan without arguments, the clerk's start (cli/start.go)
	"cli.startPreview":    {"正在预览 %[1]s 中的站点，浏览器会自动打开 %[2]s", "previewing the site in %[1]s; your browser opens %[2]s"},
	"cli.startStop":       {"修改数据或文章并保存后，浏览器中的页面会自动更新。要停止预览，请关闭这个窗口，或按 Ctrl-C", "pages in the browser update as you save data or articles; to stop the preview, close this window or press Ctrl-C"},
	"cli.openFailed":      {"无法自动打开浏览器（%[1]v）：请在浏览器中打开 %[2]s", "could not open a browser (%[1]v): open %[2]s in one"},
	"cli.startHere":       {"这里还没有站点：运行 qingdan new site . 在这里新建站点，然后运行 qingdan 预览", "there is no site here yet: run qingdan new site . to start a site here, then qingdan to preview it"},
	"cli.startNoSite":     {"%s 不是 qingdan 站点（其中没有 qingdan.toml），也不是空文件夹。请把 qingdan 放进站点文件夹，或放进一个新建的空文件夹（会在其中新建示例站点），再双击它", "%s is not a qingdan site (it has no qingdan.toml) and not an empty folder. Put qingdan into a site folder, or into a new empty folder (a sample site is made there), and double-click it again"},
	"cli.startPause":      {"按回车键关闭这个窗口", "press Enter to close this window"},
	"cli.siteMadeHere":    {"新站点已建在这个文件夹：运行 qingdan 预览，运行 qingdan build 生成网站", "a new site is in this folder: run qingdan to preview it, qingdan build to build it"},
	"cli.siteMadeHereExe": {"新站点已建在这个文件夹：双击 qingdan 或运行 qingdan 预览，运行 qingdan build 生成网站", "a new site is in this folder: double-click qingdan or run it to preview the site, qingdan build to build it"},

	// the command line: what each flag is for (a `word` names its value)
	"usage.src":         {"站点`目录`", "the site `folder`"},
	"usage.asOf":        {"统计截止`日期`（YYYY-MM-DD）", "the as-of `date` (YYYY-MM-DD)"},
	"usage.now":         {"定时发布的站点（scheduled = true）按这一天发布文章，`YYYY-MM-DD`", "the day a site that schedules its cases (scheduled = true) publishes up to, `YYYY-MM-DD`"},
	"usage.drafts":      {"包括草稿", "include drafts"},
	"usage.publish":     {"不发布未经终审的案例", "leave out cases without a final review (终审)"},
	"usage.out":         {"输出`目录`（默认为 SRC/public）", "the output `folder` (default SRC/public)"},
	"usage.baseURL":     {"网站的公开`地址`", "the site's public `URL`"},
	"usage.ignoreCache": {"不用 resources/_gen 里保存的小图和文件记录，全部重新做", "take nothing kept in resources/_gen (pictures' copies, the record of files): make everything again"},
	"usage.links":       {"`dirs`（链接以 / 结尾，默认）或 files（链接以 index.html 结尾，便于直接打开文件）", "`dirs` (links end in /, the default) or files (links end in index.html, for opening from disk)"},
	"usage.bind":        {"监听的`地址`", "the `address` to listen on"},
	"usage.port":        {"首先尝试的`端口`", "the `port` to try first"},
	"usage.poll":        {"每隔这段`时间`（如 500ms）检查一次文件，不依赖文件事件，用于网络共享目录", "poll the files at this `interval` (e.g. 500ms) instead of using file events, for network shares"},
	"usage.slug":        {"文章网址中的`名称`（默认取标题的拼音）", "the article's URL `name` (default: the title's pinyin)"},
	"usage.date":        {"文章的`日期`（默认为今天）", "the article's `date` (default: today)"},
}
