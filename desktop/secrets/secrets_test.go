package secrets

import (
	"errors"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

func TestRunMapsErrorsAndTimesOut(t *testing.T) {
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	k := &Keyring{service: "unused", timeout: 50 * time.Millisecond}
	tests := []struct {
		name string
		fn   func() error
		want error
	}{
		{"ok", func() error { return nil }, nil},
		{"not found", func() error { return keyring.ErrNotFound }, ErrNotFound},
		{"too big", func() error { return keyring.ErrSetDataTooBig }, ErrTooBig},
		{"hangs", func() error { <-block; return nil }, ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := k.run("op", tt.fn)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestMemoryStore(t *testing.T) {
	m := NewMemory()
	if _, err := m.Get("s", "e"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get on empty store: %v", err)
	}
	_ = m.Set("s", "e", "t1")
	_ = m.Set("s2", "e", "t2")
	if got, _ := m.Get("s", "e"); got != "t1" {
		t.Fatalf("Get = %q, want t1", got)
	}
	if err := m.Delete("s", "e"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := m.Delete("s", "e"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second Delete: %v", err)
	}
	if got, _ := m.Get("s2", "e"); got != "t2" {
		t.Fatalf("other server's entry = %q, want t2", got)
	}
}
