// Package supplier simulates a lead supplier such as 1leads for development, tests and the bench: it makes
// realistic German leads and delivers them in batches to a running backend's intake API, signed when given a
// secret, retrying as a supplier should (the same batch again after a 429's Retry-After, a 5xx or a broken
// connection: repeated supplier IDs update, never duplicate).
package supplier

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/1sales/app/backend/internal/intake"
	"github.com/1sales/app/shared/api"
)

// Options say where and what to deliver.
type Options struct {
	// URL is the backend's base URL (http://127.0.0.1:8421).
	URL      string
	SourceID string
	Key      string
	// Secret signs the deliveries (empty: unsigned).
	Secret string
	// Batches of Size leads; supplier IDs are Prefix-1, Prefix-2, ...
	Batches, Size int
	Prefix        string
	Seed          uint64
	// Attempts is how often a batch is tried at most (default 5).
	Attempts int
	Client   *http.Client
}

type place struct{ code, city, country string }

var (
	places = []place{{"20095", "Hamburg", "DE"}, {"22085", "Hamburg", "DE"}, {"24103", "Kiel", "DE"}, {"28195", "Bremen", "DE"},
		{"30159", "Hannover", "DE"}, {"10115", "Berlin", "DE"}, {"04109", "Leipzig", "DE"}, {"01067", "Dresden", "DE"},
		{"40213", "Düsseldorf", "DE"}, {"50667", "Köln", "DE"}, {"60311", "Frankfurt am Main", "DE"}, {"70173", "Stuttgart", "DE"},
		{"80331", "München", "DE"}, {"90402", "Nürnberg", "DE"}, {"86150", "Augsburg", "DE"}, {"1010", "Wien", "AT"}, {"8001", "Zürich", "CH"}}
	firstNames = []string{"Anna", "Lukas", "Marie", "Felix", "Sophie", "Jonas", "Lea", "Paul", "Hannah", "Leon", "Emma", "Jürgen", "Birgit", "Özlem", "Dieter"}
	lastNames  = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Wolf", "Schröder", "Neumann"}
	trades     = []string{"Haustechnik", "Steuerberatung", "Logistik", "Bäckerei", "Autohaus", "Zahnarztpraxis", "Ingenieurbüro", "Druckerei", "Immobilien", "Elektro"}
	forms      = []string{"GmbH", "GmbH & Co. KG", "AG", "e.K.", "KG"}
	streets    = []string{"Hauptstraße", "Bahnhofstraße", "Lindenweg", "Gartenstraße", "Schulstraße", "Am Markt", "Industriestraße", "Mühlenweg"}
	interests  = []string{"Multifunktionsdrucker", "Kopierer-Leasing", "Dokumentenmanagement", "Büromöbel", "IT-Service-Vertrag"}
)

// Leads makes n leads with supplier IDs prefix-(from+1) .. prefix-(from+n), in the field names 1leads sends.
func Leads(r *rand.Rand, prefix string, from, n int) []api.IntakeLead {
	out := make([]api.IntakeLead, n)
	for i := range out {
		p := places[r.IntN(len(places))]
		first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		company := fmt.Sprintf("%s %s %s", last, trades[r.IntN(len(trades))], forms[r.IntN(len(forms))])
		mail := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ö", "Oe", " ", "").Replace(strings.ToLower(first + "." + last))
		out[i] = api.IntakeLead{ExternalID: fmt.Sprintf("%s-%d", prefix, from+i+1), Fields: map[string]any{
			"Firma":       company,
			"Vorname":     first,
			"Nachname":    last,
			"E-Mail":      fmt.Sprintf("%s.%d@%s.example", mail, r.IntN(100000), strings.ToLower(last)),
			"Telefon":     fmt.Sprintf("+49 %d %d", 30+r.IntN(900), 1000000+r.IntN(8999999)),
			"Straße":      fmt.Sprintf("%s %d", streets[r.IntN(len(streets))], 1+r.IntN(120)),
			"PLZ":         p.code,
			"Ort":         p.city,
			"Land":        p.country,
			"Interesse":   interests[r.IntN(len(interests))],
			"Budget":      (5 + r.IntN(200)) * 500,
			"Mitarbeiter": []string{"1-9", "10-49", "50-249", "250+"}[r.IntN(4)],
		}}
	}
	return out
}

// Result is one delivered batch: what the backend answered and how long it took, with retries.
type Result struct {
	api.IntakeResult
	Attempts int
	Took     time.Duration
}

// Deliver sends one batch, retrying it as Options say.
func Deliver(ctx context.Context, o Options, batch api.IntakeBatch) (*Result, error) {
	body, err := json.Marshal(batch)
	if err != nil {
		return nil, err
	}
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	attempts := o.Attempts
	if attempts == 0 {
		attempts = 5
	}
	start := time.Now()
	wait := 500 * time.Millisecond
	var last error
	for n := 1; n <= attempts; n++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(o.URL, "/")+"/api/v1/intake/"+o.SourceID+"/leads", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+o.Key)
		if o.Secret != "" {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req.Header.Set("X-Signature-Timestamp", ts)
			req.Header.Set("X-Signature", "sha256="+hex.EncodeToString(intake.Sign(o.Secret, ts, body)))
		}
		resp, err := client.Do(req)
		if err != nil {
			last = err
		} else {
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case resp.StatusCode == http.StatusOK:
				var res Result
				if err := json.Unmarshal(raw, &res.IntakeResult); err != nil {
					return nil, fmt.Errorf("supplier: answer: %w", err)
				}
				res.Attempts, res.Took = n, time.Since(start)
				return &res, nil
			case resp.StatusCode == http.StatusTooManyRequests:
				if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil {
					wait = time.Duration(s) * time.Second
				}
				last = fmt.Errorf("429 %s", raw)
			case resp.StatusCode >= 500:
				last = fmt.Errorf("%d %s", resp.StatusCode, raw)
			default: // the batch itself is refused: another attempt would be refused too
				return nil, fmt.Errorf("supplier: delivery refused: %d %s", resp.StatusCode, raw)
			}
		}
		if n == attempts {
			break
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(wait*2, 30*time.Second)
	}
	return nil, fmt.Errorf("supplier: gave up after %d attempts: %w", attempts, last)
}

// Run delivers o.Batches batches of o.Size leads and reports each on out.
func Run(ctx context.Context, o Options, out io.Writer) error {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	if o.Prefix == "" {
		o.Prefix = "1L-" + strconv.FormatInt(time.Now().Unix(), 36)
	}
	for b := range o.Batches {
		res, err := Deliver(ctx, o, api.IntakeBatch{Leads: Leads(r, o.Prefix, b*o.Size, o.Size)})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "batch %d: %d created, %d updated, %d unchanged, %d rejected (%d attempts, %s)\n", b+1,
			res.Created, res.Updated, res.Unchanged, res.Rejected, res.Attempts, res.Took.Round(time.Millisecond))
	}
	return nil
}
