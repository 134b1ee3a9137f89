package tmplexec

import "reflect"

type builtin = func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value

// builtins are text/template's builtins that take their arguments as
// reflect.Values, run as text/template runs them; an error is left to
// text/template. slice and call are left to it too.
var builtins = map[string]builtin{
	"and": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		return s.andOr(dot, args, final, hasFinal, false)
	},
	"or": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		return s.andOr(dot, args, final, hasFinal, true)
	},
	"not": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 1, 1)
		return reflect.ValueOf(!truth(vs[0]))
	},
	"len": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 1, 1)
		item, isNil := indirect(vs[0])
		if isNil {
			s.bail()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
			return reflect.ValueOf(item.Len())
		}
		s.bail()
		return reflect.Value{}
	},
	"index": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 1, -1)
		return s.index(vs[0], vs[1:])
	},
	"eq": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 1, -1)
		if len(vs) < 2 {
			s.bail()
		}
		for _, v := range vs[1:] {
			if s.eq(vs[0], v) {
				return reflect.ValueOf(true)
			}
		}
		return reflect.ValueOf(false)
	},
	"ne": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 2, 2)
		return reflect.ValueOf(!s.eq(vs[0], vs[1]))
	},
	"lt": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 2, 2)
		return reflect.ValueOf(s.lt(vs[0], vs[1]))
	},
	"le": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 2, 2)
		return reflect.ValueOf(s.lt(vs[0], vs[1]) || s.eq(vs[0], vs[1]))
	},
	"gt": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 2, 2)
		return reflect.ValueOf(!(s.lt(vs[0], vs[1]) || s.eq(vs[0], vs[1])))
	},
	"ge": func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
		vs := s.raws(dot, args, final, hasFinal, 2, 2)
		return reflect.ValueOf(!s.lt(vs[0], vs[1]))
	},
}

// raw is an argument as a builtin taking a reflect.Value gets it: invalid
// for nil, a constant as its syntax says.
func (s *state) raw(dot reflect.Value, a *arg) reflect.Value {
	switch {
	case a.eval != nil:
		v := a.eval(s, dot)
		if v.IsValid() && v.Type() == reflectValueType {
			s.bail() // a reflect.Value as data: left to text/template
		}
		return v
	case a.isNil:
		return reflect.Value{}
	}
	if !a.idealOK {
		s.bail()
	}
	return a.ideal
}

// raws evaluates a builtin's arguments, the piped value last, and checks
// there are at least least and at most most of them (-1: no bound). The
// slice is valid until the next call.
func (s *state) raws(dot reflect.Value, args []arg, final reflect.Value, hasFinal bool, least, most int) []reflect.Value {
	n := len(args)
	if hasFinal {
		n++
	}
	if n < least || most >= 0 && n > most {
		s.bail()
	}
	if final.IsValid() && final.Type() == reflectValueType {
		s.bail()
	}
	vs := make([]reflect.Value, 0, 4)
	for i := range args {
		vs = append(vs, s.raw(dot, &args[i]))
	}
	if hasFinal {
		vs = append(vs, final)
	}
	return vs
}

// andOr returns the first argument whose truth is or's (the first false
// one for and), else the last; arguments after it are not evaluated.
func (s *state) andOr(dot reflect.Value, args []arg, final reflect.Value, hasFinal bool, or bool) reflect.Value {
	if len(args) == 0 && !hasFinal {
		s.bail()
	}
	var v reflect.Value
	for i := range args {
		v = s.raw(dot, &args[i])
		if truth(v) == or {
			return v
		}
	}
	if hasFinal {
		if final.IsValid() && final.Type() == reflectValueType {
			s.bail()
		}
		v = final
	}
	return v
}

type basic int

const (
	invalidKind basic = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return invalidKind
}

// eq is a == b as text/template compares.
func (s *state) eq(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	ka, kb := basicKind(a), basicKind(b)
	if ka != kb {
		switch {
		case ka == intKind && kb == uintKind:
			return a.Int() >= 0 && uint64(a.Int()) == b.Uint()
		case ka == uintKind && kb == intKind:
			return b.Int() >= 0 && a.Uint() == uint64(b.Int())
		case a.IsValid() && b.IsValid():
			s.bail()
		}
		return false
	}
	switch ka {
	case boolKind:
		return a.Bool() == b.Bool()
	case complexKind:
		return a.Complex() == b.Complex()
	case floatKind:
		return a.Float() == b.Float()
	case intKind:
		return a.Int() == b.Int()
	case stringKind:
		return a.String() == b.String()
	case uintKind:
		return a.Uint() == b.Uint()
	}
	if a.Kind() != b.Kind() && a.IsValid() && b.IsValid() {
		s.bail()
	}
	if isNil(a) || isNil(b) {
		return isNil(a) == isNil(b)
	}
	if !b.Type().Comparable() {
		s.bail()
	}
	return a.Interface() == b.Interface()
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// lt is a < b as text/template compares.
func (s *state) lt(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	ka, kb := basicKind(a), basicKind(b)
	if ka == invalidKind || kb == invalidKind {
		s.bail()
	}
	if ka != kb {
		switch {
		case ka == intKind && kb == uintKind:
			return a.Int() < 0 || uint64(a.Int()) < b.Uint()
		case ka == uintKind && kb == intKind:
			return b.Int() >= 0 && a.Uint() < uint64(b.Int())
		}
		s.bail()
	}
	switch ka {
	case floatKind:
		return a.Float() < b.Float()
	case intKind:
		return a.Int() < b.Int()
	case stringKind:
		return a.String() < b.String()
	case uintKind:
		return a.Uint() < b.Uint()
	}
	s.bail() // bool, complex
	return false
}

// index is item[i][j]… for slices, arrays, strings and maps.
func (s *state) index(item reflect.Value, indexes []reflect.Value) reflect.Value {
	item = indirectInterface(item)
	if !item.IsValid() {
		s.bail()
	}
	for _, x := range indexes {
		x = indirectInterface(x)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			s.bail()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			var i int64
			switch basicKind(x) {
			case intKind:
				i = x.Int()
			case uintKind:
				i = int64(x.Uint())
			default:
				s.bail()
			}
			if i < 0 || int(i) < 0 || int(i) > item.Len() || int(i) == item.Len() {
				s.bail() // out of range: text/template's error or reflect's panic
			}
			item = item.Index(int(i))
		case reflect.Map:
			kt := item.Type().Key()
			if !x.IsValid() || !x.Type().AssignableTo(kt) {
				s.bail()
			}
			if v := item.MapIndex(x); v.IsValid() {
				item = v
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			s.bail()
		}
	}
	return item
}
