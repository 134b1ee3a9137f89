// Package cjk is a goldmark extension that makes Markdown behave the way
// writers of Chinese (and Japanese and Korean) text expect.
//
// CommonMark was designed around languages that separate words with spaces.
// Three of its rules misfire in Chinese text, and this package amends them:
//
//   - Emphasis (* ** _ __): a delimiter run whose inner neighbour is
//     punctuation and whose outer neighbour is a CJK character, as in
//     这是**“重要”**内容 or **重点：**后面, is not flanking under CommonMark,
//     so the text stays literal. Here a CJK character on the outer side counts
//     like whitespace or punctuation does.
//   - GFM strikethrough (~~): the same amendment.
//   - GFM linkify: an autolink is recognised only at the start of a line,
//     after whitespace or after one of the characters "*_~(", so a URL glued
//     to Chinese text (详见https://example.org了解更多) is not linked. Here a
//     URL that directly follows a CJK character is linked too; URLs are made
//     of ASCII characters only, so the link stops at the first Chinese
//     character or full-width punctuation mark.
//
// For text without CJK characters the output is exactly goldmark's.
package cjk

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Parser priorities. goldmark tries the inline parsers registered for a
// trigger byte in ascending priority order and uses the first that returns a
// node. goldmark's emphasis parser and GFM's strikethrough parser are both
// registered at 500; ours must come first. The glued-URL parser has triggers
// no other default parser uses, so its priority only has to be a valid one.
const (
	emphasisPriority      = 490
	strikethroughPriority = 490
	linkifyPriority       = 990

	strikethroughRendererPriority = 500
)

// Option configures an extension made by New.
type Option func(*config)

type config struct {
	strikethrough bool
	linkify       bool
}

// WithoutStrikethrough leaves ~ and ~~ to goldmark. Use it with a goldmark
// that should not have GFM strikethrough: the extension otherwise enables it.
func WithoutStrikethrough() Option {
	return func(c *config) { c.strikethrough = false }
}

// WithoutLinkify does not link URLs glued to CJK text. Use it when goldmark's
// GFM linkify extension is not enabled.
func WithoutLinkify() Option {
	return func(c *config) { c.linkify = false }
}

// New returns an extension with the given options. With no options it is
// equivalent to Extension.
func New(opts ...Option) goldmark.Extender {
	c := config{strikethrough: true, linkify: true}
	for _, o := range opts {
		o(&c)
	}
	return &cjkExtension{config: c}
}

// Extension makes goldmark handle Chinese text as Chinese writers expect. Use
// with goldmark.WithExtensions(extension.GFM, extension.Footnote,
// extension.CJK, cjk.Extension).
//
// It amends emphasis, strikethrough and linkify as the package documentation
// describes. The amended strikethrough parser replaces GFM's, so Extension
// also registers GFM's strikethrough renderer: strikethrough works (and
// cannot leave a node nobody renders) even in a goldmark without
// extension.GFM. Glued URLs are linked even without GFM's linkify. For a
// goldmark that should have neither, use New with WithoutStrikethrough and
// WithoutLinkify.
var Extension goldmark.Extender = New()

type cjkExtension struct {
	config config
}

// Extend implements goldmark.Extender.
func (e *cjkExtension) Extend(m goldmark.Markdown) {
	// Fresh parser values per goldmark instance: the linkify parser receives
	// the instance's parser options.
	ips := []util.PrioritizedValue{
		util.Prioritized(&emphasisParser{}, emphasisPriority),
	}
	if e.config.strikethrough {
		ips = append(ips, util.Prioritized(&strikethroughParser{inner: extension.NewStrikethroughParser()}, strikethroughPriority))
		// The same renderer, at the same priority, as extension.Strikethrough
		// registers; registering it twice is harmless.
		m.Renderer().AddOptions(renderer.WithNodeRenderers(
			util.Prioritized(extension.NewStrikethroughHTMLRenderer(), strikethroughRendererPriority)))
	}
	if e.config.linkify {
		ips = append(ips, util.Prioritized(newLinkifyParser(), linkifyPriority))
	}
	m.Parser().AddOptions(parser.WithInlineParsers(ips...))
}
