package config_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The operator guide's configuration reference lists every environment variable the server reads, and nothing it
// no longer reads: the variables are taken from the sources of the configuration and of the server's commands.
func TestEveryServerSettingIsDocumented(t *testing.T) {
	name := regexp.MustCompile(`"(ONESALES_[A-Z0-9_]+)"`)
	read := map[string]bool{}
	for _, pattern := range []string{"*.go", "../../cmd/onesales-server/*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range name.FindAllStringSubmatch(string(src), -1) {
				read[m[1]] = true
			}
		}
	}
	if len(read) < 30 {
		t.Fatalf("found only %d variables in the sources: the search is broken", len(read))
	}
	doc, err := os.ReadFile("../../../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	_, reference, found := strings.Cut(string(doc), "\n## Configuration reference\n")
	if !found {
		t.Fatal("docs/operations.md has no section ## Configuration reference")
	}
	reference, _, _ = strings.Cut(reference, "\n## ")
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("`(ONESALES_[A-Z0-9_]+)`").FindAllStringSubmatch(reference, -1) {
		documented[m[1]] = true
	}
	var missing, stale []string
	for v := range read {
		if !documented[v] {
			missing = append(missing, v)
		}
	}
	for v := range documented {
		if !read[v] {
			stale = append(stale, v)
		}
	}
	slices.Sort(missing)
	slices.Sort(stale)
	if len(missing) > 0 {
		t.Errorf("read by the server but not in docs/operations.md's configuration reference: %v", missing)
	}
	if len(stale) > 0 {
		t.Errorf("in docs/operations.md's configuration reference but read nowhere: %v", stale)
	}
}
