package db_test

import (
	"log/slog"
	"slices"
	"testing"
)

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// exceptionsMatch checks a schema rule's listed exceptions both ways: every name found breaking the rule is listed
// (unlisted: the error, with the name), and every listed name still breaks it (stale: likewise).
func exceptionsMatch(t *testing.T, found []string, listed map[string]string, unlisted, stale string) {
	t.Helper()
	for _, name := range found {
		if _, ok := listed[name]; !ok {
			t.Errorf(unlisted, name)
		}
	}
	for name := range listed {
		if !slices.Contains(found, name) {
			t.Errorf(stale, name)
		}
	}
}
