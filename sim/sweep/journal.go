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

// ParseJournalLine reads one journal line (newline included): the task
// index and its results row; ok is false if the line is damaged.
func ParseJournalLine(line []byte) (i int, row []byte, ok bool) {
	if len(line) == 0 || line[len(line)-1] != '\n' {
		return 0, nil, false
	}
	return parseJournalLine(line)
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
