package content

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/qingdan/qingdan/internal/diag"
)

// sameAsYAML checks that when simpleYAML reads front, yaml.v3 reads the
// same fields from it, without a message; it reports whether simpleYAML
// read it.
func sameAsYAML(t *testing.T, front string) bool {
	t.Helper()
	fast, ok := simpleYAML([]byte(front))
	if !ok {
		return false
	}
	var l diag.List
	slow, sok := yamlFields([]byte(front), diag.Pos{File: "a.md"}, &l)
	if !sok || l.Len() > 0 || !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%q:\nsimpleYAML %#v\nyaml.v3    %#v (%v, %v)", front, fast, slow, sok, l.Sorted())
	}
	return true
}

// frontValues are values simpleYAML reads and values near them that it
// must leave to yaml.v3 (numbers, booleans, dates of other forms,
// comments, colons, escapes, quotes, spaces, lists of other things).
var frontValues = []string{
	"一片茶叶富了隆中村", `"隆中村围绕古茶园推行清单化管理。"`, "[茶产业, 乡村振兴]", "[本报记者 顾红]", "[longzhong-1]",
	"2019-09-03", "2019-9-3", "2019-02-30", "2019-09-03T10:00:00Z", "县区动态", "中文 ", "中文  两个空格", "中文\t制表",
	"中文: 冒号", "中文:", "中文 #注释", "中文#井号", `"带\"转义"`, `"a\nb"`, `""`, `"中文" 尾巴`, "'单引号'", "[]", "[中文,]",
	"[中文, [嵌套]]", "[中文 ,  乡村 ]", "{a: b}", "yes", "no", "null", "~", "true", "1", "0x1F", "1e3", ".inf", "-", "- 中文",
	"中文 - 列表", "中文(括号)/斜线_下划线.点", "中文，全角：标点“引号”", "中文\u2028分隔", "中文\u0085", "中文\ufeff", "中文\x7f",
	"中文\u00a0不换行空格", "longzhong-1", "photo.jpg", "a/b_c.d", "true", "false", "null", "yes", "on", "off", "y", "n", "nan", "inf",
	"abc-", "a b", "a:b", "[longzhong-1, 中文]", "[true]", "[null, a]", "Abc", "a1e3", "e3", "x1", "o17", "a中文", "&锚点", "*别名", "!标签 中文", "|", ">", "中文 ,逗号", "中文[方括号]", "〇二三", "[〇, 一]", "\"\"\"",
}

var frontKeys = []string{"title", "date", "tags", "org_2", "a", "Title", "2a", "_x", "标题", "title ", "tags:", "<<"}

// TestSimpleYAML reads front matters made of the keys and values above,
// and of the lines yaml.v3 reads differently (indented, commented,
// continued, fenced), as yaml.v3 reads them; the usual ones are read.
func TestSimpleYAML(t *testing.T) {
	usual := "title: 一片茶叶富了隆中村\ndate: 2019-09-03\ncolumn: 县区动态\nauthors: [本报记者 顾红]\n" +
		"orgs: [longzhong-1]\ncover: photo.jpg\ntags: [茶产业, 乡村振兴]\nsummary: \"隆中村围绕古茶园推行清单化管理，党员带头采摘春茶。\"\n"
	if !sameAsYAML(t, usual) {
		t.Fatal("simpleYAML leaves the usual front matter to yaml.v3")
	}
	for _, k := range frontKeys {
		for _, v := range frontValues {
			sameAsYAML(t, k+": "+v+"\n")
		}
	}
	lines := []string{"title: 中文", "tags: [中文, 英文]", "date: 2019-09-03", "", "# 注释", "  缩进: 中文", "续行",
		"---", "...", "title: 重复", "a:  中文", "a:中文", "\ttab: 中文", "summary: \"中文\""}
	r := rand.New(rand.NewPCG(3, 4))
	read := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			if r.IntN(3) == 0 {
				b.WriteString(frontKeys[r.IntN(len(frontKeys))] + ": " + frontValues[r.IntN(len(frontValues))])
			} else {
				b.WriteString(lines[r.IntN(len(lines))])
			}
			if r.IntN(8) > 0 {
				b.WriteString("\n")
			}
		}
		if sameAsYAML(t, b.String()) {
			read++
		}
	}
	if read < 1000 {
		t.Fatalf("simpleYAML read %d of 20000 front matters: too few to compare", read)
	}
}

// FuzzSimpleYAML holds simpleYAML to yaml.v3 on any front matter.
func FuzzSimpleYAML(f *testing.F) {
	for _, k := range frontKeys[:4] {
		for _, v := range frontValues {
			f.Add(k + ": " + v + "\ntags: [中文, 乡村]\n")
		}
	}
	f.Fuzz(func(t *testing.T, front string) { sameAsYAML(t, front) })
}
