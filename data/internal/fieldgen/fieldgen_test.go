package fieldgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestFieldsGenIsUpToDate(t *testing.T) {
	want, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("../..", OutputName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("data/%s is stale: run go generate ./data", OutputName)
	}
}

func TestAFieldWithoutAPolicyIsAnError(t *testing.T) {
	dir := t.TempDir()
	src := "package data\n\ntype Vendor struct {\n\tThings []Thing `json:\"things\"`\n}\n\ntype Thing struct {\n\tName string `json:\"name\"`\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "vendor.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir); err == nil {
		t.Error("a list of structs without a merge key was accepted")
	}
}
