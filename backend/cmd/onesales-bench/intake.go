package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun/driver/pgdriver"

	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/supplier"
	"github.com/1sales/app/shared/api"
)

// intakeBatches and intakeBatchSize: the deliveries of the intake workload (10,000 leads).
const (
	intakeBatches   = 20
	intakeBatchSize = 500
)

// intakeWorkload measures lead deliveries into the bench tenant: batches of 500 leads, one after the other, through
// the real HTTP API (the source's key, mapping, assignment by PLZ area and in turns, duplicate checks against the
// tenant's 1,000,000 persons, its organisations and leads, history, geocoding queue), next to a plain COPY of
// the same rows into leads. It removes what it made afterwards.
//
//	bench: lead_intake items_per_s=… p99_batch_ms=… copy_rows_per_s=… ratio=…
func (b *bench) intakeWorkload(ctx context.Context) error {
	tenant := b.ds.TenantID
	var admin, pipeline, stage, unit uuid.UUID
	if err := b.owner.NewRaw(`SELECT u.id, u.unit_id FROM users AS u WHERE u.tenant_id = ? AND u.email = ?`, tenant, adminEmail).
		Scan(ctx, &admin, &unit); err != nil {
		return fmt.Errorf("bench: intake: admin: %w", err)
	}
	name := "Bench-Lieferant " + uuid.NewString()[:8]
	if err := b.owner.NewRaw(`WITH p AS (INSERT INTO pipelines (tenant_id, record_type, name) VALUES (?, 'lead', ?) RETURNING id),
		s AS (INSERT INTO stages (tenant_id, pipeline_id, name, probability, position) SELECT ?, p.id, 'Neu', 10, 1 FROM p RETURNING id, pipeline_id)
		SELECT pipeline_id, id FROM s`, tenant, name, tenant).Scan(ctx, &pipeline, &stage); err != nil {
		return fmt.Errorf("bench: intake: pipeline: %w", err)
	}
	defer b.cleanIntake(context.WithoutCancel(ctx), pipeline)
	rules := fmt.Sprintf(`[{"postalFrom": "20", "postalTo": "29", "unitId": %q}, {"postalFrom": "80", "postalTo": "87", "userId": %q}]`, unit, admin)
	var source uuid.UUID
	if err := b.owner.NewRaw(`INSERT INTO lead_sources (tenant_id, name, pipeline_id, stage_id, fallback_owner_id, rules, mapping, rate_limit)
		VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 10000) RETURNING id`, tenant, name, pipeline, stage, admin, rules, defaultMappingJSON).
		Scan(ctx, &source); err != nil {
		return fmt.Errorf("bench: intake: source: %w", err)
	}
	key := "1sk_bench" + strings.ReplaceAll(uuid.NewString(), "-", "")
	hash := sha256.Sum256([]byte(key))
	if _, err := b.owner.NewRaw(`INSERT INTO lead_source_keys (tenant_id, source_id, prefix, key_hash) VALUES (?, ?, 'bench', ?)`,
		tenant, source, hash[:]).Exec(ctx); err != nil {
		return fmt.Errorf("bench: intake: key: %w", err)
	}
	// Every tenth lead repeats the e-mail address of a person of the data set, so that duplicates are found too.
	var emails []string
	if err := b.owner.NewRaw(`SELECT email_keys[1] FROM persons WHERE tenant_id = ? AND cardinality(email_keys) > 0 LIMIT ?`,
		tenant, intakeBatches*intakeBatchSize/10).Scan(ctx, &emails); err != nil {
		return fmt.Errorf("bench: intake: e-mails: %w", err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	prefix := "BENCH-" + uuid.NewString()[:8]
	batches := make([]api.IntakeBatch, intakeBatches)
	for i := range batches {
		batches[i].Leads = supplier.Leads(r, prefix, i*intakeBatchSize, intakeBatchSize)
		for j := range batches[i].Leads {
			if k := i*intakeBatchSize + j; k%10 == 0 && k/10 < len(emails) {
				batches[i].Leads[j].Fields["E-Mail"] = emails[k/10]
			}
		}
	}
	o := supplier.Options{URL: b.http.base, SourceID: source.String(), Key: key, Attempts: 1, Client: b.http.hc}
	var took []float64
	var trace string
	cpu0 := b.cpu.read()
	start := time.Now()
	for i, batch := range batches {
		var res *supplier.Result
		deliver := func() (err error) {
			res, err = supplier.Deliver(ctx, o, batch)
			return err
		}
		// The last batch's statements are recorded (with those of the server's background workers meanwhile).
		var err error
		if i == len(batches)-1 {
			_, err = b.rec.record(deliver)
			trace = b.rec.trace()
		} else {
			err = deliver()
		}
		if err != nil {
			return fmt.Errorf("bench: intake: %w", err)
		}
		if res.Created != intakeBatchSize {
			return fmt.Errorf("bench: intake: a batch created %d of %d leads (%d rejected)", res.Created, intakeBatchSize, res.Rejected)
		}
		took = append(took, float64(res.Took.Microseconds())/1000)
	}
	elapsed := time.Since(start)
	cpu1 := b.cpu.read()
	logf("intake: CPU per batch: %.0f ms in PostgreSQL, %.0f ms in the bench process (service and supplier); batches took %s",
		float64(cpu1.pg-cpu0.pg)/intakeBatches/float64(time.Millisecond), float64(cpu1.self-cpu0.self)/intakeBatches/float64(time.Millisecond),
		strings.Join(strings.Fields(fmt.Sprint(took)), " "))
	logf("intake: the statements of the last batch and of the server's background work meanwhile, with their time:\n%s", trace)
	var dups int
	if err := b.owner.NewRaw(`SELECT count(DISTINCT lead_id) FROM lead_duplicates WHERE tenant_id = ? AND lead_id IN
		(SELECT id FROM leads WHERE source_id = ?)`, tenant, source).Scan(ctx, &dups); err != nil {
		return fmt.Errorf("bench: intake: duplicates: %w", err)
	}
	if dups < len(emails) {
		return fmt.Errorf("bench: intake: %d leads flagged as duplicates, want at least %d", dups, len(emails))
	}

	// The same rows by COPY, straight into the table (no mapping, checks, history or duplicate search), once the
	// background work the deliveries left (geocoding, notifications, the change feed) is done, so that the
	// reference does not share the machine with it.
	logf("intake: waited %s for the server's background work before the COPY reference", b.cpu.quiesce(ctx, time.Minute).Round(100*time.Millisecond))
	copyTook, err := b.copyLeads(ctx, tenant, pipeline, stage, admin, source, name, batches)
	if err != nil {
		return err
	}
	n := float64(intakeBatches * intakeBatchSize)
	slices.Sort(took)
	p99 := took[min(len(took)-1, int(0.99*float64(len(took))))]
	items, copied := n/elapsed.Seconds(), n/copyTook.Seconds()
	fmt.Printf("bench: lead_intake items_per_s=%.0f p99_batch_ms=%.1f copy_rows_per_s=%.0f ratio=%.2f duplicates=%d\n",
		items, p99, copied, items/copied, dups)
	b.target(items >= 0.3*copied, "lead_intake throughput >= 30%% of a plain COPY (%.0f of %.0f rows/s, %.0f%%)", items, copied, 100*items/copied)
	return nil
}

// defaultMappingJSON names the fields the simulator sends (the default mapping of a source created in the app).
const defaultMappingJSON = `[{"from": "Firma", "to": "company"}, {"from": "Vorname", "to": "firstName"}, {"from": "Nachname", "to": "lastName"},
	{"from": "E-Mail", "to": "email"}, {"from": "Telefon", "to": "phone"}, {"from": "Straße", "to": "street"},
	{"from": "PLZ", "to": "postalCode"}, {"from": "Ort", "to": "city"}, {"from": "Land", "to": "country"}]`

// copyLeads copies the batches' rows into leads with COPY, as the intake stores them (the same columns and
// values: names, address and its key, search text, source, supplier ID, further details; the supplier IDs with a
// prefix of their own), and returns how long it took. The COPY does none of the intake's work around the rows:
// no mapping, validation, assignment, history, geocoding queue or duplicate search.
func (b *bench) copyLeads(ctx context.Context, tenant, pipeline, stage, owner, source uuid.UUID, sourceName string, batches []api.IntakeBatch) (time.Duration, error) {
	var sb strings.Builder
	esc := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	for _, batch := range batches {
		for _, l := range batch.Leads {
			f := func(k string) string { return fmt.Sprint(l.Fields[k]) }
			person := f("Vorname") + " " + f("Nachname")
			addr := api.Address{Street: f("Straße"), PostalCode: f("PLZ"), City: f("Ort"), Country: f("Land")}
			details, err := json.Marshal([]api.LeadDetail{{Name: "Interesse", Value: f("Interesse")}, {Name: "Budget", Value: f("Budget")},
				{Name: "Mitarbeiter", Value: f("Mitarbeiter")}})
			if err != nil {
				return 0, err
			}
			cols := []string{tenant.String(), owner.String(), f("Firma"), person, f("Firma"), f("E-Mail"), f("Telefon"), addr.Street,
				addr.PostalCode, addr.City, addr.Country, pipeline.String(), stage.String(), sourceName, source.String(),
				"copy-" + l.ExternalID, string(details), "{}", search.Text(f("Firma"), person, f("Firma"), f("E-Mail"), f("Telefon"),
					search.Digits(f("Telefon"))), geo.AddressKey(addr)}
			for i, c := range cols {
				cols[i] = esc.Replace(c)
			}
			sb.WriteString(strings.Join(cols, "\t") + "\n")
		}
	}
	conn, err := b.owner.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	start := time.Now()
	if _, err := pgdriver.CopyFrom(ctx, conn, strings.NewReader(sb.String()),
		`COPY leads (tenant_id, owner_id, title, person_name, company, email, phone, street, postal_code, city, country,
			pipeline_id, stage_id, source, source_id, external_id, details, custom, search_text, geo_key) FROM STDIN`); err != nil {
		return 0, fmt.Errorf("bench: intake: copy: %w", err)
	}
	return time.Since(start), nil
}

// cleanIntake removes the workload's source, leads (delivered and copied) and pipeline.
func (b *bench) cleanIntake(ctx context.Context, pipeline uuid.UUID) {
	for _, stmt := range []string{
		`DELETE FROM history WHERE record_type = 'lead' AND record_id IN (SELECT id FROM leads WHERE pipeline_id = ?)`,
		`DELETE FROM geocode_jobs WHERE record_type = 'lead' AND record_id IN (SELECT id FROM leads WHERE pipeline_id = ?)`,
		`DELETE FROM leads WHERE pipeline_id = ?`,
		`DELETE FROM lead_sources WHERE pipeline_id = ?`,
		`DELETE FROM pipelines WHERE id = ?`,
	} {
		if _, err := b.owner.ExecContext(ctx, stmt, pipeline); err != nil {
			logf("intake: clean up: %v", err)
		}
	}
}
