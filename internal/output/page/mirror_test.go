package page

import (
	"reflect"
	"testing"

	"github.com/qingdan/qingdan/internal/view"
)

// TestPageMirrorsView: a layout sees every exported field and method of
// view.Page on the Page it is executed with, with the same types, and the
// fields copied hold the view's values.
func TestPageMirrorsView(t *testing.T) {
	vt, pt := reflect.TypeFor[view.Page](), reflect.TypeFor[Page]()
	for i := range vt.NumField() {
		f := vt.Field(i)
		if !f.IsExported() {
			continue
		}
		g, ok := pt.FieldByName(f.Name)
		if !ok || g.Type != f.Type || len(g.Index) != 1 {
			t.Errorf("page.Page lacks view.Page's field %s %v (has %v)", f.Name, f.Type, g.Type)
		}
	}
	vp, pp := reflect.PointerTo(vt), reflect.PointerTo(pt)
	for i := range vp.NumMethod() {
		m := vp.Method(i)
		n, ok := pp.MethodByName(m.Name)
		if !ok {
			t.Errorf("page.Page lacks view.Page's method %s", m.Name)
			continue
		}
		// Compare without the receiver.
		if a, b := m.Type, n.Type; a.NumIn() != b.NumIn() || a.NumOut() != b.NumOut() {
			t.Errorf("method %s: %v, view's %v", m.Name, b, a)
		} else {
			for j := 1; j < a.NumIn(); j++ {
				if a.In(j) != b.In(j) {
					t.Errorf("method %s: argument %d is %v, view's %v", m.Name, j, b.In(j), a.In(j))
				}
			}
			for j := range a.NumOut() {
				if a.Out(j) != b.Out(j) {
					t.Errorf("method %s: result %d is %v, view's %v", m.Name, j, b.Out(j), a.Out(j))
				}
			}
		}
	}

	// Every field copied: fill a view page with a distinct non-zero value
	// in each exported field and find each on the copy.
	src := reflect.New(vt).Elem()
	for i := range vt.NumField() {
		if f := src.Field(i); vt.Field(i).IsExported() {
			fill(t, f, i)
		}
	}
	vpage := src.Addr().Interface().(*view.Page)
	got := reflect.ValueOf(newPage(vpage)).Elem()
	for i := range vt.NumField() {
		if !vt.Field(i).IsExported() {
			continue
		}
		name := vt.Field(i).Name
		if !reflect.DeepEqual(got.FieldByName(name).Interface(), src.Field(i).Interface()) {
			t.Errorf("newPage does not copy %s", name)
		}
	}
}

// fill sets v to a non-zero value that depends on i.
func fill(t *testing.T, v reflect.Value, i int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(string(rune('a' + i)))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(i + 1))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(i + 1))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), i+1, i+1))
	case reflect.Struct:
		for j := range v.NumField() {
			if v.Type().Field(j).IsExported() {
				fill(t, v.Field(j), i+j)
			}
		}
	default:
		t.Fatalf("fill: no value for a %v", v.Type())
	}
}
