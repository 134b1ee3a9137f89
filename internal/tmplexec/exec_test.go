package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"text/template"
	"text/template/parse"
)

// The data the tests execute templates with: fields, promoted fields,
// methods of values and of pointers, maps, slices, interfaces, nils.
type Inner struct {
	Name  string
	Count int
	inner int
}

func (i Inner) Hello() string         { return "hello " + i.Name }
func (i *Inner) Ptr() string          { return "ptr " + i.Name }
func (i Inner) Add(a, b int) int      { return a + b + i.Count }
func (i Inner) Fail() (string, error) { return "", errors.New("failed") }
func (i Inner) Greet(s ...string) string {
	return i.Name + ":" + strings.Join(s, ",")
}

type Stringy int

func (s Stringy) String() string { return fmt.Sprintf("S%d", int(s)) }

type Named string

type Data struct {
	Inner
	Title   string
	N       int
	U       uint8
	F       float64
	B       bool
	P       *Inner
	Nil     *Inner
	List    []Inner
	Ptrs    []*Inner
	Empty   []int
	Map     map[string]int
	AnyMap  map[string]any
	IntMap  map[int]string
	Any     any
	NilAny  any
	Err     error
	S       Stringy
	Named   Named
	Nested  [][]int
	Fn      func() string
	private string
}

func data() *Data {
	return &Data{
		Inner: Inner{Name: "in", Count: 2, inner: 1},
		Title: "A <b>&title</b>", N: 3, U: 7, F: 1.5, B: true,
		P:      &Inner{Name: "p", Count: 5},
		List:   []Inner{{Name: "a", Count: 1}, {Name: "b", Count: 0}, {Name: "c", Count: 3}},
		Ptrs:   []*Inner{{Name: "x"}, nil, {Name: "z", Count: 9}},
		Map:    map[string]int{"one": 1, "two": 2},
		AnyMap: map[string]any{"s": "str", "i": 4, "p": &Inner{Name: "q"}, "nil": nil},
		IntMap: map[int]string{1: "a", 2: "b"},
		Any:    &Inner{Name: "any"},
		Err:    errors.New("an error"),
		S:      Stringy(4), Named: "named",
		Nested: [][]int{{1, 2}, {3}},
		Fn:     func() string { return "fn" },
	}
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"up":      strings.ToUpper,
		"join":    func(a, b string) string { return a + "+" + b },
		"fail":    func() (string, error) { return "", errors.New("no") },
		"boom":    func() string { panic("boom") },
		"anyOf":   func(v any) string { return fmt.Sprintf("<%T %v>", v, v) },
		"opt":     func(v ...any) (string, error) { return fmt.Sprint(len(v), v), nil },
		"ptr":     func(i *Inner) string { return fmt.Sprint(i == nil) },
		"mk":      func(n int) []int { return make([]int, min(max(n, 0), 10)) },
		"iface":   func() any { return nil },
		"err":     func() error { return nil },
		"two":     func(p *Inner, to any, rest ...any) (string, error) { return fmt.Sprint(p.Name, to, rest), nil },
		"i8":      func(i int8) int8 { return i },
		"named":   func(n Named) string { return string(n) },
		"stringy": func(s fmt.Stringer) string { return s.String() },
		"same":    func(s string) string { return s },
		"words":   strings.Fields,
	}
}

func direct(name string, f any) Direct {
	switch f := f.(type) {
	case func(string) string:
		return Func1(f)
	case func(string) []string:
		return Func1(f)
	case func(string, string) string:
		return Func2(f)
	case func(any) string:
		return Func1(f)
	case func(...any) (string, error):
		return VarE(f)
	case func(*Inner) string:
		return Func1(f)
	case func(int) []int:
		return Func1(f)
	case func() any, func() error:
		return nil
	case func(*Inner, any, ...any) (string, error):
		return Var2E(f)
	case func(int8) int8:
		return Func1(f)
	case func(Named) string:
		return Func1(f)
	case func(fmt.Stringer) string:
		return Func1(f)
	case func(Inner) string: // methods, as method expressions
		return Func1(f)
	case func(Inner, int, int) int:
		return Func3(f)
	case func(*Inner, int, int) int:
		return Func3(f)
	case func(Stringy) string:
		return Func1(f)
	}
	return nil
}

// both runs src with text/template and with a compiled program; fast
// reports whether the program ran it.
func both(t testing.TB, src string, d any) (want string, wantErr error, got string, fast bool) {
	t.Helper()
	tt, err := template.New("main").Funcs(funcs()).Parse(src)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	var w bytes.Buffer
	wantErr = tt.Execute(&w, d)
	p := compileSet(tt)
	var g bytes.Buffer
	g.WriteString("before|")
	fast = p.Execute(&g, "main", d)
	got, ok := strings.CutPrefix(g.String(), "before|")
	if !ok || !fast && got != "" {
		t.Fatalf("%q: the buffer was changed: %q", src, g.String())
	}
	return w.String(), wantErr, got, fast
}

func compileSet(t *template.Template) *Program {
	trees := map[string]*parse.Tree{}
	for _, each := range t.Templates() {
		trees[each.Name()] = each.Tree
	}
	return Compile(trees, Options{Funcs: funcs(), Direct: direct, Writes: writes})
}

// writes writes, for an action ending in same or anyOf, some of the values
// piped in (a string without an x; an int) as the call would, and leaves
// the rest to it.
func writes(name string) Write {
	switch name {
	case "same":
		return func(w *bytes.Buffer, v reflect.Value) bool {
			if v.Kind() != reflect.String || v.Type() != reflect.TypeFor[string]() || strings.Contains(v.String(), "x") {
				return false
			}
			w.WriteString(v.String())
			return true
		}
	case "anyOf":
		return func(w *bytes.Buffer, v reflect.Value) bool {
			if v.Kind() != reflect.Int {
				return false
			}
			fmt.Fprintf(w, "<%T %v>", v.Interface(), v.Interface())
			return true
		}
	}
	return nil
}

func TestExecute(t *testing.T) {
	// Each runs without falling back and writes what text/template writes.
	for _, src := range runs {
		want, err, got, fast := both(t, src, data())
		if err != nil {
			t.Errorf("%q: text/template: %v", src, err)
			continue
		}
		if !fast {
			t.Errorf("%q: fell back to text/template", src)
			continue
		}
		if got != want {
			t.Errorf("%q:\n got %q\nwant %q", src, got, want)
		}
	}
}

// What text/template reports an error for is left to it, and so is what
// the program does not run itself; the buffer stays as it was.
func TestFallsBack(t *testing.T) {
	for _, src := range fails {
		want, err, got, fast := both(t, src, data())
		if fast {
			if err != nil {
				t.Errorf("%q: ran where text/template fails (%v)", src, err)
			} else if got != want {
				t.Errorf("%q:\n got %q\nwant %q", src, got, want)
			}
		}
	}
}

// A constant is given to each parameter as a value of its type.
func TestConstantTypes(t *testing.T) {
	p := compileSet(template.Must(template.New("main").Funcs(funcs()).Parse(`{{i8 3}}{{anyOf 3}}{{opt 3}}`)))
	var b bytes.Buffer
	if !p.Execute(&b, "main", nil) || b.String() != "3<int 3>1 [3]" {
		t.Errorf("got %q", b.String())
	}
}

// runs are templates the program runs itself.
var runs = []string{
	`plain text`,
	`{{.Title}}|{{.N}}|{{.U}}|{{.F}}|{{.B}}|{{.S}}|{{.Named}}|{{.Err}}|{{.Any}}|{{.NilAny}}`,
	`{{.Name}} {{.Count}} {{.Hello}} {{.Ptr}} {{.Inner.Name}} {{.P.Name}} {{.P.Ptr}} {{.P.Hello}}`,
	`{{.Add 1 2}} {{.P.Add .N 4}} {{.Greet}} {{.Greet "a" "b"}} {{"z" | .Greet "y"}}`,
	`{{.Map.one}} {{.Map.three}} {{.AnyMap.s}} {{.AnyMap.p.Name}} {{.AnyMap.nil}} {{.AnyMap.none}}`,
	`{{range .List}}[{{.Name}}{{.Ptr}}]{{end}}{{range $i, $e := .List}}{{$i}}={{$e.Name}};{{end}}`,
	`{{range $e := .List}}{{$e.Count}}{{else}}none{{end}}{{range .Empty}}x{{else}}empty{{end}}{{range .NilAny}}{{end}}`,
	`{{range .List}}{{if eq .Name "b"}}{{continue}}{{end}}{{if eq .Name "c"}}{{break}}{{end}}{{.Name}}{{end}}`,
	`{{range .Ptrs}}{{if .}}{{.Name}}{{else}}nil{{end}},{{end}}`,
	`{{$x := 1}}{{range .List}}{{$x = .Count}}{{end}}{{$x}}{{$y := .Title}}{{with .P}}{{$y}}{{.Name}}{{$}}{{end}}`,
	`{{with .Nil}}yes{{else}}no{{end}}{{with .P}}{{.Name}}{{else with .List}}l{{end}}{{if .B}}b{{else if .N}}n{{end}}`,
	`{{if and .B .N}}1{{end}}{{if or .Nil .Empty .N}}2{{end}}{{and 0 .Boom}}{{or 1 .Boom}}{{not .B}}{{not .Nil}}`,
	`{{and .N .F}} {{or .Nil .Title}} {{.N | and 1}} {{.Nil | or 0}}`,
	`{{len .List}} {{len .Map}} {{len .Title}} {{index .List 1}} {{index .Map "two"}} {{index .Nested 0 1}} {{index .IntMap 3}}`,
	`{{eq .N 3}} {{eq .N 1 2 3}} {{ne .Title "x"}} {{lt .N 4}} {{le .F 1.5}} {{gt .U 2}} {{ge .N .U}} {{eq .U 7}} {{lt .N .U}}`,
	`{{eq .Nil nil}} {{eq .P .P}} {{eq .NilAny nil}} {{eq .B true}} {{eq "a" "a"}} {{eq .P .Nil}}`,
	`{{up .Title}} {{join .Name "x"}} {{.Title | up}} {{"a" | join "b"}} {{anyOf .N}} {{anyOf .List}} {{anyOf nil}}`,
	`{{opt}} {{opt 1 "a" .P}} {{ptr .P}} {{ptr nil}} {{ptr .Nil}} {{len (mk 3)}} {{iface}} {{err}} {{two .P .N 1 2}}`,
	`{{i8 3}} {{named .Named}} {{stringy .S}} {{print 1 "a" .N}} {{printf "%d-%s" .N .Title}} {{html .Title}} {{urlquery "a b"}}`,
	`{{define "t"}}[{{.}}|{{$}}]{{end}}{{template "t" .N}}{{template "t" .Title}}{{$v := 5}}{{template "t" $v}}{{template "t"}}`,
	`{{(.P).Name}} {{(index .Ptrs 0).Name}} {{$p := .P}}{{$p.Name}} {{$.Title}} {{1.5}} {{0x10}} {{'a'}} {{1e3}} {{true}}`,
	`{{/* comment */}}{{- .N -}} {{ "x" }}{{.Any.Name}}{{.Any.Hello}}`,
	`{{range $i, $e := .Nested}}{{range $e}}{{$i}}{{.}}{{end}}{{end}}`,
	`{{range .List}}{{$n := .Name}}{{range $.Ptrs}}{{$n}}{{end}}{{end}}`,
	`{{if .N}}{{$z := 1}}{{$z}}{{end}}{{with $a := .P}}{{$a.Name}}{{end}}{{if $b := .N}}{{$b}}{{end}}`,
	`{{.Title | same}} {{"box" | same}} {{.Name | up | same}} {{.N | anyOf}} {{.Title | anyOf}} {{.Nil | anyOf}} {{$s := .Name | same}}{{$s}}`,
}

// fails are templates text/template fails on or the program leaves to it.
var fails = []string{
	`{{.Nope}}`, `{{.Nil.Name}}`, `{{.private}}`, `{{.Title 1}}`, `{{.Map.one 2}}`,
	`a{{fail}}b`, `a{{boom}}b`, `{{.Fail}}`, `{{index .List 5}}`, `{{index .List -1}}`, `{{len .N}}`,
	`{{eq .N "a"}}`, `{{lt .B .B}}`, `{{eq .List .List}}`, `{{range .N}}{{.}}{{end}}`, `{{range .Map}}{{.}}{{end}}`,
	`{{template "none"}}`, `{{.NilAny.X}}`, `{{ptr .N}}`, `{{up}}`, `{{up 1}}`, `{{slice .Title 1}}`, `{{call .Fn}}`,
	`{{i8 300}}`, `{{eq .N}}`, `{{and}}`, `{{not 1 2}}`, `{{.Fn 1}}`, `{{range .Nil}}{{end}}`, `{{.Fn}}`, `{{nil | ptr}}`,
	`a{{.Nope | same}}b`, `a{{.N | same}}b`, `a{{"x" | same 1}}b`, `a{{.Named | same}}b`,
}

var seeds = append(append([]string{}, runs...), fails...)

// One program runs on several goroutines at once (the race detector
// watches the per-place caches), each with data of other types in turn.
func TestConcurrent(t *testing.T) {
	src := `{{range .}}{{.Name}}{{.Hello}}{{with .P}}{{.Ptr}}{{end}}{{end}}`
	tt := template.Must(template.New("main").Funcs(funcs()).Parse(src))
	p := compileSet(tt)
	type other struct {
		Name, Hello string
		P           *Inner
	}
	inputs := []any{
		[]*Data{data(), data()},
		[]other{{Name: "o", Hello: "h", P: &Inner{Name: "i"}}},
		[]any{data(), other{Name: "x"}},
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				d := inputs[(g+i)%len(inputs)]
				var want, got bytes.Buffer
				if err := tt.Execute(&want, d); err != nil {
					t.Error(err)
					return
				}
				if !p.Execute(&got, "main", d) || got.String() != want.String() {
					t.Errorf("got %q, want %q", got.String(), want.String())
					return
				}
			}
		})
	}
	wg.Wait()
}

// A method is called through the Direct its method expression is given,
// the receiver first; a Direct that declines leaves it to reflect.
func TestMethodsDirect(t *testing.T) {
	for _, decline := range []bool{false, true} {
		calls := 0
		tt := template.Must(template.New("main").Parse(`{{.P.Ptr}} {{.Hello}} {{.P.Add 1 2}} {{range .List}}{{.Ptr}}{{end}}`))
		p := Compile(map[string]*parse.Tree{"main": tt.Tree}, Options{Direct: func(name string, f any) Direct {
			d := direct(name, f)
			if d == nil {
				return nil
			}
			return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
				calls++
				if decline {
					return reflect.Value{}, nil, false
				}
				return d(args, box)
			}
		}})
		var want, got bytes.Buffer
		d := data()
		if err := tt.Execute(&want, d); err != nil {
			t.Fatal(err)
		}
		if !p.Execute(&got, "main", d) || got.String() != want.String() {
			t.Errorf("decline %v: got %q, want %q", decline, got.String(), want.String())
		}
		if calls != 5 { // .Hello, promoted to *Data, has no Direct
			t.Errorf("decline %v: %d direct calls, want 5", decline, calls)
		}
	}
}

// The strings and lists calls return share blocks of a Box: a value kept
// in a variable stays as it was while hundreds more are returned, and
// the calls do not each allocate.
func TestBoxedResults(t *testing.T) {
	src := `{{$a := up "first"}}{{$w := words "x y z"}}{{$last := ""}}` +
		`{{range $i, $_ := mk 10}}{{range $j, $_ := mk 10}}{{$last = join (up "q") (printf "%d" $j)}}` +
		`{{$x := words "p q"}}{{$y := up "r"}}{{$x}}{{end}}{{end}}` +
		`{{$a}} {{$w}} {{index $w 1}} {{len $w}} {{eq $a "FIRST"}} {{$last}} {{range $w}}<{{.}}>{{end}}`
	want, err, got, fast := both(t, src, data())
	if err != nil || !fast || got != want {
		t.Fatalf("fast %v, err %v:\n got %q\nwant %q", fast, err, got, want)
	}
	if !strings.HasSuffix(got, "FIRST [x y z] y 3 true Q+9 <x><y><z>") {
		t.Errorf("kept values changed: %q", got[max(0, len(got)-60):])
	}
	p := compileSet(template.Must(template.New("main").Funcs(funcs()).Parse(
		`{{range mk 10}}` + strings.Repeat(`{{same "a"}}`, 10) + `{{end}}`)))
	var b bytes.Buffer
	allocs := testing.AllocsPerRun(20, func() {
		b.Reset()
		if !p.Execute(&b, "main", data()) {
			t.Fatal("fell back")
		}
	})
	if b.String() != strings.Repeat("a", 100) {
		t.Fatalf("got %q", b.String())
	}
	if allocs > 40 { // one a call was 100 and more
		t.Errorf("%v allocations for 100 calls returning a string", allocs)
	}
}
