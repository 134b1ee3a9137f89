package main

import (
	"math"
	"math/rand/v2"
	"strings"
)

// projTpl is a kind of 党建项目: what it counts and how big the numbers are.
type projTpl struct {
	category, types string   // types: the org types that run it, |-separated
	titles          []string // appended to the org's short name
	indicator, unit string
	dec             int    // decimals of the values: 0 or 1
	base, delta     [2]int // ranges of the baseline and of |target − baseline|
	down            bool   // the target is below the baseline
	tasks           string // the tasks.csv items it may fulfil, |-separated
	summary         string // {p} is the org's short name
}

var projTpls = []projTpl{
	{"产业发展", "rural", []string{"标准化茶园提质增效", "生态茶园建设", "茶园低改提升"}, "标准化茶园面积", "亩", 0, [2]int{200, 2500}, [2]int{80, 1200}, false, "chayuan",
		"由{p}党组织牵头，统一修剪、施肥和病虫害绿色防控，党员带头示范，分片包干到户。"},
	{"产业发展", "rural", []string{"支部领办合作社", "特色种植基地建设"}, "入社农户", "户", 0, [2]int{0, 120}, [2]int{30, 260}, false, "chayuan|jitijingji",
		"{p}党组织领办专业合作社，统一技术、统一收购，带动农户入社分红。"},
	{"乡村振兴", "rural", []string{"村级集体经济增收", "集体经济消薄"}, "村集体经营性收入", "万元", 1, [2]int{2, 30}, [2]int{5, 45}, false, "jitijingji",
		"盘活{p}闲置校舍和集体林地，发展入股分红和服务创收，逐步壮大集体经济。"},
	{"乡村振兴", "rural|community", []string{"人居环境整治", "村庄清洁行动"}, "未整改卫生死角", "处", 0, [2]int{40, 320}, [2]int{30, 300}, true, "renju",
		"党员分片包干{p}背街小巷和房前屋后，建立问题台账，整改一处销号一处。"},
	{"乡村振兴", "rural", []string{"农村户厕改造", "卫生厕所普及"}, "完成改厕", "户", 0, [2]int{0, 80}, [2]int{40, 400}, false, "renju",
		"{p}按照群众自愿、先建后补的办法推进户厕改造，党员户率先完成。"},
	{"基层治理", "rural", []string{"院坝协商议事", "村民说事"}, "召开协商会", "场", 0, [2]int{0, 3}, [2]int{6, 24}, false, "yuanba",
		"{p}每月召开院坝协商会，群众急难愁盼问题现场议、限时办。"},
	{"基层治理", "community|rural", []string{"党建引领网格治理", "网格员队伍建设"}, "网格党员覆盖率", "%", 1, [2]int{45, 80}, [2]int{10, 20}, false, "wangge",
		"把支部建在{p}网格上，党员担任网格长或信息员，小事不出网格。"},
	{"基层治理", "community", []string{"红色物业创建", "物业服务提质"}, "物业投诉办结率", "%", 1, [2]int{50, 78}, [2]int{12, 22}, false, "hongsewuye",
		"{p}推动社区党组织、业委会和物业服务企业三方联席，每月通报投诉办理情况。"},
	{"基层治理", "rural|community", []string{"矛盾纠纷排查化解", "平安创建"}, "未化解矛盾纠纷", "件", 0, [2]int{12, 90}, [2]int{10, 80}, true, "pingan",
		"{p}党员参与矛盾纠纷排查调处，建立台账，逐件跟踪化解。"},
	{"服务群众", "community", []string{"长者食堂运营", "老年助餐服务"}, "月均助餐人次", "人次", 0, [2]int{0, 200}, [2]int{300, 2400}, false, "zhucan",
		"{p}依托党群服务中心开办长者食堂，为高龄和困难老人提供助餐、送餐。"},
	{"服务群众", "rural|community|organ|school|health|enterprise|new", []string{"党员志愿服务", "志愿服务积分"}, "志愿服务时长", "小时", 0, [2]int{0, 300}, [2]int{400, 5000}, false, "zhiyuan",
		"组建{p}党员志愿服务队，建立服务积分，每季度公示服务时长。"},
	{"服务群众", "rural|community", []string{"党员联系户", "入户走访"}, "走访群众", "户", 0, [2]int{0, 50}, [2]int{100, 900}, false, "lianhu",
		"{p}每名党员联系若干户群众，定期走访、记录诉求、跟踪办结。"},
	{"服务群众", "health", []string{"家庭医生签约", "慢病随访"}, "重点人群签约率", "%", 1, [2]int{40, 75}, [2]int{12, 25}, false, "qianyue",
		"{p}党员医生带头上门，提高老年人、慢性病患者等重点人群签约率。"},
	{"服务群众", "health", []string{"下乡义诊", "巡回医疗"}, "义诊服务人次", "人次", 0, [2]int{0, 100}, [2]int{400, 3000}, false, "yizhen",
		"{p}组织党员医生到偏远村寨义诊，建立随访台账。"},
	{"组织建设", "rural|community|organ|enterprise|new|school|health", []string{"支部标准化建设", "支部达标创建"}, "达标项目", "项", 0, [2]int{6, 14}, [2]int{6, 12}, false, "guifanhua",
		"{p}对照标准化规范化建设清单逐项自查整改。"},
	{"组织生活", "rural|community|organ|enterprise|new|school|health", []string{"主题党日规范化", "三会一课提质"}, "开展主题党日", "次", 0, [2]int{0, 2}, [2]int{8, 12}, false, "zhutidangri|sanhui",
		"{p}每月固定一天开展主题党日，学习、议事、服务三项内容缺一不可。"},
	{"队伍建设", "rural|community|new", []string{"发展党员", "青年人才入党"}, "发展党员", "名", 0, [2]int{0, 1}, [2]int{2, 8}, false, "fazhan",
		"{p}注重在青年农民、致富带头人和新业态从业人员中发展党员。"},
	{"队伍建设", "rural|community|new", []string{"党员积分管理"}, "参加积分管理党员", "名", 0, [2]int{0, 10}, [2]int{15, 80}, false, "jifen",
		"{p}把党员参加组织生活和志愿服务量化为积分，按季度公示。"},
	{"学习教育", "rural|community|organ|enterprise|new|school|health", []string{"党员读书日", "党员学习夜校"}, "开展读书活动", "场", 0, [2]int{0, 2}, [2]int{6, 12}, false, "dushu|jiaoyu",
		"{p}每月组织一次读书交流，支部书记领读，党员分享心得。"},
	{"阵地建设", "rural|community", []string{"党群服务中心提档升级", "活动阵地改造"}, "完成功能区改造", "个", 0, [2]int{0, 2}, [2]int{3, 8}, false, "zhendi|wenming",
		"整合{p}活动场所，设置便民服务、议事协商和党员教育功能区。"},
	{"产业发展", "rural|new", []string{"电商直播助农", "农产品网销"}, "网络销售额", "万元", 1, [2]int{0, 40}, [2]int{20, 300}, false, "dianshang",
		"{p}培训党员电商带头人，通过直播和网店帮助农户销售特色农产品。"},
	{"文明实践", "rural|community", []string{"移风易俗", "村规民约修订"}, "简办婚丧事", "起", 0, [2]int{0, 6}, [2]int{10, 60}, false, "yifeng",
		"{p}修订村规民约，党员带头简办婚丧喜事，红白理事会全程参与。"},
	{"机关党建", "organ", []string{"模范机关创建", "机关作风提升"}, "群众评议满意率", "%", 1, [2]int{70, 88}, [2]int{6, 11}, false, "mofanjiguan|fuwuchengnuo",
		"{p}开展窗口服务承诺和群众评议，问题清单按月销号。"},
	{"便民服务", "organ|community", []string{"政务服务就近办", "高频事项下放"}, "就近可办事项", "项", 0, [2]int{5, 30}, [2]int{10, 60}, false, "zhengwu",
		"{p}推动高频事项下放到村（社区）代办，减少群众跑腿。"},
	{"校园党建", "school", []string{"思政示范课", "党员教师示范岗"}, "开设示范课", "节", 0, [2]int{0, 4}, [2]int{8, 40}, false, "sizhengke",
		"{p}党员教师每学期至少上一堂思政示范课，组织集体备课。"},
	{"校园党建", "school", []string{"党员教师结对帮扶", "留守儿童关爱"}, "结对学生", "名", 0, [2]int{0, 20}, [2]int{20, 160}, false, "jiedui",
		"{p}党员教师与留守儿童、学困生结对，定期家访。"},
	{"产业发展", "enterprise", []string{"党员攻坚项目", "降本增效攻坚"}, "降低运营成本", "万元", 1, [2]int{0, 20}, [2]int{30, 400}, false, "gongjian|xianfenggang",
		"{p}围绕降本增效设立党员攻坚项目，按季度考核。"},
	{"组织建设", "new", []string{"非公企业党组织覆盖", "两新组织组建"}, "新建党组织", "个", 0, [2]int{0, 3}, [2]int{3, 20}, false, "shuangqiang|xinjiuye",
		"{p}推动规模以上企业和社会组织应建尽建党组织。"},
	{"组织建设", "committee", []string{"差异化任务清单全覆盖", "党建项目清单化管理"}, "认领清单项目的基层党组织", "个", 0, [2]int{0, 40}, [2]int{60, 600}, false, "",
		"{p}按党组织类型拆分任务菜单，督促每个基层党组织至少认领一个项目。"},
	{"组织建设", "committee", []string{"党建项目季度评估", "基层党建述职评议"}, "完成评估", "次", 0, [2]int{0, 1}, [2]int{3, 6}, false, "",
		"{p}每季度抽查项目台账、进村入户核实指标，评估结果通报。"},
	{"队伍建设", "committee", []string{"村级后备力量培养", "基层干部轮训"}, "培训基层干部", "人次", 0, [2]int{0, 100}, [2]int{200, 2000}, false, "",
		"{p}分期分批轮训村（社区）干部和后备力量。"},
}

// tplsByType lists, per org type, the templates it may run.
func tplsByType() map[string][]int {
	m := map[string][]int{}
	for i, t := range projTpls {
		for _, typ := range strings.Split(t.types, "|") {
			m[typ] = append(m[typ], i)
		}
	}
	return m
}

// Statuses the generator aims for; the site computes its own.
const (
	notStarted = iota
	done
	overdue
	behind
	onTrack
)

// proj is the numeric side of a project: dates, values and readings.
type proj struct {
	tpl          *projTpl
	start, due   day
	base, target int64 // in units of 10^-dec
	final        int64 // the last reading's value
	last         day   // the last reading's date
	n            int   // readings
	p            float64
}

var dataStart = dayOf(2020, 1, 1)

// numbers draws a project of template tpl from r: dates and values.
// The readings come after, from the same r (see readings).
func numbers(r *rand.Rand, tpl int, mean float64) proj {
	p := proj{tpl: &projTpls[tpl]}
	t := p.tpl
	scale := int64(1)
	if t.dec == 1 {
		scale = 10
	}
	p.base = int64(t.base[0]+r.IntN(t.base[1]-t.base[0]+1)) * scale
	delta := int64(t.delta[0]+r.IntN(t.delta[1]-t.delta[0]+1)) * scale
	if t.dec == 1 {
		p.base += int64(r.IntN(10))
	}
	if t.down {
		delta = min(delta, p.base)
		p.target = p.base - delta
	} else {
		if t.unit == "%" {
			delta = min(delta, 1000-p.base)
		}
		p.target = p.base + delta
	}
	dur := day(120 + r.IntN(600))
	u := r.Float64()
	var pct float64
	switch {
	case u < 0.07:
		p.start = asOf + 1 + day(r.IntN(180))
		p.due = p.start + dur
		p.n = 0
		return p
	case u < 0.28: // done: the target reached on or before as_of
		p.start = dataStart + day(r.IntN(int(asOf-dataStart-60)))
		p.due = p.start + dur
		p.last = min(p.start+day(float64(dur)*(0.5+0.5*r.Float64())), asOf)
		pct = 1
	case u < 0.38: // overdue
		gap := day(r.IntN(max(1, int(asOf-dataStart-dur-1))))
		p.start = asOf - dur - 1 - gap
		p.due = p.start + dur
		p.last = max(asOf-day(r.IntN(20)), p.start+1)
		pct = 0.2 + 0.75*r.Float64()
	default: // behind or on track, as of a date inside the project
		e := 0.05 + 0.9*r.Float64()
		if u < 0.58 {
			e = 0.45 + 0.5*r.Float64()
		}
		p.start = asOf - day(math.Round(e*float64(dur)))
		p.due = p.start + dur
		p.last = max(asOf-day(r.IntN(25)), p.start+1)
		el := float64(asOf-p.start) / float64(dur)
		if u < 0.58 {
			pct = max(0, el-0.25) * r.Float64()
		} else {
			lo, hi := max(0, el-0.12), min(0.97, el+0.25)
			pct = lo + (hi-lo)*r.Float64()
		}
	}
	p.p = pct
	p.final = p.valueAt(pct)
	p.n = max(1, int(mean*(0.5+r.Float64())+0.5))
	p.n = min(p.n, int(p.last-p.start))
	return p
}

// valueAt is the value at fraction f of the way, rounded towards the
// baseline so the percent shown never exceeds f.
func (p *proj) valueAt(f float64) int64 {
	if f >= 1 {
		return p.target
	}
	d := p.target - p.base
	if d < 0 {
		return p.base - int64(f*float64(-d))
	}
	return p.base + int64(f*float64(d))
}

// reading is one dated value.
type reading struct {
	date  day
	value int64
	note  string
}

// readings draws p's readings from r into buf: evenly spread dates from the
// start to the last, values rising (mostly) towards the final one.
func (p *proj) readings(r *rand.Rand, buf []reading) []reading {
	buf = buf[:0]
	if p.n == 0 {
		return buf
	}
	gamma := 0.6 + r.Float64()
	span := float64(p.last - p.start)
	prev := 0.0
	for k := 1; k <= p.n; k++ {
		x := float64(k) / float64(p.n)
		d := p.start + day(math.Round(x*span))
		f := p.p * math.Pow(x, gamma) * (0.94 + 0.12*r.Float64())
		if r.IntN(20) != 0 { // now and then a reading slips back
			f = max(f, prev)
		}
		f = min(f, p.p)
		prev = f
		v := p.valueAt(f)
		if k == p.n {
			v = p.final
		}
		rd := reading{date: d, value: v}
		if r.IntN(100) < 8 {
			rd.note = readingNotes[r.IntN(len(readingNotes))]
		}
		buf = append(buf, rd)
	}
	return buf
}
