package tmplexec

import (
	"reflect"
	"text/template/parse"
)

// ctl is how a statement ends: normally, or by break or continue.
type ctl uint8

const (
	next ctl = iota
	brk
	cont
)

// stmt runs one node of a template's body.
type stmt func(s *state, dot reflect.Value) ctl

// expr evaluates a pipeline.
type expr func(s *state, dot reflect.Value) reflect.Value

type compiler struct {
	p    *Program
	opts Options
}

func (c *compiler) list(l *parse.ListNode) stmt {
	if l == nil {
		return nil
	}
	var ss []stmt
	for _, n := range l.Nodes {
		if st := c.node(n); st != nil {
			ss = append(ss, st)
		}
	}
	switch len(ss) {
	case 0:
		return func(*state, reflect.Value) ctl { return next }
	case 1:
		return ss[0]
	}
	return func(s *state, dot reflect.Value) ctl {
		for _, st := range ss {
			if c := st(s, dot); c != next {
				return c
			}
		}
		return next
	}
}

// node compiles one node; nil for one that does nothing.
func (c *compiler) node(n parse.Node) stmt {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) ctl {
			s.w.Write(text)
			return next
		}
	case *parse.CommentNode:
		return nil
	case *parse.ActionNode:
		if st := c.written(n.Pipe); st != nil {
			return st
		}
		pipe := c.pipeline(n.Pipe)
		if len(n.Pipe.Decl) > 0 {
			return func(s *state, dot reflect.Value) ctl {
				pipe(s, dot)
				return next
			}
		}
		return func(s *state, dot reflect.Value) ctl {
			s.print(pipe(s, dot))
			return next
		}
	case *parse.IfNode:
		return c.ifOrWith(false, &n.BranchNode)
	case *parse.WithNode:
		return c.ifOrWith(true, &n.BranchNode)
	case *parse.ListNode:
		return c.list(n)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.template(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) ctl { return brk }
	case *parse.ContinueNode:
		return func(*state, reflect.Value) ctl { return cont }
	}
	return bailStmt
}

// written compiles an action whose pipeline ends in a function with a
// Write ({{.Title | escape}}): the value piped into the function is
// written by the Write, or else the function called and its result
// printed; nil for any other action.
func (c *compiler) written(p *parse.PipeNode) stmt {
	if c.p.writes == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return nil
	}
	last := p.Cmds[len(p.Cmds)-1]
	id, ok := last.Args[0].(*parse.IdentifierNode)
	if !ok || len(last.Args) != 1 {
		return nil
	}
	if _, own := c.opts.Funcs[id.Ident]; !own {
		return nil
	}
	write := c.p.writes(id.Ident)
	if write == nil {
		return nil
	}
	head := c.pipeline(&parse.PipeNode{NodeType: parse.NodePipe, Pos: p.Pos, Line: p.Line, Cmds: p.Cmds[:len(p.Cmds)-1]})
	call := c.command(last)
	return func(s *state, dot reflect.Value) ctl {
		v := head(s, dot)
		if !write(s.w, v) {
			s.print(elemOfAny(call(s, dot, v, true)))
		}
		return next
	}
}

func bailStmt(s *state, _ reflect.Value) ctl {
	s.bail()
	return next
}

// run runs a list that may be absent.
func run(l stmt, s *state, dot reflect.Value) ctl {
	if l == nil {
		return next
	}
	return l(s, dot)
}

func (c *compiler) ifOrWith(with bool, b *parse.BranchNode) stmt {
	pipe, list, elseList := c.pipeline(b.Pipe), c.list(b.List), c.list(b.ElseList)
	return func(s *state, dot reflect.Value) ctl {
		mark := len(s.vars)
		val := pipe(s, dot)
		t, ok := isTrue(indirectInterface(val))
		if !ok {
			s.bail()
		}
		var r ctl
		switch {
		case t && with:
			r = run(list, s, val)
		case t:
			r = run(list, s, dot)
		case elseList != nil:
			r = elseList(s, dot)
		}
		s.vars = s.vars[:mark]
		return r
	}
}

// rangeNode runs range over slices and arrays (and nothing, for a nil
// value); any other range is left to text/template.
func (c *compiler) rangeNode(n *parse.RangeNode) stmt {
	pipe, list, elseList := c.pipeline(n.Pipe), c.list(n.List), c.list(n.ElseList)
	var decl []string
	for _, v := range n.Pipe.Decl {
		decl = append(decl, v.Ident[0])
	}
	assign := n.Pipe.IsAssign
	return func(s *state, dot reflect.Value) ctl {
		outer := len(s.vars)
		val, _ := indirect(pipe(s, dot))
		mark := len(s.vars)
		switch val.Kind() {
		case reflect.Array, reflect.Slice:
			if val.Len() == 0 {
				break
			}
			for i := 0; i < val.Len(); i++ {
				elem := val.Index(i)
				switch {
				case len(decl) == 1 && assign:
					s.setVar(decl[0], elem)
				case len(decl) == 1:
					s.vars[len(s.vars)-1].value = elem
				case len(decl) == 2 && assign:
					s.setVar(decl[0], reflect.ValueOf(i))
					s.setVar(decl[1], elem)
				case len(decl) == 2:
					s.vars[len(s.vars)-1].value = elem
					s.vars[len(s.vars)-2].value = reflect.ValueOf(i)
				}
				r := run(list, s, elem)
				s.vars = s.vars[:mark]
				if r == brk {
					s.vars = s.vars[:outer]
					return next
				}
			}
			s.vars = s.vars[:outer]
			return next
		case reflect.Invalid:
		default:
			s.bail()
		}
		r := run(elseList, s, dot)
		s.vars = s.vars[:outer]
		return r
	}
}

func (c *compiler) template(n *parse.TemplateNode) stmt {
	name, pipe := n.Name, c.pipeline(n.Pipe)
	return func(s *state, dot reflect.Value) ctl {
		t := s.p.tmpls[name]
		if t == nil || t.root == nil || s.depth >= maxDepth {
			s.bail()
		}
		dot = pipe(s, dot) // its variables stay the caller's
		base := s.base
		s.base = len(s.vars)
		s.push("$", dot)
		s.depth++
		t.root(s, dot)
		s.depth--
		s.vars = s.vars[:s.base]
		s.base = base
		return next
	}
}

// pipeline compiles a pipeline: each command's value is the next one's
// last argument; the declared variables are pushed (or assigned).
func (c *compiler) pipeline(p *parse.PipeNode) expr {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	}
	cmds := make([]command, len(p.Cmds))
	for i, cmd := range p.Cmds {
		cmds[i] = c.command(cmd)
	}
	var decl []string
	for _, v := range p.Decl {
		decl = append(decl, v.Ident[0])
	}
	assign := p.IsAssign
	if len(cmds) == 1 && len(decl) == 0 {
		cmd := cmds[0]
		return func(s *state, dot reflect.Value) reflect.Value {
			return elemOfAny(cmd(s, dot, reflect.Value{}, false))
		}
	}
	return func(s *state, dot reflect.Value) reflect.Value {
		var v reflect.Value
		for i, cmd := range cmds {
			v = elemOfAny(cmd(s, dot, v, i > 0))
		}
		for _, name := range decl {
			if assign {
				s.setVar(name, v)
			} else {
				s.push(name, v)
			}
		}
		return v
	}
}

// elemOfAny is the value inside an interface{} (a command's value of
// that type is looked into, as text/template does).
func elemOfAny(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return v.Elem()
	}
	return v
}
