package model

import "github.com/qingdan/qingdan/internal/load"

// orgOf is the org of record r, before New derives the rest.
func orgOf(r load.Org) Org {
	return Org{
		ID: r.ID, Name: r.Name, Type: r.Type, ParentID: r.ParentID,
		Secretary: r.Secretary, Members: r.Members, Founded: r.Founded,
		Area: r.Area, Demo: r.Demo, Summary: r.Summary, Line: r.Line,
	}
}

// projectOf is the project of record r, before New derives the rest.
func projectOf(r load.Project) Project {
	return Project{
		ID: r.ID, OrgID: r.OrgID, TaskID: r.TaskID,
		Title: r.Title, Category: r.Category, Owner: r.Owner,
		Start: r.Start, Due: r.Due, Indicator: r.Indicator, Unit: r.Unit,
		Baseline: r.Baseline, Target: r.Target, Summary: r.Summary,
		Line: r.Line, Readings: r.Readings,
	}
}

// taskOf is the task of record r, before New derives the rest.
func taskOf(r load.Task) Task {
	return Task{
		ID: r.ID, Title: r.Title, Category: r.Category, Types: r.Types,
		Kind: r.Kind, Due: r.Due, Description: r.Description, Line: r.Line,
	}
}
