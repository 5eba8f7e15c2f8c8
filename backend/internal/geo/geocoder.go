package geo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/shared/api"
)

// Geocoder resolves queries through the chain: cache, online provider (rate-limited across instances), offline
// gazetteer.
type Geocoder struct {
	db      *bun.DB
	online  Provider
	limiter *Limiter
	offline Offline
	log     *slog.Logger
}

// Options configure a Geocoder.
type Options struct {
	// Online is the online geocoder; nil uses the gazetteer alone.
	Online Provider
	// Interval is the least time between two online requests across every instance (1 s for Nominatim's public
	// service).
	Interval time.Duration
	Offline  Offline
	Log      *slog.Logger
}

// New builds a Geocoder on the application's database pool.
func New(db *bun.DB, o Options) *Geocoder {
	g := &Geocoder{db: db, online: o.Online, offline: o.Offline, log: o.Log}
	if g.log == nil {
		g.log = slog.New(slog.DiscardHandler)
	}
	if o.Online != nil {
		interval := o.Interval
		if interval <= 0 {
			interval = time.Second
		}
		g.limiter = NewLimiter(db, string(o.Online.Source())+":"+o.Online.Name(), interval)
	}
	return g
}

// Online reports whether an online geocoder is configured.
func (g *Geocoder) Online() bool { return g.online != nil }

// Resolution is the outcome of Resolve.
type Resolution struct {
	Result Result
	// Final is false when the online geocoder failed and Result is the gazetteer's stand-in: the worker asks
	// again later.
	Final bool
	// Err is why the online geocoder failed (when not Final).
	Err error
}

// Mode says who asks.
type Mode struct {
	// Worker: results the online geocoder has not confirmed are not taken from the cache (it asks again).
	Worker bool
	// Budget bounds the wait for the online geocoder (0: the context's deadline); past it the gazetteer answers.
	Budget time.Duration
}

// Resolve geocodes q: a cached result, else the online geocoder's (a place it does not know goes on to the
// gazetteer), else, when it fails, the gazetteer's as a stand-in. Every result is cached. It returns an error only
// when the database fails; bad or odd input gives not_found.
func (g *Geocoder) Resolve(ctx context.Context, q Query, mode Mode) (Resolution, error) {
	q = q.Cleaned()
	key := q.Key()
	if q.Empty() {
		return Resolution{Result: NotFound(g.fallbackSource()), Final: true}, nil
	}
	if r, ok, err := Cached(ctx, g.db, key, !(mode.Worker && g.online != nil)); err != nil {
		return Resolution{}, err
	} else if ok {
		return Resolution{Result: r, Final: true}, nil
	}
	if g.online == nil {
		r := g.gazetteer(q)
		return Resolution{Result: r, Final: true}, store(ctx, g.db, key, r, true, ttlOffline)
	}
	octx := ctx
	if mode.Budget > 0 {
		var cancel context.CancelFunc
		octx, cancel = context.WithTimeout(ctx, mode.Budget)
		defer cancel()
	}
	var r Result
	err := g.limiter.Do(octx, func(ctx context.Context) error {
		var err error
		r, err = g.online.Geocode(ctx, q)
		return err
	})
	if ctx.Err() != nil {
		return Resolution{}, ctx.Err()
	}
	if err != nil {
		if !errors.Is(err, ErrBudget) {
			g.log.Warn("geocoder failed; the gazetteer stands in", "source", g.online.Source(), "err", err)
		}
		r = g.gazetteer(q)
		return Resolution{Result: r, Err: err}, store(ctx, g.db, key, r, true, ttlFallback)
	}
	if r.Found() {
		return Resolution{Result: r, Final: true}, store(ctx, g.db, key, r, false, ttlOnlineFound)
	}
	if gr := g.gazetteer(q); gr.Found() {
		r = gr
	}
	return Resolution{Result: r, Final: true}, store(ctx, g.db, key, r, false, ttlOnlineNotFound)
}

// Geocode answers POST /api/v1/geocode: Resolve with a budget, so that a busy online geocoder makes the answer
// coarser rather than slow.
func (g *Geocoder) Geocode(ctx context.Context, text string) (api.GeocodeResult, error) {
	q := Query{Text: text}
	res, err := g.Resolve(ctx, q, Mode{Budget: 5 * time.Second})
	if err != nil {
		return api.GeocodeResult{}, fmt.Errorf("geo: geocode: %w", err)
	}
	return api.GeocodeResult{Query: q.Cleaned().Text, Label: res.Result.Label, Position: res.Result.Position(time.Now().UTC())}, nil
}

func (g *Geocoder) gazetteer(q Query) Result {
	if g.offline == nil {
		return NotFound(api.GeoGazetteer)
	}
	return g.offline.Geocode(q)
}

func (g *Geocoder) fallbackSource() api.GeoSource {
	if g.offline == nil && g.online != nil {
		return g.online.Source()
	}
	return api.GeoGazetteer
}
