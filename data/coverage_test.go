package data

import (
	"strings"
	"testing"
)

func TestAHostListWithAHugeLineSaysWhichLine(t *testing.T) {
	in := "example.com 3\n" + strings.Repeat("x", 3<<20) + "\nother.example\n"
	_, err := ReadHostCounts(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "line 2 is longer than 1 MiB") || strings.Contains(err.Error(), "bufio") {
		t.Errorf("err = %v; want line 2 named as too long, in words", err)
	}
}
