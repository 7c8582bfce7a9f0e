package sweep

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"strconv"
)

// A journal records finished tasks, one line each: the task index, the CRC-32
// (IEEE) of the row in hex, and the row. A line is whole only if its newline
// is there and its checksum matches, so a line torn by a crash is detected
// and its task run again.

// JournalLine returns task i's journal line for its results row (which ends
// in a newline).
func JournalLine(i int, row []byte) []byte {
	b := make([]byte, 0, len(row)+24)
	b = strconv.AppendInt(b, int64(i), 10)
	b = fmt.Appendf(b, " %08x ", crc32.ChecksumIEEE(row))
	return append(b, row...)
}

// ReadJournal parses a journal: the rows of the tasks it records whole, by
// task index (the first line for a task wins), the number of damaged lines
// skipped, and the length of the journal up to the end of its last whole
// line (anything after it is a torn write to be cut off before appending).
func ReadJournal(data []byte) (rows map[int][]byte, damaged int, good int) {
	rows = map[int][]byte{}
	for off := 0; off < len(data); {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			damaged++ // torn last line
			break
		}
		line := data[off : off+nl+1]
		off += nl + 1
		i, row, ok := parseJournalLine(line)
		if !ok {
			damaged++
			continue
		}
		good = off
		if _, dup := rows[i]; !dup {
			rows[i] = row
		}
	}
	return rows, damaged, good
}

func parseJournalLine(line []byte) (int, []byte, bool) {
	a, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok {
		return 0, nil, false
	}
	c, row, ok := bytes.Cut(rest, []byte(" "))
	if !ok || len(c) != 8 {
		return 0, nil, false
	}
	i, err1 := strconv.Atoi(string(a))
	sum, err2 := strconv.ParseUint(string(c), 16, 32)
	if err1 != nil || err2 != nil || i < 0 || uint32(sum) != crc32.ChecksumIEEE(row) {
		return 0, nil, false
	}
	return i, row, true
}
