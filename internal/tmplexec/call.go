package tmplexec

import (
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"text/template"
	"text/template/parse"
)

// arg is one argument of a call, compiled.
type arg struct {
	node  parse.Node
	eval  expr // nil for a constant or nil
	isNil bool
	typed atomic.Pointer[constant] // a constant as the last parameter type wanted it
	// ideal is a constant's value where no type is asked for (a
	// builtin's argument), made once; idealOK false for none.
	ideal   reflect.Value
	idealOK bool
}

type constant struct {
	typ reflect.Type
	v   reflect.Value
	ok  bool
}

func (c *compiler) args(nodes []parse.Node) []arg {
	as := make([]arg, len(nodes))
	for i, n := range nodes {
		as[i] = *c.arg(n)
	}
	return as
}

// arg compiles an argument as text/template's evalArg evaluates it
// before checking its type.
func (c *compiler) arg(n parse.Node) *arg {
	a := &arg{node: n}
	switch n := n.(type) {
	case *parse.DotNode:
		a.eval = func(_ *state, dot reflect.Value) reflect.Value { return dot }
	case *parse.NilNode:
		a.isNil = true
	case *parse.FieldNode:
		fields := refs(n.Ident)
		a.eval = func(s *state, dot reflect.Value) reflect.Value {
			return s.fieldChain(dot, dot, fields, nil, reflect.Value{}, false)
		}
	case *parse.VariableNode:
		cmd := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		a.eval = func(s *state, dot reflect.Value) reflect.Value { return cmd(s, dot, reflect.Value{}, false) }
	case *parse.PipeNode:
		a.eval = c.pipeline(n)
	case *parse.IdentifierNode:
		f := c.function(n.Ident)
		a.eval = func(s *state, dot reflect.Value) reflect.Value { return s.call(dot, f, nil, reflect.Value{}, false) }
	case *parse.ChainNode:
		cmd := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		a.eval = func(s *state, dot reflect.Value) reflect.Value { return cmd(s, dot, reflect.Value{}, false) }
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
		a.ideal, a.idealOK = ideal(n)
	default:
		a.eval = func(s *state, _ reflect.Value) reflect.Value {
			s.bail()
			return reflect.Value{}
		}
	}
	return a
}

// evalArg is an argument's value for a parameter of type typ.
func (s *state) evalArg(dot reflect.Value, typ reflect.Type, isAny bool, a *arg) reflect.Value {
	if a.eval != nil {
		return s.validateTo(a.eval(s, dot), typ, isAny)
	}
	if a.isNil {
		if !canBeNil(typ) {
			s.bail()
		}
		return reflect.Zero(typ)
	}
	c := a.typed.Load()
	if c == nil || c.typ != typ {
		c = typedConstant(typ, a.node)
		a.typed.Store(c)
	}
	if !c.ok {
		s.bail()
	}
	return c.v
}

// typedConstant is a constant given to a parameter of type typ.
func typedConstant(typ reflect.Type, n parse.Node) *constant {
	c := &constant{typ: typ}
	set := func(f func(v reflect.Value)) {
		v := reflect.New(typ).Elem()
		f(v)
		c.v, c.ok = v, true
	}
	num, _ := n.(*parse.NumberNode)
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			set(func(v reflect.Value) { v.SetBool(b.True) })
		}
	case reflect.String:
		if str, ok := n.(*parse.StringNode); ok {
			set(func(v reflect.Value) { v.SetString(str.Text) })
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num != nil && num.IsInt {
			set(func(v reflect.Value) { v.SetInt(num.Int64) })
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num != nil && num.IsUint {
			set(func(v reflect.Value) { v.SetUint(num.Uint64) })
		}
	case reflect.Float32, reflect.Float64:
		if num != nil && num.IsFloat {
			set(func(v reflect.Value) { v.SetFloat(num.Float64) })
		}
	case reflect.Complex64, reflect.Complex128:
		if num != nil && num.IsComplex {
			set(func(v reflect.Value) { v.SetComplex(num.Complex128) })
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			c.v, c.ok = ideal(n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			var v reflect.Value
			if v, c.ok = ideal(n); c.ok {
				c.v = reflect.ValueOf(v)
			}
		}
	}
	return c
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateTo is validate for a parameter of type typ, interface{} when
// isAny: a valid value is given to it as it is, nil as its zero.
func (s *state) validateTo(v reflect.Value, typ reflect.Type, isAny bool) reflect.Value {
	if !isAny {
		return s.validate(v, typ)
	}
	if !v.IsValid() {
		return reflect.Zero(typ)
	}
	return v
}

// validate is text/template's validateType: v made a value of type typ,
// or the execution left to text/template.
func (s *state) validate(v reflect.Value, typ reflect.Type) reflect.Value {
	if !v.IsValid() {
		if typ == nil {
			return v
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		s.bail()
	}
	if typ == nil {
		return v
	}
	vt := v.Type()
	if vt == typ {
		return v
	}
	if typ == reflectValueType {
		return reflect.ValueOf(v)
	}
	if vt.AssignableTo(typ) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
		if v.Type().AssignableTo(typ) {
			return v
		}
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		v = v.Elem()
		if !v.IsValid() {
			s.bail()
		}
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		v = v.Addr()
	default:
		s.bail()
	}
	return v
}

// sig is what a call needs of a function's type.
type sig struct {
	typ      reflect.Type
	fixed    []reflect.Type // the parameters but a variadic one
	elem     reflect.Type   // a variadic parameter's element type, or nil
	good     bool           // one result, or two of which the second is an error
	hasError bool
	unwrap   bool   // the result is a reflect.Value, whose value is the result
	fixedAny []bool // whether each fixed parameter is interface{}
	elemAny  bool   // whether the variadic one's element is
}

// isAny reports whether typ is interface{}: any value is given to it as
// it is (validate's answer without its comparisons).
func isAny(typ reflect.Type) bool { return typ.Kind() == reflect.Interface && typ.NumMethod() == 0 }

func sigOf(typ reflect.Type) *sig {
	g := &sig{typ: typ}
	n := typ.NumIn()
	if typ.IsVariadic() {
		g.elem = typ.In(n - 1).Elem()
		g.elemAny = isAny(g.elem)
		n--
	}
	for i := range n {
		g.fixed = append(g.fixed, typ.In(i))
		g.fixedAny = append(g.fixedAny, isAny(typ.In(i)))
	}
	switch typ.NumOut() {
	case 1:
		g.good = true
	case 2:
		g.good, g.hasError = typ.Out(1) == errorType, true
	}
	g.unwrap = typ.NumOut() > 0 && typ.Out(0) == reflectValueType
	return g
}

// function is a function the templates call by name.
type function struct {
	name    string
	fn      reflect.Value
	sig     *sig
	direct  Direct
	builtin func(s *state, dot reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value
}

// function finds a function: the program's own, else a builtin; one of
// neither is left to text/template (which reports it).
func (c *compiler) function(name string) *function {
	if f := c.p.funcs[name]; f != nil {
		return f
	}
	f := &function{name: name}
	c.p.funcs[name] = f
	if fn, ok := c.opts.Funcs[name]; ok {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func {
			f.builtin = bailBuiltin
			return f
		}
		f.fn, f.sig = v, sigOf(v.Type())
		if c.opts.Direct != nil {
			f.direct = c.opts.Direct(name, fn)
		}
		return f
	}
	if b := builtins[name]; b != nil {
		f.builtin = b
		return f
	}
	if fn, ok := builtinFuncs[name]; ok {
		v := reflect.ValueOf(fn)
		f.fn, f.sig = v, sigOf(v.Type())
		return f
	}
	f.builtin = bailBuiltin
	return f
}

// builtinFuncs are text/template's builtins that are plain functions.
var builtinFuncs = map[string]any{
	"print":    fmt.Sprint,
	"printf":   fmt.Sprintf,
	"println":  fmt.Sprintln,
	"html":     template.HTMLEscaper,
	"js":       template.JSEscaper,
	"urlquery": template.URLQueryEscaper,
}

func bailBuiltin(s *state, _ reflect.Value, _ []arg, _ reflect.Value, _ bool) reflect.Value {
	s.bail()
	return reflect.Value{}
}

func (s *state) call(dot reflect.Value, f *function, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	if f.builtin != nil {
		return f.builtin(s, dot, args, final, hasFinal)
	}
	return s.callSig(dot, f.fn, f.sig, f.direct, reflect.Value{}, args, final, hasFinal)
}

// callSig is text/template's evalCall for a function or a method (fn,
// its receiver bound) of type g.
func (s *state) callSig(dot, fn reflect.Value, g *sig, direct Direct, recv reflect.Value, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(g.fixed)
	if g.elem == nil && numIn != numFixed || g.elem != nil && numIn < numFixed || !g.good {
		s.bail()
	}
	// The arguments go to s.args[at:], after the receiver of a method
	// called directly (as its method expression is).
	base := len(s.args)
	if recv.IsValid() {
		s.args = append(s.args, recv)
	}
	at := len(s.args)
	s.args = slices.Grow(s.args, numIn)[:at+numIn]
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		v := s.evalArg(dot, g.fixed[i], g.fixedAny[i], &args[i])
		s.args[at+i] = v
	}
	for ; i < len(args); i++ {
		v := s.evalArg(dot, g.elem, g.elemAny, &args[i])
		s.args[at+i] = v
	}
	if hasFinal {
		t, isAny := g.elem, g.elemAny
		if i < numFixed {
			t, isAny = g.fixed[i], g.fixedAny[i]
		}
		s.args[at+i] = s.validateTo(final, t, isAny)
	}
	var v reflect.Value
	done := false
	if direct != nil {
		var err error
		if v, err, done = direct(s.args[base:at+numIn], &s.box); done && err != nil {
			s.bail()
		}
	}
	if !done {
		s.p.reflected()
		out := fn.Call(s.args[at : at+numIn])
		if g.hasError && !out[1].IsNil() {
			s.bail()
		}
		v = out[0]
	}
	clear(s.args[base:])
	s.args = s.args[:base]
	if g.unwrap && v.IsValid() {
		v = v.Interface().(reflect.Value)
	}
	return v
}
