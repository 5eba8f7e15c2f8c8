package main

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/lostreason"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/shared/api"
)

// The deals part of the data set (see dataParts): five deal pipelines and 500,000 deals of the 50 reps, on top
// of the contacts. It is generated on its own when missing (a data set from before it keeps its persons and
// organisations), and anew with the contacts. The activities part (activities.go) follows the same pattern: a
// check whether it is complete, a sample check against the service's rules, and a generator that adds it to what
// is there.

// dealPipeline is one of the bench company's deal pipelines; share is its per cent of the deals.
type dealPipeline struct {
	name   string
	share  int
	stages []api.StageInput
}

func stages(spec ...any) []api.StageInput {
	out := make([]api.StageInput, 0, len(spec)/2)
	for i := 0; i < len(spec); i += 2 {
		out = append(out, api.StageInput{Name: spec[i].(string), Probability: spec[i+1].(int)})
	}
	return out
}

// dealPipelines: the first, the largest, is the one whose board is measured.
var dealPipelines = []dealPipeline{
	{"Neukundengeschäft", 40, stages("Erstkontakt", 10, "Bedarfsanalyse", 20, "Präsentation", 35,
		"Angebot verschickt", 50, "Verhandlung", 70, "Mündliche Zusage", 85, "Vertrag versendet", 95)},
	{"Bestandskunden", 25, stages("Bedarf erkannt", 20, "Angebot in Arbeit", 35, "Angebot verschickt", 50,
		"Nachfassen", 65, "Verhandlung", 80, "Bestellung erwartet", 95)},
	{"Wartung & Service", 15, stages("Vertragsende in Sicht", 20, "Angebot verschickt", 50, "Verhandlung", 70,
		"Zusage", 90, "Vertrag unterschrieben", 95)},
	{"Projektgeschäft", 12, stages("Anfrage", 5, "Anforderungen klären", 15, "Lösungskonzept", 30,
		"Angebot verschickt", 45, "Verhandlung", 65, "Auftragsvergabe", 80, "Auftrag erteilt", 95)},
	{"Leasing & Finanzierung", 8, stages("Anfrage", 10, "Bonitätsprüfung", 30, "Angebot verschickt", 50,
		"Vertrag verschickt", 80, "Unterschrift ausstehend", 95)},
}

var dealLostReasons = []api.LostReasonCreate{
	{Name: "Preis zu hoch", Description: "Das Angebot lag über dem Budget des Kunden."},
	{Name: "Wettbewerber gewählt", Description: "Der Kunde hat sich für einen anderen Anbieter entschieden."},
	{Name: "Kein Bedarf mehr", Description: "Das Projekt wurde abgesagt oder verschoben."},
	{Name: "Kein Budget", Description: ""},
	{Name: "Keine Rückmeldung", Description: "Mehrere Nachfassversuche ohne Antwort."},
}

// Deal titles are "<product> <where or what>": "Druckerflotte Niederlassung Nord".
var dealProducts = []string{
	"Multifunktionssysteme", "Druckerflotte", "Dokumentenmanagement", "Wartungsvertrag", "Cloud-Telefonie",
	"Netzwerkausbau", "Arbeitsplatz-Rollout", "Scanner-Lösung", "Büromöbel", "Konferenztechnik",
	"IT-Sicherheitspaket", "Managed Print Services", "Leasingvertrag", "Schulungspaket", "Server-Erneuerung",
	"Kaffee-Service", "Archivlösung", "Großformatdrucker", "Softwarelizenzen", "Digitaler Rechnungseingang",
}

var dealSuffixes = []string{
	"Hauptsitz", "Niederlassung Nord", "Standort Süd", "Erweiterung", "Rahmenvertrag 2027", "Pilotprojekt",
	"Ersatzbeschaffung", "Verlängerung", "Phase 2", "Zentrale", "Filialen", "Lager", "Verwaltung", "Produktion",
	"Außenstelle",
}

// benchPipeline is a generated pipeline as the measurements see it.
type benchPipeline struct {
	ID     uuid.UUID
	Name   string
	Stages int
	Deals  int
}

// dealsComplete reports why the deals part is not complete ("" when it is) and fills ds.Pipelines and ds.Deals.
func dealsComplete(ctx context.Context, owner bun.IDB, ds *dataset, size sizes) (string, error) {
	want := size.deals
	ds.Pipelines, ds.Deals = nil, 0
	var rows []struct {
		ID     uuid.UUID `bun:"id"`
		Name   string    `bun:"name"`
		Stages int       `bun:"stages"`
		Deals  int       `bun:"deals"`
	}
	if err := owner.NewRaw(`SELECT p.id, p.name, (SELECT count(*) FROM stages AS s WHERE s.pipeline_id = p.id) AS stages,
			(SELECT count(*) FROM deals AS d WHERE d.pipeline_id = p.id AND d.deleted_at IS NULL) AS deals
		FROM pipelines AS p WHERE p.tenant_id = ? AND p.record_type = 'deal' ORDER BY p.position`, ds.TenantID).Scan(ctx, &rows); err != nil {
		return "", fmt.Errorf("bench: deal pipelines: %w", err)
	}
	if err := owner.NewRaw("SELECT count(*) FROM deals WHERE tenant_id = ?", ds.TenantID).Scan(ctx, &ds.Deals); err != nil {
		return "", fmt.Errorf("bench: count deals: %w", err)
	}
	complete := len(rows) == len(dealPipelines) && ds.Deals == want
	for i, r := range rows {
		ds.Pipelines = append(ds.Pipelines, benchPipeline{ID: r.ID, Name: r.Name, Stages: r.Stages, Deals: r.Deals})
		if complete && (r.Name != dealPipelines[i].name || r.Stages != len(dealPipelines[i].stages) || r.Deals != pipelineDeals(want, i)) {
			complete = false
		}
	}
	if !complete {
		return fmt.Sprintf("%d deals in %d deal pipelines, want %d in %d", ds.Deals, len(rows), want, len(dealPipelines)), nil
	}
	return "", nil
}

// pipelineDeals is how many of want deals pipeline i holds (the last one takes the rest).
func pipelineDeals(want, i int) int {
	if i == len(dealPipelines)-1 {
		n := want
		for j := 0; j < i; j++ {
			n -= pipelineDeals(want, j)
		}
		return n
	}
	return want * dealPipelines[i].share / 100
}

// generateDeals replaces the tenant's deals, deal pipelines and deal lost reasons with the generated ones:
// pipelines and lost reasons through their services (as an admin would create them), the deals with set-based
// SQL as the owner, in one transaction, with the deals' secondary indexes dropped and rebuilt at the end.
//
// Each deal belongs to a rep's contact: 90 % to a person (and that person's organisation, when they have one),
// owned by the person's owner; 10 % to an organisation only, owned by its owner. 70 % are open, spread over the
// stages like a funnel (more in the early stages), 18 % won (in the last stage) and 12 % lost with a reason.
// Values range from 250 to 200,000 EUR (log-uniform); open deals are expected to close between a month ago and
// eight months ahead, closed ones carry their closing time.
func generateDeals(ctx context.Context, owner *bun.DB, ds *dataset, size sizes) error {
	want := size.deals
	t0 := time.Now()
	// The activities are generated anew after the deals (a later part); removed first, they need not be unlinked
	// from every deleted deal one by one. The database holds the bench tenant only (ensureDataset refuses others).
	if _, err := owner.ExecContext(ctx, "TRUNCATE activities"); err != nil {
		return fmt.Errorf("bench: remove activities: %w", err)
	}
	if _, err := owner.NewRaw("DELETE FROM deals WHERE tenant_id = ?", ds.TenantID).Exec(ctx); err != nil {
		return fmt.Errorf("bench: remove deals: %w", err)
	}
	for _, table := range []string{"pipelines", "lost_reasons"} {
		if _, err := owner.NewRaw("DELETE FROM ? WHERE tenant_id = ? AND record_type = 'deal'", bun.Ident(table), ds.TenantID).Exec(ctx); err != nil {
			return fmt.Errorf("bench: remove deal %s: %w", table, err)
		}
	}
	var adminID, unitID uuid.UUID
	if err := owner.NewRaw("SELECT id, unit_id FROM users WHERE tenant_id = ? AND email = ?", ds.TenantID, adminEmail).Scan(ctx, &adminID, &unitID); err != nil {
		return fmt.Errorf("bench: admin: %w", err)
	}
	admin := access.NewActor(ds.TenantID, adminID, uuid.Nil, unitID, uuid.Nil, []uuid.UUID{unitID}, true, nil)
	type pipe struct {
		ID     uuid.UUID
		Stages []uuid.UUID
		Probs  []int
	}
	pipes := make([]pipe, len(dealPipelines))
	ps := pipeline.NewService(owner)
	for i, spec := range dealPipelines {
		p, err := ps.Create(ctx, admin, api.PipelineCreate{RecordType: api.RecordDeal, Name: spec.name, Stages: spec.stages})
		if err != nil {
			return fmt.Errorf("bench: pipeline %s: %w", spec.name, err)
		}
		pipes[i].ID = p.ID
		for _, st := range p.Stages {
			pipes[i].Stages = append(pipes[i].Stages, st.ID)
		}
	}
	var reasons []uuid.UUID
	rs := lostreason.NewService(owner)
	for _, in := range dealLostReasons {
		in.RecordType = api.RecordDeal
		r, err := rs.Create(ctx, admin, in)
		if err != nil {
			return fmt.Errorf("bench: lost reason %s: %w", in.Name, err)
		}
		reasons = append(reasons, r.ID)
	}
	logf("deal pipelines and lost reasons created in %s", time.Since(t0).Round(time.Millisecond))

	err := bulk(ctx, owner, func(ctx context.Context, tx bun.Tx, step stepFunc) error {
		indexes, err := dropIndexes(ctx, tx, "deals")
		if err != nil {
			return err
		}

		// Pipeline i holds deals lo … hi (by generated number).
		if err := step("pipeline ranges", "CREATE TEMP TABLE bench_dp (lo int, hi int, id uuid, stages uuid[]) ON COMMIT DROP"); err != nil {
			return err
		}
		lo := 1
		for i, p := range pipes {
			n := pipelineDeals(want, i)
			if _, err := tx.NewRaw("INSERT INTO bench_dp VALUES (?, ?, ?, ?::uuid[])", lo, lo+n-1, p.ID, pgdialect.Array(p.Stages)).Exec(ctx); err != nil {
				return fmt.Errorf("bench: pipeline ranges: %w", err)
			}
			lo += n
		}
		// The search text is search.Text(title), a deal's own fields (its person and organisation are searched
		// through the list's links): the title's words normalised by words(); verifyDeals checks it.
		prod, prodN, _ := words(dealProducts)
		suf, sufN, _ := words(dealSuffixes)
		k := "x.k"
		if err := step("deals", fmt.Sprintf(`INSERT INTO deals (id, tenant_id, owner_id, title, value, currency, expected_close,
				person_id, organization_id, pipeline_id, stage_id, status, lost_reason_id, closed_at, search_text, created_at, updated_at)
			SELECT md5('bench-deal-' || x.k)::uuid, ?, coalesce(pe.owner_id, og.owner_id), x.title, x.value, 'EUR',
				CASE WHEN x.status = 'open' THEN date '2026-11-01' + (%[1]s %% 240 - 30)
				     ELSE (x.closed AT TIME ZONE 'Europe/Berlin')::date + (%[1]s %% 21 - 10) END,
				pe.id, og.id, bp.id, bp.stages[CASE WHEN x.status = 'won' THEN cardinality(bp.stages)
					ELSE 1 + least(floor(cardinality(bp.stages) * (1 - sqrt(x.u))), cardinality(bp.stages) - 1)::int END],
				x.status, CASE WHEN x.status = 'lost' THEN (?::uuid[])[1 + %[2]s %% ?] END, x.closed,
				x.title_n,
				x.created, coalesce(x.closed, least(x.created + make_interval(secs => (%[5]s %% (120 * 86400))::float8), timestamptz '2026-11-01 00:00:00+00'))
			FROM (SELECT y.*, CASE WHEN y.s < 700 THEN 'open' WHEN y.s < 880 THEN 'won' ELSE 'lost' END AS status,
					CASE WHEN y.s >= 700 THEN least(y.created + make_interval(secs => (86400 + %[6]s %% (180 * 86400))::float8),
						timestamptz '2026-11-01 00:00:00+00') END AS closed
				FROM (SELECT k, %[7]s %% 1000 AS s, (%[8]s %% 100000) / 100000.0 AS u, %[9]s %% 10 < 9 AS with_person,
					1 + %[10]s %% ? AS g, 1 + %[11]s %% ? AS n,
					(?::text[])[1 + %[12]s %% ?] || ' ' || (?::text[])[1 + %[13]s %% ?] AS title,
					(?::text[])[1 + %[12]s %% ?] || ' ' || (?::text[])[1 + %[13]s %% ?] AS title_n,
					round((250 * power(800, (%[14]s %% 1000000) / 1000000.0))::numeric, CASE WHEN %[15]s %% 5 = 0 THEN 2 ELSE -1 END) AS value,
					timestamptz '2026-11-01 00:00:00+00' - make_interval(secs => (%[16]s %% (2 * 365 * 86400))::float8) AS created
					FROM generate_series(1, ?) AS k) AS y) AS x
			JOIN bench_dp AS bp ON x.k BETWEEN bp.lo AND bp.hi
			LEFT JOIN persons AS pe ON x.with_person AND pe.id = md5('bench-person-' || x.g)::uuid
			LEFT JOIN memberships AS m ON m.person_id = pe.id AND m.is_primary
			LEFT JOIN organizations AS og ON og.id = CASE WHEN x.with_person THEN m.organization_id ELSE md5('bench-org-' || x.n)::uuid END`,
			// %[3]s and %[4]s held the normalised person and organisation names of the search text; unused now.
			h(k, 40), h(k, 41), "", "", h(k, 42), h("y.k", 43),
			h("k", 44), h("k", 45), h("k", 46), h("k", 47), h("k", 48), h("k", 49), h("k", 50), h("k", 51), h("k", 52), h("k", 53)),
			ds.TenantID, pgdialect.Array(reasons), len(reasons),
			ds.Persons, ds.Orgs,
			prod, len(dealProducts), suf, len(dealSuffixes), prodN, len(dealProducts), sufN, len(dealSuffixes),
			want); err != nil {
			return err
		}
		return rebuildIndexes(step, indexes)
	})
	if err != nil {
		return err
	}
	t := time.Now()
	for _, table := range []string{"deals", "deal_stage_totals", "pipelines", "stages", "lost_reasons"} {
		if _, err := owner.ExecContext(ctx, "VACUUM (ANALYZE) "+table); err != nil {
			return fmt.Errorf("bench: vacuum %s: %w", table, err)
		}
	}
	logf("  vacuum and analyze in %s", time.Since(t).Round(time.Millisecond))
	return nil
}

// verifyDeals checks a sample of the generated deals against the service's own rules: the search text against
// search.Text of the title (as deal.Insert derives it), and the owner against the
// contact's owner.
func verifyDeals(ctx context.Context, owner bun.IDB, ds *dataset) error {
	var rows []struct {
		ID         uuid.UUID `bun:"id"`
		Title      string    `bun:"title"`
		Person     string    `bun:"person"`
		Org        string    `bun:"org"`
		SearchText string    `bun:"search_text"`
		OwnerOK    bool      `bun:"owner_ok"`
	}
	if err := owner.NewRaw(`SELECT d.id, d.title, d.search_text,
			coalesce((SELECT trim(p.first_name || ' ' || p.last_name) FROM persons AS p WHERE p.id = d.person_id), '') AS person,
			coalesce((SELECT o.name FROM organizations AS o WHERE o.id = d.organization_id), '') AS org,
			d.owner_id = coalesce((SELECT p.owner_id FROM persons AS p WHERE p.id = d.person_id),
				(SELECT o.owner_id FROM organizations AS o WHERE o.id = d.organization_id)) AS owner_ok
		FROM deals AS d WHERE d.tenant_id = ? ORDER BY d.id LIMIT 500`, ds.TenantID).Scan(ctx, &rows); err != nil {
		return fmt.Errorf("bench: verify deals: %w", err)
	}
	for _, r := range rows {
		if want := search.Text(r.Title); r.SearchText != want {
			return fmt.Errorf("bench: verify: deal %s: search text %q, the service computes %q", r.ID, r.SearchText, want)
		}
		if !r.OwnerOK {
			return fmt.Errorf("bench: verify: deal %s is not owned by its contact's owner", r.ID)
		}
	}
	logf("verified the search texts and owners of %d generated deals", len(rows))
	return nil
}

type index struct {
	Name string `bun:"name"`
	Def  string `bun:"def"`
}

// rebuildIndexes makes the indexes that dropIndexes dropped again, each one step.
func rebuildIndexes(step stepFunc, indexes []index) error {
	for _, ix := range indexes {
		if err := step("index "+ix.Name, ix.Def); err != nil {
			return err
		}
	}
	return nil
}

// dropIndexes drops the secondary indexes of tables (not those behind constraints) and returns their
// definitions (read from the catalogue), to be rebuilt after a bulk load, which is much faster than maintaining
// them row by row.
func dropIndexes(ctx context.Context, tx bun.Tx, tables ...string) ([]index, error) {
	var indexes []index
	if err := tx.NewRaw(`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
		FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indrelid
		WHERE c.relname IN (?) AND c.relnamespace = 'public'::regnamespace
		AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = i.indexrelid)`, bun.In(tables)).Scan(ctx, &indexes); err != nil {
		return nil, fmt.Errorf("bench: list indexes: %w", err)
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+ix.Name); err != nil {
			return nil, fmt.Errorf("bench: drop index %s: %w", ix.Name, err)
		}
	}
	return indexes, nil
}
