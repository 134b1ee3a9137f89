package main

import (
	"math/rand/v2"
	"strings"
)

// syllable is a character used in place names, with its pinyin for ids.
type syllable struct{ han, py string }

// placeChars make up invented place names: two of them name a town, a
// village or a community.
var placeChars = parseSyllables(`
龙long 泉quan 石shi 桥qiao 青qing 山shan 河he 坝ba 田tian 新xin 安an 平ping
兴xing 隆long 云yun 岭ling 松song 柏bai 桃tao 李li 梅mei 竹zhu 茶cha 花hua
溪xi 水shui 塘tang 湾wan 寨zhai 营ying 庄zhuang 沟gou 坪ping 岗gang 阳yang 东dong
西xi 南nan 北bei 中zhong 上shang 下xia 大da 小xiao 长chang 高gao 白bai 红hong
金jin 银yin 凤feng 鹤he 鹿lu 马ma 牛niu 羊yang 乐le 宁ning 永yong 丰feng
富fu 顺shun 德de 明ming 光guang 华hua 文wen 武wu 清qing 秀xiu 峰feng 林lin
杨yang 柳liu 枫feng 桂gui 兰lan 荷he 莲lian 源yuan 江jiang 渡du 口kou 湖hu
`)

// provinceChars name the invented province and its cities.
var provinceChars = parseSyllables(`云yun 岭ling 滇dian 黔qian 川chuan 湘xiang 赣gan 闽min 桂gui 皖wan`)

func parseSyllables(s string) []syllable {
	var out []syllable
	for _, f := range strings.Fields(s) {
		i := 0
		for i < len(f) && f[i] >= 0x80 {
			i++
		}
		out = append(out, syllable{f[:i], f[i:]})
	}
	return out
}

// place is an invented two-character name and its pinyin.
func place(r *rand.Rand, chars []syllable) (han, py string) {
	a := chars[r.IntN(len(chars))]
	b := chars[r.IntN(len(chars))]
	for b.han == a.han {
		b = chars[r.IntN(len(chars))]
	}
	return a.han + b.han, a.py + b.py
}

var surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")

var givenChars = []rune("建国华明军平志红玉兰英芳秀丽伟强敏静春梅海涛云峰德荣光辉文武永刚立新正良成桂珍凤霞学忠宏艳晓东俊杰丹红勇琴燕飞鹏慧娟家林子轩雨欣浩然婷思远")

// person is an invented full name: a surname and one or two given characters.
func person(r *rand.Rand) string {
	var b strings.Builder
	b.WriteRune(surnames[r.IntN(len(surnames))])
	b.WriteRune(givenChars[r.IntN(len(givenChars))])
	if r.IntN(10) < 7 {
		b.WriteRune(givenChars[r.IntN(len(givenChars))])
	}
	return b.String()
}

// pick is a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// pickN is n distinct random elements of list, in list order.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	idx := r.Perm(len(list))[:min(n, len(list))]
	seen := make([]bool, len(list))
	for _, i := range idx {
		seen[i] = true
	}
	out := make([]T, 0, n)
	for i, v := range list {
		if seen[i] {
			out = append(out, v)
		}
	}
	return out
}

// named is a fixed Chinese name with a short id token.
type named struct{ han, id string }

var bureaus = []named{
	{"财政局", "czj"}, {"农业农村局", "nyncj"}, {"自然资源局", "zrzyj"}, {"住房和城乡建设局", "zjj"},
	{"交通运输局", "jtysj"}, {"水务局", "swj"}, {"民政局", "mzj"}, {"人力资源和社会保障局", "rsj"},
	{"市场监督管理局", "scjgj"}, {"文化和旅游局", "wlj"}, {"林业和草原局", "lcj"}, {"统计局", "tjj"},
	{"审计局", "sjj"}, {"应急管理局", "yjj"}, {"医疗保障局", "ybj"}, {"司法局", "sfj"},
	{"商务局", "swuj"}, {"发展和改革局", "fgj"}, {"乡村振兴局", "xczxj"}, {"生态环境分局", "sthj"},
	{"退役军人事务局", "tyjrj"}, {"科学技术局", "kjj"}, {"融媒体中心", "rmt"}, {"档案馆", "dag"},
	{"图书馆", "tsg"}, {"文化馆", "whg"}, {"农业技术推广中心", "njzx"}, {"政务服务管理局", "zwj"},
	{"信访局", "xfj"}, {"供销合作社联合社", "gxs"}, {"总工会", "zgh"}, {"团县委", "txw"},
	{"妇女联合会", "fl"}, {"残疾人联合会", "cl"}, {"气象局", "qxj"}, {"税务局", "swju"},
}

var companies = []named{
	{"城市建设投资集团有限公司", "ct"}, {"交通投资有限公司", "jt"}, {"水务投资有限公司", "sw"},
	{"农业发展投资有限公司", "nt"}, {"文化旅游发展集团有限公司", "wl"}, {"粮食购销有限公司", "ls"},
	{"国有资本运营有限公司", "gz"}, {"供电有限公司", "gd"}, {"公共交通有限公司", "gj"},
	{"自来水有限公司", "zls"}, {"茶业集团有限公司", "cy"}, {"林场", "lc"},
}

var hospitals = []named{
	{"人民医院", "rmyy"}, {"中医医院", "zyyy"}, {"妇幼保健院", "fybj"}, {"疾病预防控制中心", "jk"},
	{"第二人民医院", "ry2"}, {"精神卫生中心", "jw"}, {"卫生监督所", "wj"},
}

var schools = []named{
	{"第一中学", "yz"}, {"第二中学", "ez"}, {"民族中学", "mz"}, {"职业高级中学", "zz"},
	{"实验小学", "sx"}, {"第一小学", "yx"}, {"特殊教育学校", "tj"}, {"幼儿园", "yey"},
}

var industries = []string{"茶业", "食品", "物流", "建材", "电子商务", "农业科技", "生物科技", "电力设备", "中药材", "包装", "酒业", "旅游开发"}

var socialOrgs = []named{
	{"志愿者协会", "zyz"}, {"律师事务所", "ls"}, {"快递行业", "kd"}, {"外卖配送站", "wm"},
	{"社会工作服务中心", "sg"}, {"个体劳动者协会", "gx"}, {"电商协会", "ds"}, {"物业管理有限公司", "wy"},
}

var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

var coops = []string{"茶叶", "核桃", "烤烟", "蔬菜", "生猪养殖", "中药材", "花卉", "食用菌", "蚕桑", "水果"}

var departments = map[string][]string{
	"organ":      {"办公室", "综合股", "财务股", "规划股", "执法大队", "业务股", "服务中心"},
	"health":     {"内科", "外科", "妇产科", "儿科", "急诊科", "护理部", "医技科室", "行政后勤", "公共卫生科"},
	"school":     {"初中部", "小学部", "高一年级", "高二年级", "高三年级", "行政后勤", "退休教师"},
	"enterprise": {"机关", "工程部", "运营部", "营销中心", "项目部", "生产车间", "财务部"},
}

// tags are the fixed tags of case articles.
var tags = []string{
	"基层治理", "乡村振兴", "组织建设", "党员教育", "志愿服务", "产业发展", "茶产业", "集体经济",
	"网格化管理", "红色物业", "院坝协商", "服务群众", "人居环境", "移风易俗", "党建引领", "两新组织",
	"机关党建", "校园党建", "医疗卫生", "国企党建", "人才振兴", "文明实践", "便民服务", "民族团结",
	"生态保护", "电商助农", "老年服务", "青年党员", "先锋模范", "阵地建设",
}

// columns are qingdan's default columns (栏目).
var columns = []string{"本期聚焦", "基层实践", "短评", "县区动态", "企业窗口", "图片新闻"}

var readingNotes = []string{
	"入户核实", "季度抽查确认", "含新增两个村民小组", "数据来源于乡镇台账", "已报县委组织部备案",
	"按新口径统计", "雨季施工暂缓", "第三方复核", "党员大会通过", "含跨年结转部分", "补录上月数据",
	"经支委会审议", "群众满意度回访", "受疫情影响进度放缓", "现场验收",
}
