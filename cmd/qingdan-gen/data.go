package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Random streams: each entity draws from its own PCG stream, so a file can
// be written in any order, or in parallel, and still give the same bytes.
const (
	streamOrgs    = 1 << 40
	streamAlloc   = 2 << 40
	streamNumbers = 3 << 40
	streamText    = 4 << 40
	streamArticle = 5 << 40
	streamImage   = 6 << 40
)

// rng is a generator on one stream, reseeded per entity.
type rng struct {
	pcg *rand.PCG
	*rand.Rand
}

func newRNG(seed, stream uint64) rng {
	p := rand.NewPCG(seed, stream)
	return rng{p, rand.New(p)}
}

func (r rng) reset(seed, stream uint64) { r.pcg.Seed(seed, stream) }

// dates formats each day of the data's span once; a few are written in the
// other forms the SPEC accepts, as spreadsheets export them.
type dates struct {
	first          day
	iso, slash, zh [][]byte
}

func newDates() *dates {
	d := &dates{first: dataStart - 400}
	for x := d.first; x < asOf+1200; x++ {
		t := x.date()
		d.iso = append(d.iso, []byte(t.Format("2006-01-02")))
		d.slash = append(d.slash, []byte(t.Format("2006/1/2")))
		d.zh = append(d.zh, []byte(t.Format("2006年1月2日")))
	}
	return d
}

// form is the date in ISO form, or when u is 0 or 1 (the caller draws u
// from a few hundred) in one of the others.
func (d *dates) form(x day, u int) []byte {
	i := int(x - d.first)
	if i < 0 || i >= len(d.iso) {
		return []byte(x.String())
	}
	switch u {
	case 0:
		return d.slash[i]
	case 1:
		return d.zh[i]
	}
	return d.iso[i]
}

// appendValue writes v (in units of 10^-dec) as a number; sep adds
// thousands separators (the caller quotes the cell).
func appendValue(b []byte, v int64, dec int, sep bool) []byte {
	whole, frac := v, int64(0)
	if dec == 1 {
		whole, frac = v/10, v%10
	}
	if sep && whole >= 1000 {
		s := strconv.FormatInt(whole, 10)
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 {
				b = append(b, ',')
			}
			b = append(b, byte(c))
		}
	} else {
		b = strconv.AppendInt(b, whole, 10)
	}
	if dec == 1 {
		b = append(b, '.')
		b = strconv.AppendInt(b, frac, 10)
	}
	return b
}

// cell appends a CSV field, quoted when it needs to be.
func cell(b []byte, s string) []byte {
	if strings.ContainsAny(s, ",\"\r\n") {
		return append(append(b, '"'), strings.ReplaceAll(s, `"`, `""`)+`"`...)
	}
	return append(b, s...)
}

// csvFile streams rows to dir/data/name through a large buffer.
func csvFile(dir, name, header string, fill func(w *bufio.Writer) error) error {
	f, err := os.Create(filepath.Join(dir, "data", name))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(header + "\n")
	if err := fill(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func writeOrgs(dir string, orgs []*org) error {
	return csvFile(dir, "orgs.csv", "id,name,type,parent,secretary,members,founded,area,demo,summary", func(w *bufio.Writer) error {
		var b []byte
		for _, o := range orgs {
			b = b[:0]
			for _, s := range []string{o.id, o.name, o.typ, o.parent, o.secretary} {
				b = append(cell(b, s), ',')
			}
			b = append(strconv.AppendInt(b, int64(o.members), 10), ',')
			if o.founded != 0 {
				b = append(b, o.founded.String()...)
			}
			for _, s := range []string{o.area, o.demo, o.summary} {
				b = cell(append(b, ','), s)
			}
			if _, err := w.Write(append(b, '\n')); err != nil {
				return err
			}
		}
		return nil
	})
}

func writeTasks(dir string, ts []task) error {
	return csvFile(dir, "tasks.csv", "id,title,category,types,kind,due,description", func(w *bufio.Writer) error {
		for _, t := range ts {
			var b []byte
			for i, s := range []string{t.id, t.title, t.category, strings.Join(t.types, "|"), t.kind, t.due, t.desc} {
				if i > 0 {
					b = append(b, ',')
				}
				b = cell(b, s)
			}
			if _, err := w.Write(append(b, '\n')); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeConfig writes qingdan.toml.
func writeConfig(dir, title string) error {
	s := fmt.Sprintf(`# 由 qingdan-gen 生成的合成站点，用于性能测试
title = %q
description = "党建项目化、项目清单化、清单差异化（合成数据）"
language = "zh-CN"
base_url = ""
as_of = %s
cases_per_page = 20

[status]
warn_gap = 0.2
`, title, asOf)
	return os.WriteFile(filepath.Join(dir, "qingdan.toml"), []byte(s), 0o644)
}
