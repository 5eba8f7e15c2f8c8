package app

import (
	"testing"
	"time"
)

func TestBackoffDoublesUpToTheMaximumWithJitter(t *testing.T) {
	l := &live{timing: LiveTiming{MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second}.withDefaults()}
	tests := []struct {
		failures int
		nominal  time.Duration
	}{
		{0, 500 * time.Millisecond}, {1, time.Second}, {2, 2 * time.Second}, {5, 16 * time.Second},
		{6, 30 * time.Second}, {60, 30 * time.Second},
	}
	for _, tt := range tests {
		seen := map[time.Duration]bool{}
		for range 50 {
			got := l.backoff(tt.failures)
			if got < tt.nominal/2 || got > tt.nominal {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", tt.failures, got, tt.nominal/2, tt.nominal)
			}
			seen[got] = true
		}
		if len(seen) < 2 {
			t.Errorf("backoff(%d) always %v: no jitter", tt.failures, l.backoff(tt.failures))
		}
	}
}

func TestLiveTimingDefaults(t *testing.T) {
	got := LiveTiming{}.withDefaults()
	want := LiveTiming{Batch: 100 * time.Millisecond, MinBackoff: 500 * time.Millisecond, MaxBackoff: 30 * time.Second}
	if got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
}
