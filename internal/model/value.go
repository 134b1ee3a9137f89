package model

import "github.com/qingdan/qingdan/internal/value"

// Date is a calendar day; see value.Date.
type Date = value.Date

// NoDate marks an absent optional date.
const NoDate = value.NoDate

// OrgType is a kind of organization; see value.OrgType.
type OrgType = value.OrgType
