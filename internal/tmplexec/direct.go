package tmplexec

import "reflect"

// The Direct calls of functions of common shapes. Each takes its
// arguments out of their reflect.Values without allocating (when a value
// is not exactly of the parameter's type it declines, and the function is
// called through reflect), and gives its result as reflect.Value.Call
// would: of the result's type, an interface included.

// as is v as a T.
func as[T any](v reflect.Value) (T, bool) {
	if !v.IsValid() {
		var zero T
		return zero, false
	}
	return reflect.TypeAssert[T](v)
}

// boxOf is how a call's result of type R becomes the reflect.Value a
// call of the function through reflect gives: of the result's type, an
// interface included; a string or a []string through the execution's Box.
func boxOf[R any]() func(R, *Box) reflect.Value {
	if f, ok := any((*Box).String).(func(*Box, R) reflect.Value); ok {
		return func(r R, b *Box) reflect.Value { return f(b, r) }
	}
	if f, ok := any((*Box).Strings).(func(*Box, R) reflect.Value); ok {
		return func(r R, b *Box) reflect.Value { return f(b, r) }
	}
	if reflect.TypeFor[R]().Kind() == reflect.Interface {
		return func(r R, _ *Box) reflect.Value { return reflect.ValueOf(&r).Elem() }
	}
	return func(r R, _ *Box) reflect.Value { return reflect.ValueOf(r) }
}

// Func1 calls func(A) R directly.
func Func1[A, R any](f func(A) R) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		a, ok := as[A](args[0])
		if !ok {
			return reflect.Value{}, nil, false
		}
		return result(f(a), box), nil, true
	}
}

// Func1E calls func(A) (R, error) directly.
func Func1E[A, R any](f func(A) (R, error)) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		a, ok := as[A](args[0])
		if !ok {
			return reflect.Value{}, nil, false
		}
		r, err := f(a)
		return result(r, box), err, true
	}
}

// Func2 calls func(A, B) R directly.
func Func2[A, B, R any](f func(A, B) R) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		a, ok1 := as[A](args[0])
		b, ok2 := as[B](args[1])
		if !ok1 || !ok2 {
			return reflect.Value{}, nil, false
		}
		return result(f(a, b), box), nil, true
	}
}

// Func3 calls func(A, B, C) R directly.
func Func3[A, B, C, R any](f func(A, B, C) R) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		a, ok1 := as[A](args[0])
		b, ok2 := as[B](args[1])
		c, ok3 := as[C](args[2])
		if !ok1 || !ok2 || !ok3 {
			return reflect.Value{}, nil, false
		}
		return result(f(a, b, c), box), nil, true
	}
}

// rest is the variadic arguments as a function of ...any gets them.
func rest(args []reflect.Value) ([]any, bool) {
	vs := make([]any, len(args))
	for i, a := range args {
		if !a.IsValid() {
			return nil, false
		}
		vs[i] = a.Interface()
	}
	return vs, true
}

// VarE calls func(...any) (R, error) directly.
func VarE[R any](f func(...any) (R, error)) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		vs, ok := rest(args)
		if !ok {
			return reflect.Value{}, nil, false
		}
		r, err := f(vs...)
		return result(r, box), err, true
	}
}

// Var2E calls func(A, B, ...any) (R, error) directly.
func Var2E[A, B, R any](f func(A, B, ...any) (R, error)) Direct {
	result := boxOf[R]()
	return func(args []reflect.Value, box *Box) (reflect.Value, error, bool) {
		a, ok1 := as[A](args[0])
		b, ok2 := as[B](args[1])
		vs, ok3 := rest(args[2:])
		if !ok1 || !ok2 || !ok3 {
			return reflect.Value{}, nil, false
		}
		r, err := f(a, b, vs...)
		return result(r, box), err, true
	}
}
