package app

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

var update = flag.Bool("update", false, "write frontend/src/lib/vocabulary.ts (scripts/bindings.sh does)")

// vocabularyFile is the generated file, from this package's folder.
var vocabularyFile = filepath.Join("..", "..", "frontend", "src", "lib", "vocabulary.ts")

func TestVocabularyFileIsCurrent(t *testing.T) {
	want := VocabularyTS()
	if *update {
		if err := os.WriteFile(vocabularyFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(vocabularyFile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("%s does not match shared/api: run scripts/bindings.sh (make bindings)", vocabularyFile)
	}
}

// TestEveryAllListCrosses reads shared/api for its All… lists: each must be bound and listed for the UI.
func TestEveryAllListCrosses(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "shared", "api", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("shared/api: %v", err)
	}
	var crossing []string
	for _, v := range vocabularies() {
		crossing = append(crossing, v.name)
	}
	allList := regexp.MustCompile(`(?m)^var (All\w+) = \[\]\w+\{`)
	found := 0
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range allList.FindAllStringSubmatch(string(src), -1) {
			found++
			if !slices.Contains(crossing, m[1]) {
				t.Errorf("api.%s does not cross to the UI: add it to vocabularies()", m[1])
			}
		}
	}
	if found < 15 {
		t.Fatalf("found only %d All… lists in shared/api", found)
	}
}

func TestEnumMembersHaveDistinctNames(t *testing.T) {
	ident := regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	safe := regexp.MustCompile(`^[a-z][a-zA-Z0-9_.-]*$`) // nothing to escape in a TS string literal
	lists := map[string]bool{}
	for _, v := range vocabularies() {
		if lists[tsListName(v.name)] {
			t.Errorf("two lists are called %s in vocabulary.ts", tsListName(v.name))
		}
		lists[tsListName(v.name)] = true
		names := map[string]string{}
		for _, value := range v.values {
			if !safe.MatchString(value) {
				t.Errorf("%s: value %q", v.name, value)
			}
			name := tsName(value)
			if !ident.MatchString(name) {
				t.Errorf("%s: %q gives the member name %q", v.name, value, name)
			}
			if other, ok := names[name]; ok {
				t.Errorf("%s: %q and %q both give the member name %s", v.name, other, value, name)
			}
			names[name] = value
		}
	}
}

func TestTSNames(t *testing.T) {
	for in, want := range map[string]string{
		"in_progress": "InProgress", "request.malformed_json": "RequestMalformedJson", "map-pin": "MapPin",
		"createdAt": "CreatedAt", "internal": "Internal", "eq": "Eq",
	} {
		if got := tsName(in); got != want {
			t.Errorf("tsName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"AllRecordTypes": "RECORD_TYPES", "CustomFieldTypes": "CUSTOM_FIELD_TYPES", "AllErrorCodes": "ERROR_CODES",
	} {
		if got := tsListName(in); got != want {
			t.Errorf("tsListName(%q) = %q, want %q", in, got, want)
		}
	}
}
