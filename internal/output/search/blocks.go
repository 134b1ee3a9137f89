package search

import "encoding/binary"

// blocks holds the posting lists of a part while they are collected: each
// list is a chain of blocks cut from large chunks, each block twice the
// size of the one before up to maxBlock. A list kept as a slice of its
// own was copied into a new one twice its size whenever it filled: at
// 10,000 articles, tens of megabytes of garbage, zeroed and collected,
// a tenth of the index's time.
//
// A block is its header, the address of the next block (4 bytes, 0: none)
// and the bytes used (4, header included), then the list's pairs (see
// putPair); a pair is never cut between two blocks, so that each block's
// bytes read on their own. An address is a block's place in four-byte
// units (blocks start at multiples of four): 16 GB of blocks, where a
// province's part holds a few hundred megabytes.
type blocks struct {
	chunks [][]byte
	free   int // the first free byte of the last chunk
}

const (
	chunkBits  = 20
	chunkSize  = 1 << chunkBits
	blockHead  = 8
	firstBlock = 32
	maxBlock   = 4096
	// maxPair is the longest pair putPair writes here: a page id's
	// distance, below 2^31 (7 digits), and a saturated count (1 or 2
	// bytes).
	maxPair = 9
)

// alloc is the address of a new block of size bytes (a multiple of four),
// header included, with no next block. Address 0 is never a block's: the
// first chunk starts with an unused header.
func (b *blocks) alloc(size int) uint32 {
	if len(b.chunks) == 0 || b.free+size > chunkSize {
		b.chunks = append(b.chunks, make([]byte, chunkSize))
		b.free = 0
		if len(b.chunks) == 1 {
			b.free = blockHead
		}
	}
	addr := uint32(((len(b.chunks)-1)<<chunkBits | b.free) >> 2)
	b.free += size
	return addr
}

// block is the size bytes at addr.
func (b *blocks) block(addr uint32, size int) []byte {
	at := int(addr) << 2
	off := at & (chunkSize - 1)
	return b.chunks[at>>chunkBits][off : off+size : off+size]
}

// put appends the pair a, c (see putPair) to list l. A list's first pair,
// when it takes at most inlineBytes, is held in the list itself: most
// terms of a text of real variety are on one page of a part (a quarter of
// a million lists a part at 10,000 such articles), and a block for each
// was a tenth of the index's memory. The bytes used of its last block are
// in l until seal writes them into the block's header (written at each
// pair, they cost a cache miss more where the block is longer than a
// cache line).
func (b *blocks) put(l *list, a, c uint64) {
	if l.size == 0 { // no block yet
		var pair [maxPair]byte
		p := putPair(pair[:0], a, c)
		if l.used == 0 && len(p) <= inlineBytes {
			var held [8]byte
			copy(held[:], p)
			v := binary.LittleEndian.Uint64(held[:])
			l.first, l.last, l.used = uint32(v), uint32(v>>32), uint16(len(p))
			return
		}
		var scratch [8]byte
		held := l.held(&scratch)
		addr := b.alloc(firstBlock)
		blk := b.block(addr, firstBlock)
		n := blockHead + copy(blk[blockHead:], held)
		n += copy(blk[n:], p)
		l.first, l.last, l.size, l.used = addr, addr, firstBlock, uint16(n)
		return
	}
	if int(l.used)+maxPair > int(l.size) {
		size := min(2*int(l.size), maxBlock)
		b.seal(l)
		addr := b.alloc(size)
		binary.LittleEndian.PutUint32(b.block(l.last, blockHead), addr)
		l.last, l.size, l.used = addr, uint16(size), blockHead
	}
	blk := b.block(l.last, int(l.size))
	l.used += uint16(len(putPair(blk[l.used:l.used], a, c)))
}

// inlineBytes is the most bytes of a first pair a list holds itself, in
// its blocks' addresses: a distance below 2^30 (six digits) and its count
// (one or two bytes), which every first pair of a site of fewer pages
// takes.
const inlineBytes = 8

// held is the first pair a list with no block holds, or nothing, in
// scratch.
func (l *list) held(scratch *[8]byte) []byte {
	binary.LittleEndian.PutUint64(scratch[:], uint64(l.first)|uint64(l.last)<<32)
	return scratch[:l.used]
}

// seal writes the bytes used of list l's last block into its header:
// after the last put, before each.
func (b *blocks) seal(l *list) {
	if l.size != 0 {
		binary.LittleEndian.PutUint32(b.block(l.last, blockHead)[4:], uint32(l.used))
	}
}

// pairsOf calls f with the pairs of list l, those of each of its blocks
// in order, or the one it holds (in scratch).
func (b *blocks) pairsOf(l *list, scratch *[8]byte, f func([]byte)) {
	if l.size == 0 {
		if l.used > 0 {
			f(l.held(scratch))
		}
		return
	}
	b.each(l.first, f)
}

// each calls f with the pairs of each block of the list whose first block
// is at first, in order.
func (b *blocks) each(first uint32, f func([]byte)) {
	for addr := first; addr != 0; {
		head := b.block(addr, blockHead)
		used := int(binary.LittleEndian.Uint32(head[4:]))
		f(b.block(addr, used)[blockHead:])
		addr = binary.LittleEndian.Uint32(head)
	}
}
