package model

import (
	"reflect"
	"testing"

	"github.com/qingdan/qingdan/internal/load"
)

// TestRecordsCopied: an org, a project and a task have every exported field of
// their record, of the same type, and New's copy carries each one over.
func TestRecordsCopied(t *testing.T) {
	check := func(rec any, copyOf func(any) any) {
		rt := reflect.TypeOf(rec)
		src := reflect.New(rt).Elem()
		for i := range rt.NumField() {
			if rt.Field(i).IsExported() {
				fill(t, src.Field(i), i)
			}
		}
		got := reflect.ValueOf(copyOf(src.Interface()))
		for i := range rt.NumField() {
			f := rt.Field(i)
			if !f.IsExported() {
				continue // the loader's own bookkeeping, not part of the record
			}
			g, ok := got.Type().FieldByName(f.Name)
			if !ok || g.Type != f.Type || len(g.Index) != 1 {
				t.Errorf("%v lacks %v's field %s %v", got.Type(), rt, f.Name, f.Type)
				continue
			}
			if !reflect.DeepEqual(got.FieldByIndex(g.Index).Interface(), src.Field(i).Interface()) {
				t.Errorf("%v's %s is not copied from %v", got.Type(), f.Name, rt)
			}
		}
	}
	check(load.Org{}, func(r any) any { return orgOf(r.(load.Org)) })
	check(load.Project{}, func(r any) any { return projectOf(r.(load.Project)) })
	check(load.Task{}, func(r any) any { return taskOf(r.(load.Task)) })
}

// fill sets v to a non-zero value that depends on i.
func fill(t *testing.T, v reflect.Value, i int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(rune('a' + i)))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(i + 1))
	case reflect.Float64:
		v.SetFloat(float64(i) + 0.5)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), i+1, i+1))
	default:
		t.Fatalf("fill: no value for a %v", v.Type())
	}
}
