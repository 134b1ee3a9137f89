// Package value reads and holds the values the data files, the site's
// configuration and the documents' front matter write: dates, numbers and
// the enumerations (org types, demonstration levels, task kinds). It is a
// leaf: every stage may use it.
package value

// OrgType is a kind of organization, keyed as in the data ("rural").
type OrgType struct {
	Key, Label string
}

// Label is the label of key among opts, or key itself when it has none.
func Label(opts []OrgType, key string) string {
	for _, o := range opts {
		if o.Key == key {
			return o.Label
		}
	}
	return key
}

// DefaultOrgTypes are the SPEC's org types, used unless the site config lists its own.
func DefaultOrgTypes() []OrgType {
	return []OrgType{
		{"committee", "党(工)委"},
		{"rural", "农村"},
		{"community", "社区"},
		{"organ", "机关"},
		{"enterprise", "国有企业"},
		{"new", "两新组织"},
		{"school", "学校"},
		{"health", "医疗卫生"},
	}
}

// Demo levels of a demonstration site (示范点), lowest first.
func DemoLevels() []OrgType {
	return []OrgType{
		{"county", "县级"},
		{"city", "市级"},
		{"province", "省级"},
	}
}

// Task kinds of the menu.
func TaskKinds() []OrgType {
	return []OrgType{
		{"required", "必选"},
		{"optional", "自选"},
	}
}

// DefaultWarnGap is how far percent may lag behind elapsed time before a
// project is behind (滞后), unless qingdan.toml sets status.warn_gap.
const DefaultWarnGap = 0.2
