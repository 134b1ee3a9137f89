package main

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// org is one row of orgs.csv, plus what the generator needs to name its
// children and write about it.
type org struct {
	id, name, typ, parent string
	secretary, area, demo string
	summary               string
	members               int
	founded               day // 0: not given
	level                 int // 0 root, 1 党(工)委, 2 党委/党总支, 3 党支部
	kind                  string
	base                  string // the name without 党委/党总支/党支部, for children and prose
	shortName             string // a branch's village, community or unit
	county, town          string // the places it lies in, for prose
	children              []int
}

// orgTree builds the organizations: a county (or a province of counties)
// down to its branches, n in all, parents before children.
type orgTree struct {
	r     *rand.Rand
	orgs  []*org
	ids   map[string]bool
	queue map[queueKey][]int // per committee and list: the names not used yet
}

type queueKey struct {
	committee int
	list      *named
}

// next is a name from list not yet used under committee c; false when all
// have been.
func (t *orgTree) next(c int, list []named) (named, bool) {
	k := queueKey{c, &list[0]}
	q, ok := t.queue[k]
	if !ok {
		q = t.r.Perm(len(list))
	}
	if len(q) == 0 {
		return named{}, false
	}
	t.queue[k] = q[1:]
	return list[q[0]], true
}

func buildOrgs(r *rand.Rand, n int) []*org {
	t := &orgTree{r: r, ids: map[string]bool{}, queue: map[queueKey][]int{}}
	if n <= 4000 {
		t.county(n, -1)
	} else {
		// A province: root, cities, counties of about 3,000 orgs each.
		counties := max(n/3000, 2)
		cities := (counties + 5) / 6
		prov, ppy := place(r, provinceChars)
		root := t.add(&org{name: "中共" + prov + "省委员会", base: prov + "省", typ: "committee", kind: "province", area: prov + "省"}, ppy, -1)
		cityIdx := make([]int, cities)
		for i := range cities {
			c, cpy := place(r, placeChars)
			cityIdx[i] = t.add(&org{name: "中共" + c + "市委员会", base: c + "市", typ: "committee", kind: "city", area: c + "市", level: 0}, cpy, root)
		}
		left := n - 1 - cities
		for i, size := range allocate(r, left, counties, nil) {
			t.county(size, cityIdx[i%cities])
		}
	}
	t.members()
	return t.orgs
}

// add appends o under parent (-1: a root), giving it a unique id made from
// base, and returns its index.
func (t *orgTree) add(o *org, base string, parent int) int {
	id := base
	for k := 2; t.ids[id]; k++ {
		id = base + "-" + strconv.Itoa(k)
	}
	t.ids[id] = true
	o.id = id
	o.secretary = person(t.r)
	if parent >= 0 {
		p := t.orgs[parent]
		o.parent = p.id
		if o.county == "" {
			o.county = p.county
		}
		if o.town == "" {
			o.town = p.town
		}
		if o.area == "" {
			o.area = p.area
		}
		p.children = append(p.children, len(t.orgs))
	}
	t.orgs = append(t.orgs, o)
	return len(t.orgs) - 1
}

// committeeKinds is the order in which a county's 党(工)委 are made.
var committeeKinds = []string{"town", "organ", "town", "street", "new", "school", "town", "health", "enterprise", "town", "street", "town", "town"}

var kindWeight = map[string]float64{"town": 1.6, "street": 1.1, "organ": 1.0, "school": 0.6, "health": 0.5, "enterprise": 0.5, "new": 0.8}

// county adds a county committee and n-1 organizations under it.
func (t *orgTree) county(n, parent int) {
	r := t.r
	name, py := place(r, placeChars)
	cty := name + "县"
	root := t.add(&org{name: "中共" + cty + "委员会", base: cty, typ: "committee", kind: "county", area: cty, county: cty}, py, parent)
	left := n - 1
	if left <= 0 {
		return
	}
	k := min(max((n+150)/300, 2), 10, left)
	mids := min(max(k, (left-k+5)/10), left-k)
	branches := left - k - mids
	committees := make([]int, k)
	weights := make([]float64, k)
	for i := range k {
		committees[i] = t.committee(committeeKinds[i%len(committeeKinds)], root)
		weights[i] = kindWeight[t.orgs[committees[i]].kind] * (0.7 + 0.6*r.Float64())
	}
	var midIdx []int
	for i, m := range allocate(r, mids, k, weights) {
		for range m {
			midIdx = append(midIdx, t.mid(committees[i]))
		}
	}
	if len(midIdx) == 0 {
		return
	}
	for i, b := range allocate(r, branches, len(midIdx), nil) {
		for j := range b {
			t.branch(midIdx[i], j)
		}
	}
}

// committee adds a 党(工)委 of the given kind under the county committee.
func (t *orgTree) committee(kind string, root int) int {
	r := t.r
	cty := t.orgs[root].base
	o := &org{typ: "committee", kind: kind, level: 1}
	var py string
	switch kind {
	case "town", "street":
		name, p := place(r, placeChars)
		py = p
		if kind == "town" {
			o.town = name + pick(r, []string{"镇", "镇", "乡"})
			o.name = "中共" + cty + o.town + "委员会"
		} else {
			o.town = name + "街道"
			o.name = "中共" + cty + o.town + "工作委员会"
		}
		o.base, o.area = o.town, cty+o.town
	default:
		label := map[string]string{"organ": "直属机关", "school": "教育", "health": "卫生健康", "enterprise": "国有企业", "new": "非公有制经济组织和社会组织"}[kind]
		py = t.orgs[root].id + "-" + map[string]string{"organ": "jggw", "school": "jygw", "health": "wjgw", "enterprise": "gqdw", "new": "lxdw"}[kind]
		o.name = "中共" + cty + label + "工作委员会"
		o.base = cty + label
	}
	return t.add(o, py, root)
}

// mid adds a 党委 or 党总支 under committee c.
func (t *orgTree) mid(c int) int {
	r := t.r
	p := t.orgs[c]
	cty := p.county
	o := &org{level: 2}
	suffix := pick(r, []string{"党总支", "党总支", "党委"})
	var py string
	switch p.kind {
	case "town", "street":
		name, np := place(r, placeChars)
		if p.kind == "town" && r.IntN(100) < 85 {
			o.typ, o.kind, o.base = "rural", "village", name+"村"
		} else {
			o.typ, o.kind, o.base = "community", "community", name+"社区"
		}
		o.area = cty + p.town
		py = np
	case "organ":
		if b, ok := t.next(c, bureaus); ok {
			o.base, suffix, py = cty+b.han, "机关"+suffix, p.id+"-"+b.id
		} else {
			name, np := place(r, placeChars)
			o.base, py = cty+name+pick(r, []string{"水库管理所", "林场", "农业综合服务中心", "公路养护段"}), np
		}
		o.typ, o.kind = "organ", "organ"
	case "school":
		if s, ok := t.next(c, schools); ok && r.IntN(2) == 0 {
			o.base, py = cty+s.han, p.id+"-"+s.id
		} else {
			name, np := place(r, placeChars)
			o.base, py = cty+name+"镇中心学校", np+"-xx"
		}
		o.typ, o.kind = "school", "school"
	case "health":
		if h, ok := t.next(c, hospitals); ok && r.IntN(2) == 0 {
			o.base, py = cty+h.han, p.id+"-"+h.id
		} else {
			name, np := place(r, placeChars)
			o.base, py = cty+name+"镇卫生院", np+"-wsy"
		}
		o.typ, o.kind = "health", "health"
	case "enterprise":
		if e, ok := t.next(c, companies); ok {
			o.base, py = cty+e.han, p.id+"-"+e.id
		} else {
			name, np := place(r, placeChars)
			o.base, py = name+pick(r, industries)+"有限公司", np
		}
		o.typ, o.kind = "enterprise", "enterprise"
	default: // new
		name, np := place(r, placeChars)
		if s, ok := t.next(c, socialOrgs); ok && r.IntN(3) == 0 {
			o.base, py = cty+s.han, p.id+"-"+s.id
		} else {
			o.base, py = name+pick(r, industries)+"有限公司", np
		}
		o.typ, o.kind = "new", "new"
	}
	o.name = o.base + suffix
	return t.add(o, py, c)
}

// branch adds the j-th 党支部 under mid m.
func (t *orgTree) branch(m, j int) {
	r := t.r
	p := t.orgs[m]
	o := &org{level: 3, typ: p.typ, kind: p.kind}
	num := "第" + numerals[j%len(numerals)] + "党支部"
	switch p.kind {
	case "village":
		switch r.IntN(6) {
		case 0:
			o.name = p.base + pick(r, coops) + "专业合作社党支部"
		case 1:
			o.name = p.base + pick(r, []string{"老年党员", "流动党员", "青年党员"}) + "党支部"
		default:
			o.name = p.base + num
		}
	case "community":
		switch r.IntN(5) {
		case 0:
			name, _ := place(r, placeChars)
			o.name = p.base + name + pick(r, []string{"苑", "园", "家园", "花园"}) + "小区党支部"
		case 1:
			o.name = p.base + pick(r, []string{"退休党员", "物业服务企业", "在职党员"}) + "党支部"
		default:
			o.name = p.base + "第" + numerals[j%len(numerals)] + "网格党支部"
		}
	case "new":
		if r.IntN(2) == 0 {
			name, _ := place(r, placeChars)
			o.name = name + pick(r, industries) + "有限公司党支部"
		} else {
			o.name = p.base + num
		}
	default:
		if d := departments[p.kind]; r.IntN(2) == 0 && len(d) > 0 {
			o.name = p.base + pick(r, d) + "党支部"
		} else {
			o.name = p.base + num
		}
	}
	o.base = strings.TrimSuffix(o.name, "党支部")
	o.shortName = p.base
	if r.IntN(10) < 6 {
		o.founded = dayOf(1978+r.IntN(43), 1+r.IntN(12), 1+r.IntN(28))
	}
	t.add(o, p.id+"-"+strconv.Itoa(j+1), m)
}

// members gives branches their party members and sums them upwards; it
// also picks the demonstration sites and writes the summaries.
func (t *orgTree) members() {
	r := t.r
	for i := len(t.orgs) - 1; i >= 0; i-- {
		o := t.orgs[i]
		sum := 0
		for _, c := range o.children {
			sum += t.orgs[c].members
		}
		switch {
		case len(o.children) > 0:
			o.members = sum + r.IntN(6)
		case o.level >= 2:
			o.members = 6 + r.IntN(55)
		default:
			o.members = 20 + r.IntN(80)
		}
		if o.level >= 2 && r.IntN(100) < 6 {
			o.demo = pick(r, []string{"县级", "县级", "县级", "县级", "县级", "县级", "县级", "市级", "市级", "省级"})
		}
		o.summary = orgSummary(r, o)
	}
}

var summaryForms = map[string][]string{
	"village": {
		"{name}现有党员{m}名，围绕{coop}种植和人居环境整治开展党员联户，每名党员联系五到十户群众。",
		"{base}地处{town}山区，{name}把{coop}产业作为增收主业，推行支部领办合作社、党员示范带动。",
		"{name}坚持每月主题党日，党员认领公益岗位，村里的大事小情先在院坝会上商量。",
	},
	"community": {
		"{name}所在社区居民多为进城务工人员，支部以网格为单位组织在职党员到社区报到、认领服务项目。",
		"{name}现有党员{m}名，联合物业服务企业和业主委员会协商解决停车、加装电梯等难题。",
		"{name}推行“五分钟服务圈”，把党群服务站建到小区门口，为老年人提供助餐和代办服务。",
	},
	"organ": {
		"{name}现有党员{m}名，推行机关党员到村（社区）报到，每季度下基层办实事。",
		"{name}以模范机关创建为抓手，把业务工作和党建工作同部署、同考核。",
	},
	"school": {
		"{name}现有教师党员{m}名，开展党员教师示范课和结对帮扶学困生活动。",
		"{name}把思政课与劳动教育结合起来，组织师生到茶园和田间开展实践活动。",
	},
	"health": {
		"{name}组织党员医生定期下乡义诊，为慢性病患者建立家庭医生签约服务档案。",
		"{name}现有党员{m}名，设立党员先锋岗，承担急诊、疫情防控等急难险重任务。",
	},
	"enterprise": {
		"{name}把党建工作融入生产经营，设立党员责任区和攻坚项目，推动企业提质增效。",
		"{name}现有党员{m}名，推行党员技术骨干“一带一”培养青年职工。",
	},
	"new": {
		"{name}联系非公企业和社会组织，推动党的组织和工作覆盖，党员在生产一线亮身份、作表率。",
		"{name}依托行业协会开展党员教育，组织快递员、外卖骑手等新就业群体参与基层治理。",
	},
	"": {
		"{name}统筹辖区党建工作，按党组织类型拆分任务清单，逐项明确责任人、时限和量化指标。",
		"{name}坚持抓党建促发展，定期调度党建项目进度，评估结果纳入年度考核。",
	},
}

func orgSummary(r *rand.Rand, o *org) string {
	forms, ok := summaryForms[o.kind]
	if !ok || o.level < 2 {
		forms = summaryForms[""]
	}
	town := o.town
	if town == "" {
		town = o.county
	}
	return strings.NewReplacer("{name}", o.name, "{base}", o.short(), "{m}", strconv.Itoa(o.members),
		"{coop}", pick(r, coops), "{town}", town).Replace(pick(r, forms))
}

// allocate splits total into n parts proportional to weights (nil: random
// weights), every part at least 1 when total ≥ n; the parts sum to total.
func allocate(r *rand.Rand, total, n int, weights []float64) []int {
	out := make([]int, n)
	if n == 0 || total <= 0 {
		return out
	}
	floor := 0
	if total >= n {
		floor = 1
	}
	if weights == nil {
		weights = make([]float64, n)
		for i := range weights {
			weights[i] = 0.5 + r.Float64()
		}
	}
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	rest := total - floor*n
	acc, prev := 0.0, 0
	for i, w := range weights {
		acc += w
		cur := int(float64(rest)*acc/sum + 0.5)
		if i == n-1 {
			cur = rest
		}
		out[i] = floor + cur - prev
		prev = cur
	}
	return out
}
