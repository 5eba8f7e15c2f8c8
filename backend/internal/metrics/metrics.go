// Package metrics keeps the server's Prometheus metrics: HTTP requests by route pattern and status with their
// latency, sign-ins and throttled requests, the database pool, the workers' queues and the documents stored. The
// endpoint is served apart from the API (config.Metrics), optionally behind a bearer token.
package metrics

import (
	"context"
	"crypto/subtle"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/uptrace/bun"
)

// Login results (the result label of onesales_logins_total).
const (
	LoginSuccess   = "success"
	LoginFailure   = "failure"
	LoginThrottled = "throttled"
)

// Metrics is one process's registry.
type Metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	logins    *prometheus.CounterVec
	throttled *prometheus.CounterVec
}

// New registers the metrics; db (nil: none) adds the pool's and the queues' figures, read at each scrape.
func New(db *bun.DB, log *slog.Logger, version string) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onesales_http_requests_total",
			Help: "HTTP requests by route pattern (unmatched: no route) and status."}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "onesales_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its answer's end, by route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}}, []string{"route"}),
		logins: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onesales_logins_total",
			Help: "Sign-in attempts by result (success, failure, throttled)."}, []string{"result"}),
		throttled: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "onesales_throttled_requests_total",
			Help: "Requests refused with 429 (sign-in throttle, rate limits), by route pattern."}, []string{"route"}),
	}
	for _, r := range []string{LoginSuccess, LoginFailure, LoginThrottled} {
		m.logins.WithLabelValues(r) // present at 0 from the start
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "onesales_build_info",
		Help: "The server's version (value 1)."}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	m.reg.MustRegister(m.requests, m.latency, m.logins, m.throttled, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db.DB, "onesales"), &stats{db: db, log: log})
	}
	return m
}

// Request counts a finished request; route is its pattern ("GET /api/v1/persons/{personID}"), never the raw
// path, so that the series stay few and carry no IDs.
func (m *Metrics) Request(route string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
	if status == http.StatusTooManyRequests {
		m.throttled.WithLabelValues(route).Inc()
	}
}

// CounterFunc registers a counter that a worker keeps itself, read with fn at each scrape.
func (m *Metrics) CounterFunc(name, help string, fn func() float64) {
	m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, fn))
}

// Login counts a sign-in attempt.
func (m *Metrics) Login(result string) { m.logins.WithLabelValues(result).Inc() }

// Handler serves the metrics in Prometheus' text format; with a token, only to "Authorization: Bearer <token>".
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Timeout: 10 * time.Second})
	if token == "" {
		return h
	}
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// stats reads the queues and the document figures at each scrape (ops_stats()).
type stats struct {
	db  *bun.DB
	log *slog.Logger
}

var (
	descUp    = prometheus.NewDesc("onesales_stats_up", "1 if the queue and document figures could be read at this scrape.", nil, nil)
	descQueue = prometheus.NewDesc("onesales_queue_length",
		"Jobs waiting in a worker's queue: geocode (all jobs), geocode_due (due now), geocode_retrying (failed before), "+
			"document_cleanup (housekeeping: bytes to purge, expired uploads), notify (change events the notification worker has not read), "+
			"import (file imports queued or running).",
		[]string{"queue"}, nil)
	descDocs  = prometheus.NewDesc("onesales_documents_stored", "Documents whose bytes are stored.", nil, nil)
	descBytes = prometheus.NewDesc("onesales_document_bytes_stored", "Bytes of the stored documents.", nil, nil)
)

func (s *stats) Describe(ch chan<- *prometheus.Desc) {
	ch <- descUp
	ch <- descQueue
	ch <- descDocs
	ch <- descBytes
}

func (s *stats) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var r struct {
		GeocodeJobs, GeocodeDue, GeocodeRetrying, DocumentsStored, DocumentBytes, DocumentsCleanup, NotifyBacklog, ImportsWaiting int64
	}
	if err := s.db.NewRaw("SELECT * FROM ops_stats()").Scan(ctx, &r); err != nil {
		s.log.Warn("metrics: ops_stats failed", "err", err)
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 1)
	for q, n := range map[string]int64{"geocode": r.GeocodeJobs, "geocode_due": r.GeocodeDue, "geocode_retrying": r.GeocodeRetrying,
		"document_cleanup": r.DocumentsCleanup, "notify": r.NotifyBacklog, "import": r.ImportsWaiting} {
		ch <- prometheus.MustNewConstMetric(descQueue, prometheus.GaugeValue, float64(n), q)
	}
	ch <- prometheus.MustNewConstMetric(descDocs, prometheus.GaugeValue, float64(r.DocumentsStored))
	ch <- prometheus.MustNewConstMetric(descBytes, prometheus.GaugeValue, float64(r.DocumentBytes))
}
