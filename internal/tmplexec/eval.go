package tmplexec

import (
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// command evaluates one command of a pipeline; final is the value piped
// in from the command before (hasFinal false for the first).
type command func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value

func (c *compiler) command(cmd *parse.CommandNode) command {
	args := c.args(cmd.Args[1:])
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		fields := refs(n.Ident)
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			return s.fieldChain(dot, dot, fields, args, final, hasFinal)
		}
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return bailCommand
		}
		a := c.arg(n.Node)
		if a.eval == nil {
			return bailCommand // a constant with fields: left to text/template
		}
		fields := refs(n.Field)
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			return s.fieldChain(dot, s.validate(a.eval(s, dot), nil), fields, args, final, hasFinal)
		}
	case *parse.IdentifierNode:
		f := c.function(n.Ident)
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			return s.call(dot, f, args, final, hasFinal)
		}
	case *parse.PipeNode:
		pipe := c.pipeline(n)
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			notAFunction(s, args, hasFinal)
			return pipe(s, dot)
		}
	case *parse.VariableNode:
		name := n.Ident[0]
		if len(n.Ident) == 1 {
			return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
				v := s.varValue(name)
				notAFunction(s, args, hasFinal)
				return v
			}
		}
		fields := refs(n.Ident[1:])
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			return s.fieldChain(dot, s.varValue(name), fields, args, final, hasFinal)
		}
	case *parse.DotNode:
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			notAFunction(s, args, hasFinal)
			return dot
		}
	case *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		v, ok := ideal(n)
		if !ok {
			return bailCommand
		}
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			notAFunction(s, args, hasFinal)
			return v
		}
	}
	return bailCommand
}

func bailCommand(s *state, _, _ reflect.Value, _ bool) reflect.Value {
	s.bail()
	return reflect.Value{}
}

func notAFunction(s *state, args []arg, hasFinal bool) {
	if len(args) > 0 || hasFinal {
		s.bail()
	}
}

// ideal is a constant's value where no type is asked for: a number by its
// syntax, as text/template's idealConstant.
func ideal(n parse.Node) (reflect.Value, bool) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), true
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), true
	case *parse.NumberNode:
		switch {
		case n.IsComplex:
			return reflect.ValueOf(n.Complex128), true
		case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
			return reflect.ValueOf(n.Float64), true
		case n.IsInt:
			i := int(n.Int64)
			if int64(i) != n.Int64 {
				return reflect.Value{}, false
			}
			return reflect.ValueOf(i), true
		}
	}
	return reflect.Value{}, false
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// fieldRef is one name of a field chain, with what it was found to be on
// the type it was last looked up on.
type fieldRef struct {
	name    string
	nameVal reflect.Value
	last    atomic.Pointer[member]
}

// member is what a name is on a type: a method, a struct field, or
// neither.
type member struct {
	typ      reflect.Type // the receiver's type
	addr     bool         // whether it is addressable: the methods are *T's
	method   int          // the method's index, or -1
	sig      *sig         // the method's
	direct   Direct       // its method expression called directly, or nil
	field    []int        // the field's index, or nil
	exported bool
}

func refs(names []string) []*fieldRef {
	rs := make([]*fieldRef, len(names))
	for i, n := range names {
		rs[i] = &fieldRef{name: n, nameVal: reflect.ValueOf(n)}
	}
	return rs
}

func (r *fieldRef) on(v reflect.Value, addr bool, direct func(string, any) Direct) *member {
	t := v.Type()
	if m := r.last.Load(); m != nil && m.typ == t && m.addr == addr {
		return m
	}
	m := &member{typ: t, addr: addr, method: -1}
	ptr := v
	if addr {
		ptr = v.Addr()
	}
	st := t // the struct a field would be of
	if st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	if meth, ok := ptr.Type().MethodByName(r.name); ok {
		m.method = meth.Index
		m.sig = sigOf(ptr.Method(meth.Index).Type())
		if direct != nil && meth.Func.CanInterface() {
			m.direct = direct(r.name, meth.Func.Interface())
		}
	} else if st.Kind() == reflect.Struct {
		if f, ok := st.FieldByName(r.name); ok {
			m.field, m.exported = f.Index, f.IsExported()
		}
	}
	r.last.Store(m)
	return m
}

// fieldChain evaluates .X.Y.Z on receiver; the last name gets the
// arguments (a method's).
func (s *state) fieldChain(dot, receiver reflect.Value, fields []*fieldRef, args []arg, final reflect.Value, hasFinal bool) reflect.Value {
	n := len(fields)
	for _, f := range fields[:n-1] {
		receiver = s.field(dot, f, nil, reflect.Value{}, false, receiver)
	}
	return s.field(dot, fields[n-1], args, final, hasFinal, receiver)
}

// field is text/template's evalField: a method of the receiver (of T and
// *T when it can be addressed), else a field of a struct or a key of a
// map with string keys.
func (s *state) field(dot reflect.Value, f *fieldRef, args []arg, final reflect.Value, hasFinal bool, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		return reflect.Value{}
	}
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		s.bail()
	}
	// A method of *T is found on an addressable T; the address is taken
	// only to call one.
	k := receiver.Kind()
	addr := k != reflect.Interface && k != reflect.Pointer && receiver.CanAddr()
	m := f.on(receiver, addr, s.p.direct)
	if m.method >= 0 {
		ptr := receiver
		if addr {
			ptr = ptr.Addr()
		}
		return s.callSig(dot, ptr.Method(m.method), m.sig, m.direct, ptr, args, final, hasFinal)
	}
	hasArgs := len(args) > 0 || hasFinal
	switch receiver.Kind() {
	case reflect.Struct:
		if m.field == nil || !m.exported || hasArgs {
			break
		}
		if len(m.field) == 1 {
			return receiver.Field(m.field[0])
		}
		v, err := receiver.FieldByIndexErr(m.field)
		if err != nil {
			break
		}
		return v
	case reflect.Map:
		if hasArgs || !stringType.AssignableTo(receiver.Type().Key()) {
			break
		}
		return receiver.MapIndex(f.nameVal)
	}
	s.bail()
	return reflect.Value{}
}
