package load

// maxID is the longest id, in bytes: an org's or a project's id names the
// folder of its page, and a file or folder name may have at most 255 bytes
// (ext4, NTFS, APFS). Tasks' ids share the limit, as every id does.
const maxID = 255

// idLength reports an id too long to name a folder.
func (c *cells) idLength(key, v string) {
	if len(v) > maxID {
		c.errorf(key, "cell.idLong", len(v), maxID)
	}
}
