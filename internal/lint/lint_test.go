package lint

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// got renders the findings for src (first line 1) as "line:col rule text".
func got(src string) []string {
	var out []string
	for _, f := range Markdown([]byte(src), 1) {
		out = append(out, fmt.Sprintf("%d:%d %s %s", f.Line, f.Col, f.Rule, f.Text))
	}
	return out
}

type tcase struct {
	name string
	src  string
	want []string // "line:col rule text"; nil means no findings
}

func run(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := got(c.src)
			if !slices.Equal(g, c.want) {
				t.Errorf("Markdown(%q)\n got  %q\n want %q", c.src, g, c.want)
			}
		})
	}
}

const hw = RuleHalfWidthPunct

func TestHalfWidthPunct(t *testing.T) {
	run(t, []tcase{
		// Positives.
		{"comma", "我们,你们", []string{"1:2 " + hw + " 们,你"}},
		{"period", "完成了.下一步", []string{"1:3 " + hw + " 了.下"}},
		{"colon at end of line", "目标:", []string{"1:2 " + hw + " 标:"}},
		{"colon then blank", "目标: 完成任务。", []string{"1:2 " + hw + " 标: 完"}},
		{"semicolon", "加强组织建设;深化作风建设。", []string{"1:6 " + hw + " 设;深"}},
		{"news sentence", "习近平总书记强调,要坚持以人民为中心的发展思想.",
			[]string{"1:8 " + hw + " 调,要", "1:23 " + hw + " 想."}},
		{"parentheses", "党的第二十次全国代表大会(扩大)召开",
			[]string{"1:12 " + hw + " 会(扩", "1:15 " + hw + " 大)召"}},
		{"parenthesis at end of line", "全国代表大会(简称二十大)",
			[]string{"1:6 " + hw + " 会(简", "1:12 " + hw + " 大)"}},
		{"run counts once", "（简称二十大),会议召开", []string{"1:6 " + hw + " 大),会"}},
		{"question and exclamation", "真的吗?!", []string{"1:3 " + hw + " 吗?!"}},
		{"after curly quote", "深入开展“两学一做”,推动学习教育常态化。", []string{"1:10 " + hw + " ”,推"}},
		{"before CJK punctuation", "会议强调,“三会一课”要落实。", []string{"1:4 " + hw + " 调,“"}},
		{"behind emphasis", "**目标**:完成改造。", []string{"1:4 " + hw + " 标**:完"}},
		{"behind a link", "见[通知](n.md),按要求办理。", []string{"1:4 " + hw + " 知](n.md),按"}},
		{"behind a long link", "见[通知](https://www.gov.cn/zhengce/a.htm),按要求办理。",
			[]string{"1:39 " + hw + " ),按"}},
		{"in a heading", "## 一.总则", []string{"1:4 " + hw + " 一.总"}},
		{"in a list item", "1. 坚持党的领导,加强党的建设。", []string{"1:9 " + hw + " 导,加"}},
		{"in a block quote", "> 不忘初心,牢记使命。", []string{"1:6 " + hw + " 心,牢"}},
		{"link text", "[我们,你们](a.md)", []string{"1:3 " + hw + " 们,你"}},
		{"two on a line", "第一,第二.", []string{"1:2 " + hw + " 一,第", "1:5 " + hw + " 二."}},

		// Negatives.
		{"decimal", "总投资1.5万元。", nil},
		{"time", "下午3:30召开会议。", nil},
		{"date", "时间为2022.6.30。", nil},
		{"ordered list marker", "1. 第一项\n2) 第二项", nil},
		{"bullet", "- 列表项", nil},
		{"ellipsis", "等等...", nil},
		{"ellipsis before Chinese", "学习...然后", nil},
		{"after Latin", "使用Python,提高效率。", nil},
		{"abbreviation in parentheses", "世界卫生组织(WHO)发布报告。", nil},
		{"before Latin", "中文, English", nil},
		{"before digit", "完成了.2023年", nil},
		{"opening parenthesis at end", "会议(", nil},
		{"image", "见![图片](a.png)", nil},
		{"code span", "运行`中,文`即可。", nil},
		{"after code span", "运行`go build`,然后部署。", nil},
		{"url", "详见https://www.gov.cn/a,b.html。", nil},
		{"www url", "详见www.gov.cn/中。", nil},
		{"autolink", "详见<https://x.cn/a,b>。", nil},
		{"link destination", "[文件](中,文.md)", nil},
		{"link title", `[文件](a.md "中,文")`, nil},
		{"html attribute", `<span title="中,文">内容</span>`, nil},
		{"html comment", "正文<!-- 注,释 -->正文", nil},
		{"reference definition", "[1]: https://x.cn 中,文", nil},
		{"fullwidth already", "我们，你们。", nil},
		{"table", "| 项目 | 说明 |\n|:---|---:|\n| 一 | 二 |", nil},
		{"emoji shortcode", "很好:smile:", nil},
	})
}

const sp = RuleSpaceInChinese

func TestSpaceInChinese(t *testing.T) {
	run(t, []tcase{
		// Positives.
		{"ascii space", "我们要学好中 文，讲好中国故事。", []string{"1:6 " + sp + " 中 文"}},
		{"ideographic space", "坚持以人民为中心的　发展思想。", []string{"1:9 " + sp + " 的　发"}},
		{"several spaces", "推动  高质量发展。", []string{"1:2 " + sp + " 动  高"}},
		{"no-break space", "深化\u00a0改革。", []string{"1:2 " + sp + " 化\u00a0改"}},
		{"tab", "深化\t改革。", []string{"1:2 " + sp + " 化\t改"}},
		{"two in a line", "加强 党的 建设。", []string{"1:2 " + sp + " 强 党", "1:5 " + sp + " 的 建"}},
		{"in a heading with punctuation", "## 一、加强 组织建设", []string{"1:7 " + sp + " 强 组"}},
		{"long tail is prose", "会议要求，各级党组织要认真学习 贯彻落实会议精神",
			[]string{"1:15 " + sp + " 习 贯"}},
		{"names are separated by 、", "出席：张三 李四 王五。",
			[]string{"1:5 " + sp + " 三 李", "1:8 " + sp + " 四 王"}},
		{"short tail is not a credit", "一、加强 组织建设", []string{"1:4 " + sp + " 强 组"}},
		{"ordinal not at start of word", "根据本法第三条 规定。", []string{"1:7 " + sp + " 条 规"}},

		// Negatives.
		{"han and latin", "使用 Python 开发，效率高。", nil},
		{"han and digit", "2022年 6月 30日，召开会议。", nil},
		{"after punctuation", "我们， 你们。", nil},
		{"leading indent", "　　读书，是党员的基本功。", nil},
		{"soft wrap", "我们要坚持\n以人民为中心。", nil},
		{"hard break", "我们要坚持  \n以人民为中心。", nil},
		{"table alignment row", "| 姓名 | 单位 |\n| :--- | ---: |\n| 张三 | 组织部 |", nil},
		{"headline", "坚持人民至上 推动高质量发展", nil},
		{"byline", "本报记者 张三 通讯员 李四", nil},
		{"article label", "第一条　为了规范党内政治生活，制定本条例。", nil},
		{"chapter label", "第3章 总则，附则。", nil},
		{"bracketed byline", "本报昆明6月1日电（记者 张三 李四）会议召开。", nil},
		{"photo credit", "图为活动现场。新华社记者 张三 摄", nil},
		{"photo credit alone", "图为活动现场。张三 摄", nil},
		{"code span", "运行`中 文`，即可。", nil},
		{"link destination", "[文件](中 文.md)，见附件。", nil},
		{"fenced code", "```\n中 文，中 文\n```", nil},
	})
}

const eh = RuleEmptyHeading

func TestEmptyHeading(t *testing.T) {
	run(t, []tcase{
		{"h2 with space", "## ", []string{"1:1 " + eh + " ##"}},
		{"h3 bare", "###", []string{"1:1 " + eh + " ###"}},
		{"h1 bare", "#", []string{"1:1 " + eh + " #"}},
		{"closing sequence only", "## ##", []string{"1:1 " + eh + " ## ##"}},
		{"indented", "   ##", []string{"1:4 " + eh + " ##"}},
		{"in a block quote", "> ##", []string{"1:3 " + eh + " ##"}},
		{"after text", "正文。\n\n##\n正文。", []string{"3:1 " + eh + " ##"}},

		{"with text", "## 标题", nil},
		{"hashtag", "#两会#", nil},
		{"seven hashes", "#######", nil},
		{"hash as text", "## # #", nil},
		{"in fenced code", "```sh\n#\n```", nil},
		{"indented code", "    ##", nil},
	})
}

const ph = RulePhone

func TestPhone(t *testing.T) {
	run(t, []tcase{
		// Positives.
		{"mobile in a sentence", "联系电话：13812345678。", []string{"1:6 " + ph + " 13812345678"}},
		{"mobile after han", "电话13912345678", []string{"1:3 " + ph + " 13912345678"}},
		{"mobile with hyphens", "拨打138-1234-5678咨询", []string{"1:3 " + ph + " 138-1234-5678"}},
		{"mobile with spaces", "手机 138 1234 5678", []string{"1:4 " + ph + " 138 1234 5678"}},
		{"country code", "+86 138 1234 5678", []string{"1:1 " + ph + " +86 138 1234 5678"}},
		{"country code glued", "+8613812345678", []string{"1:1 " + ph + " +8613812345678"}},
		{"landline", "办公室电话0871-12345678。", []string{"1:6 " + ph + " 0871-12345678"}},
		{"landline seven digits", "0691-2123456", []string{"1:1 " + ph + " 0691-2123456"}},
		{"beijing landline", "010-62345678", []string{"1:1 " + ph + " 010-62345678"}},
		{"landline parenthesised", "（0871）6543210", []string{"1:1 " + ph + " （0871）6543210"}},
		{"landline parenthesised ascii", "(021) 51234567", []string{"1:1 " + ph + " (021) 51234567"}},
		{"link text", "[13812345678](tel:13812345678)", []string{"1:2 " + ph + " 13812345678"}},
		{"two numbers", "13812345678,13987654321",
			[]string{"1:1 " + ph + " 13812345678", "1:13 " + ph + " 13987654321"}},

		// Negatives.
		{"not a mobile prefix", "12345678901", nil},
		{"twelve digits", "138123456789", nil},
		{"inside a longer run", "213812345678", nil},
		{"amount", "总投资13800000000元", nil},
		{"amount with space", "共计13800000000 人次", nil},
		{"currency", "￥13800000000", nil},
		{"decimal before", "3.13812345678", nil},
		{"decimal after", "13812345678.5", nil},
		{"beijing with seven digits", "010-1234567", nil},
		{"local starting with 0", "0871-0123456", nil},
		{"service number", "400-123-4567", nil},
		{"date", "2022-06-30", nil},
		{"url", "https://x.cn/13812345678", nil},
		{"code span", "`13812345678`", nil},
		{"inconsistent grouping", "138-1234 5678", nil},
	})
}

// withCheck appends the check character to a 17-digit ID prefix. It is
// written differently from the package: weight i is 2^(17-i) mod 11 and the
// check value is (12 - sum mod 11) mod 11, 10 being written X.
func withCheck(prefix string) string {
	sum := 0
	for i, c := range prefix {
		w := 1
		for range 17 - i {
			w = w * 2 % 11
		}
		sum += int(c-'0') * w
	}
	v := (12 - sum%11) % 11
	if v == 10 {
		return prefix + "X"
	}
	return prefix + string(rune('0'+v))
}

// wrongCheck returns id with a different, wrong check character.
func wrongCheck(id string) string {
	if id[17] == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

func TestWithCheck(t *testing.T) {
	// A published sample number: 11010519491231002X.
	if got := withCheck("11010519491231002"); got != "11010519491231002X" {
		t.Fatalf("withCheck = %s", got)
	}
}

const id = RuleIDCard

func TestIDCard(t *testing.T) {
	valid := withCheck("53010219900307123")
	var withX string // a valid ID whose check character is X
	for d := '0'; d <= '9'; d++ {
		if s := withCheck("5301021985021512" + string(d)); s[17] == 'X' {
			withX = s
			break
		}
	}
	if withX == "" {
		t.Fatal("no prefix with check X")
	}
	lowerX := withX[:17] + "x"
	leap := withCheck("53010220000229001")    // 29 February 2000
	notLeap := withCheck("53010219000229001") // 1900 was not a leap year
	badMonth := withCheck("53010219901301001")
	badDay := withCheck("53010219900431001")

	run(t, []tcase{
		{"alone", valid, []string{"1:1 " + id + " " + valid}},
		{"in a sentence", "身份证号：" + valid + "，住址", []string{"1:6 " + id + " " + valid}},
		{"check X", "证件号" + withX, []string{"1:4 " + id + " " + withX}},
		{"check lower x", lowerX + "。", []string{"1:1 " + id + " " + lowerX}},
		{"leap day", leap, []string{"1:1 " + id + " " + leap}},

		{"wrong check", wrongCheck(valid), nil},
		{"wrong check X", wrongCheck(withX), nil},
		{"not a leap year", notLeap, nil},
		{"month 13", badMonth, nil},
		{"31 April", badDay, nil},
		{"preceded by a digit", "1" + valid, nil},
		{"followed by a digit", valid + "1", nil},
		{"masked", "530102********1234", nil},
		{"code span", "`" + valid + "`", nil},
	})
}

func TestLinesAndColumns(t *testing.T) {
	src := "# 标题\n" + // 10
		"\n" + // 11
		"这是第一段,包含错误。\n" + // 12
		"```go\n" + // 13
		"fmt.Println(\"中,文\") // 中 文\n" + // 14
		"```\n" + // 15
		"　　第二段有电话13812345678和空格中 文。\n" + // 16
		"~~~~\n" + // 17
		"中,文\n" + // 18
		"~~~\n" + // 19: too short to close
		"~~~~~\n" + // 20
		"最后一行目标:" // 21
	gotf := Markdown([]byte(src), 10)
	want := []Finding{
		{12, 5, hw, "段,包"},
		{16, 9, ph, "13812345678"},
		{16, 23, sp, "中 文"},
		{21, 6, hw, "标:"},
	}
	if !slices.Equal(gotf, want) {
		t.Errorf("got  %v\nwant %v", gotf, want)
	}
}

func TestSkipped(t *testing.T) {
	run(t, []tcase{
		{"fence with info string", "```go title=\"a\"\n中,文\n```\n中,文",
			[]string{"4:1 " + hw + " 中,文"}},
		{"long fence not closed by shorter", "````\n```\n中,文\n````\n中,文",
			[]string{"5:1 " + hw + " 中,文"}},
		{"tilde fence", "~~~\n13812345678\n~~~", nil},
		{"unclosed fence", "```\n中,文\n中 文。", nil},
		{"fence in a list", "- 步骤：\n  ```\n  中,文\n  ```", nil},
		{"fence in a block quote", "> ```\n> 中,文\n> ```", nil},
		{"indented code", "正文。\n\n    中,文\n    13812345678", nil},
		{"indented paragraph continuation", "正文,\n    中,文",
			[]string{"1:2 " + hw + " 文,", "2:5 " + hw + " 中,文"}},
		{"list continuation is prose", "- 第一项\n\n    中,文", []string{"3:5 " + hw + " 中,文"}},
		{"multi-line comment", "<!--\n中,文\n13812345678\n-->正文,", []string{"4:5 " + hw + " 文,"}},
		{"script block", "<script>\nvar a = \"中,文\";\n</script>\n中,文", []string{"4:1 " + hw + " 中,文"}},
		{"inline code with double backticks", "``中,`文``。", nil},
		{"unmatched backtick", "`中,文", []string{"1:2 " + hw + " 中,文"}},
		{"escaped backtick", "\\`中,文`", []string{"1:3 " + hw + " 中,文"}},
		{"crlf", "中,文\r\n中 文。\r\n", []string{"1:1 " + hw + " 中,文", "2:1 " + sp + " 中 文"}},
	})
}

func TestFirstLineOffset(t *testing.T) {
	for _, first := range []int{1, 7, 120} {
		f := Markdown([]byte("正文。\n我们,你们"), first)
		if len(f) != 1 || f[0].Line != first+1 || f[0].Col != 2 {
			t.Errorf("firstLine %d: %v", first, f)
		}
	}
}

func TestOrder(t *testing.T) {
	f := Markdown([]byte("中 文,电话13812345678。\n##\n"), 1)
	want := []Finding{
		{1, 1, sp, "中 文"},
		{1, 3, hw, "文,电"},
		{1, 7, ph, "13812345678"},
		{2, 1, eh, "##"},
	}
	if !slices.Equal(f, want) {
		t.Errorf("got  %v\nwant %v", f, want)
	}
}

func TestEmpty(t *testing.T) {
	for _, s := range []string{"", "\n", "\n\n", "```", "<!--", "#"} {
		_ = Markdown([]byte(s), 1)
	}
	if f := Markdown(nil, 1); f != nil {
		t.Errorf("nil input: %v", f)
	}
}

// article is a realistic case article of about 5,000 characters.
func article() []byte {
	para := []string{
		"## 一、党建引领，激活发展新动能",
		"",
		"近年来，东勐村党总支坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，" +
			"把党支部建在产业链上、党员聚在产业链上、群众富在产业链上，走出了一条“党建+产业”的乡村振兴新路子。" +
			"村党总支书记介绍，2022年全村茶叶产量达1.5万吨，村集体经济收入突破50万元，村民人均纯收入达到1.429万元。",
		"",
		"- 建立“支部+合作社+农户”模式，带动农户增收；",
		"- 推行党员“积分制”管理，激发党员干事创业热情；",
		"- 开展“三会一课”，详见[工作制度](https://www.example.gov.cn/zhidu/2022/0630.html)。",
		"",
		"> 不忘初心，牢记使命。只有把群众的事当作自己的事，才能赢得群众的信任和支持。",
		"",
		"```text",
		"联系方式：0871-12345678（示例，不会检查）",
		"```",
		"",
		"在具体工作中，村党总支注重发挥党员先锋模范作用，组织党员成立志愿服务队，开展技术培训、" +
			"政策宣讲、矛盾调解等服务，推动各项工作落地见效。`go test` 之外，村里还建起了电商服务站，" +
			"让茶叶通过网络走向全国各地，真正实现了“小茶叶、大产业”。",
		"",
	}
	var b strings.Builder
	for n := 0; n < 5000; {
		for _, p := range para {
			b.WriteString(p)
			b.WriteByte('\n')
			n += utf8.RuneCountInString(p) + 1
		}
	}
	return []byte(b.String())
}

func BenchmarkMarkdown(b *testing.B) {
	src := article()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Markdown(src, 1)
	}
	b.ReportMetric(float64(utf8.RuneCount(src)), "chars")
}

func TestArticleIsClean(t *testing.T) {
	if f := Markdown(article(), 1); len(f) != 0 {
		t.Errorf("findings in a clean article: %v", f)
	}
}

// BenchmarkMarkdownLong lints ten articles in one text: the time per
// character should match BenchmarkMarkdown, the linter being linear.
func BenchmarkMarkdownLong(b *testing.B) {
	src := bytes.Repeat(article(), 10)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Markdown(src, 1)
	}
	b.ReportMetric(float64(utf8.RuneCount(src)), "chars")
}

const inv = RuleInvisible

func TestInvisible(t *testing.T) {
	run(t, []tcase{
		{"zero-width space", "党建\u200b引领", []string{"1:3 " + inv + " U+200B"}},
		{"a run is one finding", "党建\u200b\u200b\ufeff引领", []string{"1:3 " + inv + " U+200B"}},
		{"two runs", "\u200b党建\u2060引领", []string{"1:1 " + inv + " U+200B", "1:4 " + inv + " U+2060"}},
		{"bidi override in code", "```\nx := \"\u202e\"\n```", []string{"2:7 " + inv + " U+202E"}},
		{"soft hyphen", "lo\u00adng", []string{"1:3 " + inv + " U+00AD"}},
		{"control character", "党建\x08引领", []string{"1:3 " + inv + " U+0008"}},
		{"second line", "第一行\n第二行\u200b", []string{"2:4 " + inv + " U+200B"}},
		{"tab is fine", "a\tb", nil},
		{"emoji joiner is fine", "👨\u200d👩", nil},
		{"full-width space alone is fine", "\u3000\u3000党建引领。", nil},
	})
}
