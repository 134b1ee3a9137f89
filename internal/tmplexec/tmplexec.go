// Package tmplexec executes the parse trees of a text/template or
// html/template set without most of the reflection text/template's own
// executor spends on every action: each tree is compiled once into Go
// closures, a field or method is looked up once per type at each place it
// is used, a function's arguments are gathered without allocating, and a
// function of a known type is called directly instead of through
// reflect.Value.Call.
//
// It runs the common part of the template language exactly as
// text/template does (the same values, the same bytes) and nothing else:
// whenever it meets what it does not run (an error of any kind, a panic in
// a function, a construct it leaves to text/template), Execute returns
// false, having written nothing, and the caller executes the template with
// text/template, which writes the page or reports the error in its own
// words. FuzzExecute holds the two executors to the same output.
package tmplexec

import (
	"bytes"
	"fmt"
	"reflect"
	"text/template/parse"
)

// Program is a template set compiled for execution. It is safe for
// concurrent use.
type Program struct {
	tmpls  map[string]*tmpl
	funcs  map[string]*function
	direct func(name string, f any) Direct
	writes func(name string) Write
	// reflected is Options.Reflected, never nil.
	reflected func()
}

type tmpl struct {
	name string
	root stmt // nil for a template without a body
}

// Options are a program's functions.
type Options struct {
	// Funcs are the functions the templates call, by name, as in a
	// template.FuncMap (including html/template's escapers, under the
	// names the escaped trees call them by). A name that is neither here
	// nor one of text/template's builtins makes the action calling it
	// return to text/template.
	Funcs map[string]any
	// Direct, when not nil, gives for a function of Funcs a way to call
	// it without reflection (nil for none); and for a method, given as
	// its method expression (receiver first, (*T).Name), the same.
	Direct func(name string, f any) Direct
	// Writes, when not nil, gives for a function of Funcs a way to write
	// what an action ending in it prints ({{.Title | escape}}), given the
	// value piped into it, without calling it (nil for none).
	Writes func(name string) Write
	// Reflected, when not nil, is called at each call of a function or a
	// method made through reflect.Value.Call (one without a Direct that
	// takes its arguments): a test holds layouts to none.
	Reflected func()
}

// Write writes to w what calling its function with v and printing the
// result writes, and reports whether it did; false (having written
// nothing) makes the function be called as usual.
type Write func(w *bytes.Buffer, v reflect.Value) bool

// Direct calls a function with its arguments as reflect.Values, each
// already of the parameter's type (or assignable to it) as text/template
// would pass it; a string or []string result is boxed by box. ok false
// means it cannot take these arguments: the function is then called
// through reflect, as text/template calls it.
type Direct func(args []reflect.Value, box *Box) (result reflect.Value, err error, ok bool)

// Box gives the strings and string lists calls return during one
// execution their reflect.Values: reflect.ValueOf would put each on the
// heap by itself, and most of a page's calls return a string (a county's
// pages made 9 million so a build, a fifth of their allocations). Each
// goes into a slot of a block, never used again, so that a value kept in
// a variable or passed on stays as it was.
type Box struct {
	strs  []string
	lists [][]string
}

// A Box's first block has firstBlock slots, each next one twice as many
// up to lastBlock: most executions (a partial's) return a few strings, a
// page's some hundreds.
const (
	firstBlock = 8
	lastBlock  = 256
)

// grow is the size of the block after one of n slots.
func grow(n int) int { return min(max(firstBlock, 2*n), lastBlock) }

// String is s as the value of a call returning a string.
func (b *Box) String(s string) reflect.Value {
	if len(b.strs) == cap(b.strs) {
		b.strs = make([]string, 0, grow(cap(b.strs)))
	}
	b.strs = append(b.strs, s)
	return reflect.ValueOf(&b.strs[len(b.strs)-1]).Elem()
}

// Strings is l as the value of a call returning a []string.
func (b *Box) Strings(l []string) reflect.Value {
	if len(b.lists) == cap(b.lists) {
		b.lists = make([][]string, 0, grow(cap(b.lists)))
	}
	b.lists = append(b.lists, l)
	return reflect.ValueOf(&b.lists[len(b.lists)-1]).Elem()
}

// Compile compiles the trees (by template name) with opts' functions.
func Compile(trees map[string]*parse.Tree, opts Options) *Program {
	p := &Program{tmpls: map[string]*tmpl{}, funcs: map[string]*function{}, direct: opts.Direct, writes: opts.Writes, reflected: opts.Reflected}
	if p.reflected == nil {
		p.reflected = func() {}
	}
	c := &compiler{p: p, opts: opts}
	for name, tree := range trees {
		t := &tmpl{name: name}
		if tree != nil && tree.Root != nil {
			t.root = c.list(tree.Root)
		}
		p.tmpls[name] = t
	}
	return p
}

// Execute runs template name with data, appending its output to w, and
// reports whether it did; when it did not, w is as it was.
func (p *Program) Execute(w *bytes.Buffer, name string, data any) (ok bool) {
	t := p.tmpls[name]
	if t == nil || t.root == nil {
		return false
	}
	mark := w.Len()
	s := &state{p: p, w: w}
	defer func() {
		if r := recover(); r != nil {
			// A function that panicked, an error text/template would
			// report, or a construct left to it.
			w.Truncate(mark)
			ok = false
		}
	}()
	value, isValue := data.(reflect.Value)
	if !isValue {
		value = reflect.ValueOf(data)
	}
	s.vars = append(s.vars, variable{"$", value})
	t.root(s, value)
	return true
}

// bailout is the panic that returns an execution to text/template.
type bailout struct{}

// maxDepth bounds templates calling templates; text/template's own bound
// is larger, so a deeper call is left to it.
const maxDepth = 10000

// state is one execution's.
type state struct {
	p     *Program
	w     *bytes.Buffer
	vars  []variable
	base  int // where the executing template's variables start
	depth int
	args  []reflect.Value // arguments being gathered for calls
	box   Box             // the values of the strings calls return
}

type variable struct {
	name  string
	value reflect.Value
}

func (s *state) bail() { panic(bailout{}) }

func (s *state) push(name string, v reflect.Value) { s.vars = append(s.vars, variable{name, v}) }

func (s *state) setVar(name string, v reflect.Value) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return
		}
	}
	s.bail()
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	s.bail()
	return reflect.Value{}
}

var (
	errorType        = reflect.TypeFor[error]()
	fmtStringerType  = reflect.TypeFor[fmt.Stringer]()
	reflectValueType = reflect.TypeFor[reflect.Value]()
	stringType       = reflect.TypeFor[string]()
)

// print writes v as text/template prints an action's value.
func (s *state) print(v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.w.WriteString(v.String())
		return
	}
	iface, ok := printable(v)
	if !ok {
		s.bail()
	}
	fmt.Fprint(s.w, iface)
}

// printable is the value fmt prints for v, as text/template picks it.
func printable(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}

// indirect follows pointers and interfaces to a value, stopping at a nil
// one (isNil).
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is the value in an interface (invalid for nil).
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth of a value, and whether it has one.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// truth is the truth and and or test.
func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}
