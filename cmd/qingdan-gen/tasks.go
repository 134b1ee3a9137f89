package main

import (
	"slices"
	"strings"
	"time"
)

// day is a date as days since 1970-01-01.
type day int32

func dayOf(y, m, d int) day {
	return day(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) date() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) String() string { return d.date().Format("2006-01-02") }

// asOf is the generated sites' cut-off date.
var asOf = dayOf(2022, 6, 30)

// task is one row of tasks.csv.
type task struct {
	id, title, category string
	types               []string
	kind, due, desc     string
}

const allTypes = "rural|community|organ|enterprise|new|school|health"

// taskList is the differentiated task menu, types as in tasks.csv.
var taskList = []struct{ id, title, category, types, kind, due, desc string }{
	{"guifanhua", "党支部标准化规范化建设", "组织建设", allTypes, "required", "2022-12-31", "对照组织设置、班子队伍、组织生活、阵地建设、制度台账等达标项逐项自查整改，年底前全部达标。"},
	{"sanhui", "落实“三会一课”制度", "组织生活", allTypes, "required", "", "按时召开支部党员大会、支委会、党小组会，按时上党课，会议记录规范完整。"},
	{"zhutidangri", "每月固定主题党日", "组织生活", allTypes, "required", "", "每月确定一天开展主题党日，学习、议事、服务三项内容缺一不可。"},
	{"fazhan", "发展党员和后备力量培养", "队伍建设", "rural|community|new", "required", "", "注重在青年农民、致富带头人和新业态从业人员中发展党员，每个村（社区）储备后备干部。"},
	{"jitijingji", "发展壮大村级集体经济", "乡村振兴", "rural", "required", "2022-12-31", "盘活集体资源资产，发展入股分红、服务创收等项目，逐步消除集体经济薄弱村。"},
	{"chayuan", "支部领办茶叶专业合作社", "产业发展", "rural", "optional", "2022-12-31", "由村党组织领办合作社，统一技术标准、统一品牌销售，带动茶农增收。"},
	{"renju", "农村人居环境整治提升", "乡村振兴", "rural|community", "required", "2022-06-30", "党员分片包干，推进厕所革命、垃圾分类和村庄清洁行动。"},
	{"yuanba", "院坝协商议事", "基层治理", "rural", "optional", "", "村里的事在院坝里商量，议定事项公示办结，群众参与率逐季提高。"},
	{"wangge", "党建引领网格化治理", "基层治理", "community|rural", "required", "2022-12-31", "把支部建在网格上，党员担任网格员或网格信息员，小事不出网格。"},
	{"hongsewuye", "红色物业创建", "基层治理", "community", "optional", "2022-12-31", "推动物业服务企业成立党组织，社区党组织、业委会、物业三方联动。"},
	{"baodao", "在职党员到社区报到", "服务群众", "organ|school|health|enterprise", "required", "", "机关企事业单位党员到居住地社区报到，每年认领服务项目不少于两项。"},
	{"zhiyuan", "党员志愿服务常态化", "服务群众", allTypes, "optional", "", "组建党员志愿服务队，建立服务积分，定期公示服务时长。"},
	{"zhucan", "社区老年助餐服务", "服务群众", "community", "optional", "2022-12-31", "依托党群服务中心开办长者食堂，为高龄和困难老人提供助餐、送餐。"},
	{"dushu", "党员读书日", "学习教育", allTypes, "optional", "", "每月组织一次党员读书交流，支部书记领读，党员分享心得。"},
	{"jiaoyu", "党员冬春训", "学习教育", allTypes, "required", "2022-03-31", "集中轮训党员，外出务工党员通过线上平台补学。"},
	{"jifen", "党员积分管理", "队伍建设", "rural|community|new", "optional", "", "把党员参加组织生活、志愿服务和带头作用量化为积分，按季度公示。"},
	{"zhendi", "党群服务中心提档升级", "阵地建设", "rural|community", "required", "2022-12-31", "整合村（社区）活动场所，设置便民服务、议事协商和党员教育功能区。"},
	{"dianshang", "党员电商助农", "产业发展", "rural|new", "optional", "", "培训党员电商带头人，通过直播和网店帮助农户销售特色农产品。"},
	{"yifeng", "移风易俗倡导", "文明实践", "rural|community", "optional", "", "修订村规民约，党员带头简办婚丧喜事，抵制高价彩礼和大操大办。"},
	{"mofanjiguan", "模范机关创建", "机关党建", "organ", "required", "2022-12-31", "以作风建设为重点，开展窗口单位服务承诺和群众评议。"},
	{"fuwuchengnuo", "窗口单位服务承诺", "作风建设", "organ|health", "optional", "", "公开服务事项、办理时限和监督电话，限时办结群众诉求。"},
	{"sizhengke", "党员教师思政示范课", "校园党建", "school", "required", "2022-06-30", "党员教师每学期至少上一堂思政示范课，组织集体备课。"},
	{"jiedui", "党员教师结对帮扶", "校园党建", "school", "optional", "", "党员教师与留守儿童、学困生结对，定期家访。"},
	{"yizhen", "党员医生下乡义诊", "服务群众", "health", "optional", "", "组织党员医生到偏远村寨义诊，建立慢性病随访台账。"},
	{"qianyue", "家庭医生签约服务", "服务群众", "health", "required", "2022-12-31", "提高重点人群家庭医生签约率，党员医生带头上门随访。"},
	{"xianfenggang", "党员先锋岗创建", "队伍建设", "enterprise|health|organ", "optional", "", "在生产经营和服务一线设立党员先锋岗，亮身份、亮承诺。"},
	{"gongjian", "党员攻坚项目", "产业发展", "enterprise", "required", "2022-12-31", "围绕安全生产、降本增效设立党员攻坚项目，按季度考核。"},
	{"shuangqiang", "双强六好非公企业党组织创建", "组织建设", "new", "optional", "2022-12-31", "推动非公企业党组织强在班子、强在队伍，实现党建和发展互促。"},
	{"xinjiuye", "新就业群体党建", "组织建设", "new|community", "optional", "", "在快递、外卖、网约车等行业建立党组织，设立爱心驿站。"},
	{"liudong", "流动党员管理服务", "队伍建设", "rural", "required", "", "建立外出党员联系台账，定期推送学习内容，返乡时集中过组织生活。"},
	{"houbei", "村级后备干部培养", "人才振兴", "rural", "required", "2022-12-31", "每村储备三名以上后备力量，实行一对一导师帮带。"},
	{"shouren", "乡村人才回引", "人才振兴", "rural", "optional", "", "引导外出能人、大学毕业生回村创业，进入村两委班子。"},
	{"pingan", "平安村（社区）创建", "基层治理", "rural|community", "optional", "", "党员参与矛盾纠纷排查调处，小事不出村、大事不出镇。"},
	{"shengtai", "生态护林巡河", "生态保护", "rural", "optional", "", "党员认领护林、巡河责任段，定期巡查并记录。"},
	{"minzu", "民族团结进步示范创建", "民族团结", allTypes, "optional", "2022-12-31", "开展各族群众交往交流交融活动，创建民族团结进步示范单位。"},
	{"fangyi", "基层疫情防控", "服务群众", "community|rural|health", "required", "", "党员下沉一线参与排查、值守和群众服务。"},
	{"lianhu", "党员联系户", "服务群众", "rural|community", "required", "", "每名党员联系若干户群众，定期走访、记录诉求、跟踪办结。"},
	{"zhengwu", "政务服务就近办", "便民服务", "organ|community", "optional", "2022-12-31", "推动高频事项下放到村（社区）代办，减少群众跑腿。"},
	{"qingnian", "青年党员突击队", "队伍建设", "enterprise|organ|school", "optional", "", "组建青年党员突击队，承担急难险重任务。"},
	{"wenming", "新时代文明实践站建设", "文明实践", "rural|community", "optional", "2022-12-31", "依托党群服务中心建设文明实践站，常态化开展宣讲和志愿服务。"},
}

// buildTasks is the first n tasks of the menu.
func buildTasks(n int) []task {
	n = min(n, len(taskList))
	out := make([]task, n)
	for i, t := range taskList[:n] {
		out[i] = task{t.id, t.title, t.category, strings.Split(t.types, "|"), t.kind, t.due, t.desc}
	}
	return out
}

// tplType is a project template run by an org type.
type tplType struct {
	tpl int
	typ string
}

// taskChoices lists, per template and org type, the tasks a project may
// fulfil: the template's own that are on the menu and apply to that type.
func taskChoices(ts []task) map[tplType][]string {
	m := map[tplType][]string{}
	for i, tp := range projTpls {
		for _, id := range strings.Split(tp.tasks, "|") {
			k := slices.IndexFunc(ts, func(t task) bool { return t.id == id })
			if k < 0 {
				continue
			}
			for _, typ := range ts[k].types {
				m[tplType{i, typ}] = append(m[tplType{i, typ}], id)
			}
		}
	}
	return m
}
