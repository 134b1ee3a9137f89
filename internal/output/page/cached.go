package page

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strconv"
)

// partialCached is the layouts' {{partialCached "header" . .Kind}}, as in
// Hugo: the named template rendered once, then reused wherever it is
// called with the same variants (the arguments after the context) from a
// page at the same folder depth (links are relative, so the depth is
// always part of the key). The context is the page, or what a partial is
// given that holds one (card, pic): {{partialCached "case-item" (card $p
// . true) . true}} renders a case's card once for each depth it is listed
// at, where a list of 10,000 articles shows each case on four to seven
// pages. A part that shows anything of the page or the context that its
// variants do not name must not be cached.
func (b *Bound) partialCached(name string, ctx any, variants ...any) (template.HTML, error) {
	p := pageOf(ctx)
	if p == nil {
		return "", fmt.Errorf("partialCached %q: %T is not a page, nor holds one", name, ctx)
	}
	key, held := cacheKey(name, p.depth, variants)
	if c, ok := b.cached.Load(key); ok {
		return c.(cachedPart).html, nil
	}
	var buf bytes.Buffer
	if err := b.runWith(&buf, name, p, ctx); err != nil {
		return "", err
	}
	c, _ := b.cached.LoadOrStore(key, cachedPart{template.HTML(buf.String()), held})
	return c.(cachedPart).html, nil
}

// cachedPart is a part partialCached rendered, and the objects its key
// names by their addresses: held, so that no other object takes one of
// those addresses while the part is kept.
type cachedPart struct {
	html template.HTML
	held []any
}

// pageOf is the page ctx is or holds; nil when none.
func pageOf(ctx any) *Page {
	switch c := ctx.(type) {
	case *Page:
		return c
	case *Card:
		if c != nil {
			return c.Page
		}
	case *Pic:
		if c != nil {
			return c.Page
		}
	}
	return nil
}

// cacheKey is partialCached's key for the part name at folder depth with
// variants: a string, number or bool as itself, a pointer (a case, an
// organization) by its address, which held lists, anything else as fmt
// prints it (fmt would print all of what a pointer to a struct points
// to). Each is marked with its kind, and a text with its length, so that
// no two lists of variants have one key.
func cacheKey(name string, depth int, variants []any) (key string, held []any) {
	k := make([]byte, 0, 64)
	text := func(kind byte, s string) {
		k = strconv.AppendInt(append(k, kind), int64(len(s)), 10)
		k = append(append(k, ':'), s...)
	}
	text('n', name)
	k = strconv.AppendInt(append(k, 'd'), int64(depth), 10)
	for _, v := range variants {
		switch v := v.(type) {
		case string:
			text('s', v)
		case bool:
			k = strconv.AppendBool(append(k, 'b'), v)
		case int:
			k = strconv.AppendInt(append(k, 'i'), int64(v), 10)
		default:
			if r := reflect.ValueOf(v); r.Kind() == reflect.Pointer && !r.IsNil() {
				k = strconv.AppendUint(append(k, 'p'), uint64(r.Pointer()), 16)
				held = append(held, v)
			} else {
				text('v', fmt.Sprint(v))
			}
		}
		k = append(k, ';')
	}
	return string(k), held
}
