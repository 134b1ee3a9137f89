// Package svg tells whether an SVG file is safe to publish: opened on its
// own (its address, or "open image in new tab"), an SVG is a document of
// the site's origin, and any script in it runs there.
package svg

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// Check returns why the SVG data is not safe to publish, or "" when it is:
// no script or foreign content, no event handler, no reference to another
// file or host (only #fragments within the file), no external stylesheet.
// broken says that the data is not readable as XML at all (a file cut
// short, or another kind of file named .svg): what is wrong then is the
// file, not something in it.
func Check(data []byte) (why string, broken bool) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", false
		}
		if err != nil {
			return err.Error(), true
		}
		switch t := tok.(type) {
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				return "<?xml-stylesheet?>", false
			}
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return "<!ENTITY>", false
			}
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "script", "foreignobject", "iframe", "embed", "object", "handler", "listener":
				return "<" + t.Name.Local + ">", false
			}
			for _, a := range t.Attr {
				name := strings.ToLower(a.Name.Local)
				v := strings.TrimSpace(a.Value)
				switch {
				case strings.HasPrefix(name, "on"):
					return name + "=", false
				case name == "href" || name == "src":
					if !strings.HasPrefix(v, "#") {
						return name + "=" + v, false
					}
				case strings.Contains(strings.ToLower(v), "url(") && !strings.Contains(strings.ReplaceAll(strings.ToLower(v), " ", ""), "url(#"):
					return name + "=" + v, false
				}
			}
		case xml.CharData:
			if l := bytes.ToLower(t); bytes.Contains(l, []byte("@import")) || (bytes.Contains(l, []byte("url(")) && !bytes.Contains(bytes.ReplaceAll(l, []byte(" "), nil), []byte("url(#"))) {
				return "a stylesheet that loads another file", false
			}
		}
	}
}
