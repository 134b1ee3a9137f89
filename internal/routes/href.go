package routes

import "strings"

// Href is the address of a link a site's settings give (a menu entry): a
// path inside the site ("projects/"), which pages link relatively like any
// file, or an address of another site (http://, https://), a mail address
// (mailto:) or a phone number (tel:), written as it is. config refuses
// every other scheme before a page is made.
type Href string

// External reports whether the address leads out of the site, and so is
// written as it is rather than relative to the page.
func (h Href) External() bool {
	s := strings.ToLower(string(h))
	for _, p := range []string{"http://", "https://", "mailto:", "tel:"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
