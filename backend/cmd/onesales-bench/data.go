package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/person"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/shared/api"
)

// The bench tenant: one company with a sales hierarchy of 50 field reps, a sales manager over all of them and an
// admin.
const (
	tenantName      = "Bench GmbH"
	benchPassword   = "Bench1234!"
	managerEmail    = "vertriebsleitung@bench.example"
	adminEmail      = "admin@bench.example"
	repCount        = 50
	fieldNewsletter = "Newsletter"
	fieldRevenue    = "Jahresumsatz"
	fieldInterests  = "Interessen"
)

// dataset is what the measurements need to know about the generated tenant.
type dataset struct {
	TenantID uuid.UUID
	Fields   map[string]uuid.UUID // person custom fields by label
	RepIDs   []uuid.UUID          // by rep number (rep e-mails in the same order)
	Reps     []string
	Persons  int
	Orgs     int
	// The deals part: the deal pipelines in order (the first is the board's) and the number of deals.
	Pipelines []benchPipeline
	Deals     int
	// The activities part: their number and when they were generated (their dates lie around it).
	Activities   int
	ActivitiesAt time.Time
}

type sizes struct{ persons, orgs, deals, activities int }

func repEmail(i int) string { return fmt.Sprintf("ad%02d@bench.example", i+1) }

// tenantSpec is the bench company: Vertriebsleitung > 5 regions > 2 field teams each, 5 reps per team.
func tenantSpec() seed.TenantSpec {
	spec := seed.TenantSpec{Name: tenantName, Plan: api.PlanProfessional, Units: []seed.UnitSpec{{Name: "Vertriebsleitung"}}}
	regions := []string{"Nord", "Ost", "Süd", "West", "Mitte"}
	var teams []string
	for _, r := range regions {
		spec.Units = append(spec.Units, seed.UnitSpec{Name: "Region " + r, Parent: "Vertriebsleitung"})
		for t := 1; t <= 2; t++ {
			team := fmt.Sprintf("Außendienst %s %d", r, t)
			spec.Units = append(spec.Units, seed.UnitSpec{Name: team, Parent: "Region " + r})
			teams = append(teams, team)
		}
	}
	spec.Users = []seed.UserSpec{
		{Email: adminEmail, Name: "Claudia Becker", Password: benchPassword, Role: "Administrator", Unit: "Vertriebsleitung"},
		{Email: managerEmail, Name: "Markus Weber", Password: benchPassword, Role: "Vertriebsleitung", Unit: "Vertriebsleitung"},
	}
	for i := 0; i < repCount; i++ {
		first := maleFirstNames[i%len(maleFirstNames)]
		if i%2 == 1 {
			first = femaleFirstNames[i%len(femaleFirstNames)]
		}
		spec.Users = append(spec.Users, seed.UserSpec{Email: repEmail(i), Name: first + " " + lastNames[(i*7)%len(lastNames)],
			Password: benchPassword, Role: "Außendienst", Unit: teams[i%len(teams)]})
	}
	return spec
}

// ensureDataset makes sure the bench tenant holds every part of the data set, generating what is missing:
//
//  1. contacts: the tenant (units, roles, users), 1,000,000 persons, 200,000 organisations, memberships;
//  2. the dataParts on top of them: deals (five deal pipelines with lost reasons and 500,000 deals of the reps'
//     contacts), then activities (2,000,000 of the reps, on their deals and contacts).
//
// A part is reused when it is complete (its counts match, and the activities' dates are recent) and its
// generated columns still match what the service computes (verify, verifyDeals, verifyActivities: a sample, so a
// change of the search normalisation is noticed); a part that is missing or stale is generated, and so is every
// part after it. Migrations carry the data forward as they would in production (a migration applied since the
// data set was made does not regenerate it); the tables are analysed again after one. reset (BENCH_RESET=1)
// generates everything anew.
func ensureDataset(ctx context.Context, owner *bun.DB, want sizes, reset bool) (*dataset, error) {
	var others int
	if err := owner.NewRaw("SELECT count(*) FROM tenants WHERE name <> ?", tenantName).Scan(ctx, &others); err != nil {
		return nil, fmt.Errorf("bench: look for tenants: %w", err)
	}
	if others > 0 {
		return nil, fmt.Errorf("bench: the database holds %d other tenant(s); the bench needs a database of its own (scripts/bench.sh keeps one in .data/bench-pg)", others)
	}
	var ds *dataset
	why := "reset requested"
	if !reset {
		var err error
		if ds, why, err = existing(ctx, owner, want); err != nil {
			return nil, err
		}
		if ds != nil {
			if err := verify(ctx, owner, ds); err != nil {
				ds, why = nil, err.Error()
			}
		}
	}
	fresh := ds == nil
	if fresh {
		logf("generating the data set: %s", why)
		start := time.Now()
		if _, err := owner.ExecContext(ctx, "TRUNCATE tenants, login_failures CASCADE"); err != nil {
			return nil, fmt.Errorf("bench: empty the database: %w", err)
		}
		var err error
		if ds, err = generate(ctx, owner, want); err != nil {
			return nil, err
		}
		if err := verify(ctx, owner, ds); err != nil {
			return nil, err
		}
		logf("contacts generated in %s", time.Since(start).Round(time.Second))
		fmt.Printf("bench: generated persons=%d organizations=%d seconds=%.0f\n", ds.Persons, ds.Orgs, time.Since(start).Seconds())
	} else {
		logf("reusing the contacts: tenant %q with %d persons and %d organisations", tenantName, ds.Persons, ds.Orgs)
	}

	// The parts on top of the contacts, each reused, added or (after a part it depends on) generated anew.
	regenerate := fresh
	for _, part := range dataParts {
		why, err := part.complete(ctx, owner, ds, want)
		if err != nil {
			return nil, err
		}
		if why == "" && !regenerate {
			if err := part.verify(ctx, owner, ds); err != nil {
				why = err.Error()
			}
		}
		if why == "" && !regenerate {
			logf("reusing the %s: %s", part.name, part.summary(ds))
			continue
		}
		if why == "" {
			why = "a part it depends on was generated anew"
		}
		logf("generating the %s: %s", part.name, why)
		start := time.Now()
		if err := part.generate(ctx, owner, ds, want); err != nil {
			return nil, err
		}
		if why, err := part.complete(ctx, owner, ds, want); err != nil {
			return nil, err
		} else if why != "" {
			return nil, fmt.Errorf("bench: %s generated incompletely: %s", part.name, why)
		}
		if err := part.verify(ctx, owner, ds); err != nil {
			return nil, err
		}
		logf("%s generated in %s", part.name, time.Since(start).Round(time.Second))
		fmt.Printf("bench: generated %s seconds=%.0f\n", part.summary(ds), time.Since(start).Seconds())
		regenerate = true
	}
	return ds, analyzeAfterMigrations(ctx, owner)
}

// dataPart is a part of the data set on top of the contacts, generated on its own onto what is there.
type dataPart struct {
	name string
	// complete reports why the part is not complete ("" when it is) and fills in what ds holds about it.
	complete func(ctx context.Context, owner bun.IDB, ds *dataset, want sizes) (string, error)
	// verify checks a sample of the part against what the service computes.
	verify func(ctx context.Context, owner bun.IDB, ds *dataset) error
	// generate replaces whatever there is of the part with a generated one.
	generate func(ctx context.Context, owner *bun.DB, ds *dataset, want sizes) error
	// summary describes the part as key=value pairs ("deals=500000 pipelines=5").
	summary func(ds *dataset) string
}

// dataParts are the parts on top of the contacts, in order: each may use the parts before it and is generated
// anew when one of them is.
var dataParts = []dataPart{
	{name: "deals", complete: dealsComplete, verify: verifyDeals, generate: generateDeals,
		summary: func(ds *dataset) string { return fmt.Sprintf("deals=%d pipelines=%d", ds.Deals, len(ds.Pipelines)) }},
	{name: "activities", complete: activitiesComplete, verify: verifyActivities, generate: generateActivities,
		summary: func(ds *dataset) string {
			return fmt.Sprintf("activities=%d generated_at=%s", ds.Activities, ds.ActivitiesAt.In(listquery.Berlin()).Format("2006-01-02T15:04"))
		}},
}

// existing returns the bench tenant if its contacts are complete, or why not.
func existing(ctx context.Context, owner *bun.DB, want sizes) (*dataset, string, error) {
	var tenants []uuid.UUID
	if err := owner.NewRaw("SELECT id FROM tenants WHERE name = ?", tenantName).Scan(ctx, &tenants); err != nil {
		return nil, "", fmt.Errorf("bench: find tenant: %w", err)
	}
	if len(tenants) != 1 {
		return nil, fmt.Sprintf("%d tenants named %q", len(tenants), tenantName), nil
	}
	ds, err := describe(ctx, owner, tenants[0])
	if err != nil {
		return nil, "", err
	}
	if ds.Persons != want.persons || ds.Orgs != want.orgs || len(ds.RepIDs) != repCount || len(ds.Fields) != 3 {
		return nil, fmt.Sprintf("incomplete (%d persons, %d organisations, %d reps, %d custom fields)",
			ds.Persons, ds.Orgs, len(ds.RepIDs), len(ds.Fields)), nil
	}
	return ds, "", nil
}

// analyzeAfterMigrations analyses the tables a migration may have changed since their last analysis (new
// columns or expression indexes have no statistics until then).
func analyzeAfterMigrations(ctx context.Context, owner *bun.DB) error {
	var tables []string
	if err := owner.NewRaw(`SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public'
		AND coalesce(greatest(last_analyze, last_autoanalyze), '-infinity') < (SELECT max(migrated_at) FROM bun_migrations)
		ORDER BY relname`).Scan(ctx, &tables); err != nil {
		return fmt.Errorf("bench: tables to analyse: %w", err)
	}
	if len(tables) == 0 {
		return nil
	}
	t := time.Now()
	for _, table := range tables {
		if _, err := owner.ExecContext(ctx, "ANALYZE "+table); err != nil {
			return fmt.Errorf("bench: analyze %s: %w", table, err)
		}
	}
	logf("analysed %d tables after a migration in %s", len(tables), time.Since(t).Round(time.Millisecond))
	return nil
}

func describe(ctx context.Context, owner bun.IDB, tenantID uuid.UUID) (*dataset, error) {
	ds := &dataset{TenantID: tenantID, Fields: map[string]uuid.UUID{}}
	if err := owner.NewRaw("SELECT count(*) FROM persons WHERE tenant_id = ? AND deleted_at IS NULL", tenantID).Scan(ctx, &ds.Persons); err != nil {
		return nil, fmt.Errorf("bench: count persons: %w", err)
	}
	if err := owner.NewRaw("SELECT count(*) FROM organizations WHERE tenant_id = ? AND deleted_at IS NULL", tenantID).Scan(ctx, &ds.Orgs); err != nil {
		return nil, fmt.Errorf("bench: count organisations: %w", err)
	}
	var fields []struct {
		ID    uuid.UUID `bun:"id"`
		Label string    `bun:"label"`
	}
	if err := owner.NewRaw("SELECT id, label FROM custom_fields WHERE tenant_id = ? AND record_type = 'person' AND archived_at IS NULL", tenantID).Scan(ctx, &fields); err != nil {
		return nil, fmt.Errorf("bench: custom fields: %w", err)
	}
	for _, f := range fields {
		ds.Fields[f.Label] = f.ID
	}
	for i := 0; i < repCount; i++ {
		var id uuid.UUID
		if err := owner.NewRaw("SELECT id FROM users WHERE tenant_id = ? AND email = ?", tenantID, repEmail(i)).Scan(ctx, &id); err != nil {
			return ds, nil // incomplete; the caller sees too few reps
		}
		ds.RepIDs = append(ds.RepIDs, id)
		ds.Reps = append(ds.Reps, repEmail(i))
	}
	return ds, nil
}

// slug is an ASCII form of a name for e-mail addresses and domains.
func slug(s string) string {
	var b strings.Builder
	for _, r := range search.Normalize(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'ı':
			b.WriteByte('i')
		case r == ' ' || r == '-':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// words passes a word list with its normalised (search.Normalize) and slug forms, so that SQL composes search
// texts from exactly what the service's normalisation gives for each word.
func words(list []string) (display, norm, slugs any) {
	n := make([]string, len(list))
	s := make([]string, len(list))
	for i, w := range list {
		n[i], s[i] = search.Normalize(w), slug(w)
	}
	return pgdialect.Array(list), pgdialect.Array(n), pgdialect.Array(s)
}

func column(rows [][3]string, i int) any {
	out := make([]string, len(rows))
	for j, r := range rows {
		out[j] = r[i]
	}
	return pgdialect.Array(out)
}

// h is a deterministic pseudo-random non-negative int4 for row number col and stream k.
func h(col string, k int) string {
	return fmt.Sprintf("(hashint8(%s::bigint * 64 + %d) & 2147483647)", col, k)
}

// generate provisions the tenant through seed.Provision (units, default roles, users) and fills it with
// set-based SQL as the owner (outside row-level security), in one transaction: secondary indexes are dropped
// first and rebuilt at the end, which is much faster than maintaining them row by row.
func generate(ctx context.Context, owner *bun.DB, want sizes) (*dataset, error) {
	t0 := time.Now()
	prov, err := seed.Provision(ctx, owner, tenantSpec())
	if err != nil {
		return nil, err
	}
	reps := make([]uuid.UUID, repCount)
	for i := range reps {
		reps[i] = prov.Users[repEmail(i)]
	}
	logf("tenant provisioned (%d units, %d users) in %s", len(prov.Units), len(prov.Users), time.Since(t0).Round(time.Millisecond))
	tenantID := prov.TenantID

	err = bulk(ctx, owner, func(ctx context.Context, tx bun.Tx, step stepFunc) error {
		if _, err := tx.NewRaw(`INSERT INTO custom_fields (tenant_id, record_type, label, kind, position) VALUES
			(?0, 'person', ?1, 'bool', 0), (?0, 'person', ?2, 'number', 1), (?0, 'person', ?3, 'text', 2)`,
			tenantID, fieldNewsletter, fieldRevenue, fieldInterests).Exec(ctx); err != nil {
			return fmt.Errorf("bench: custom fields: %w", err)
		}
		fields, err := describe(ctx, tx, tenantID)
		if err != nil {
			return err
		}

		// Secondary indexes go and come back at the end. The inserts' triggers fill search_tokens (the word
		// index of the search texts) in the same statements.
		indexes, err := dropIndexes(ctx, tx, "persons", "organizations", "memberships", "search_tokens")
		if err != nil {
			return err
		}

		fm, fmN, fmS := words(maleFirstNames)
		ff, ffN, ffS := words(femaleFirstNames)
		ln, lnN, lnS := words(lastNames)
		sec, secN, secS := words(sectors)
		legal, legalN, _ := words(legalForms)
		fant, fantN, fantS := words(fantasyNames)
		cityNames := make([]string, len(cities))
		for i, c := range cities {
			cityNames[i] = c[1]
		}
		city, cityN, _ := words(cityNames)
		if err := step("word lists", `CREATE TEMP TABLE bench_w ON COMMIT DROP AS SELECT
			?::text[] AS fm, ?::text[] AS fm_n, ?::text[] AS fm_s, ?::text[] AS ff, ?::text[] AS ff_n, ?::text[] AS ff_s,
			?::text[] AS ln, ?::text[] AS ln_n, ?::text[] AS ln_s, ?::text[] AS sec, ?::text[] AS sec_n, ?::text[] AS sec_s,
			?::text[] AS legal, ?::text[] AS legal_n, ?::text[] AS fant, ?::text[] AS fant_n, ?::text[] AS fant_s,
			?::text[] AS city, ?::text[] AS city_n, ?::text[] AS plz, ?::text[] AS area,
			?::text[] AS street, ?::text[] AS mail, ?::text[] AS intr, ?::text[] AS job, ?::uuid[] AS rep`,
			fm, fmN, fmS, ff, ffN, ffS, ln, lnN, lnS, sec, secN, secS, legal, legalN, fant, fantN, fantS,
			city, cityN, column(cities, 0), column(cities, 2), pgdialect.Array(streets), pgdialect.Array(freeMailers),
			pgdialect.Array(interests), pgdialect.Array(jobTitles), pgdialect.Array(reps)); err != nil {
			return err
		}

		// Organisations: "Müller Maschinenbau GmbH", "Nordlicht Logistik AG", "Schäfer & Krüger KG".
		n := "x.n"
		if err := step("organisation rows", fmt.Sprintf(`CREATE TEMP TABLE bench_org ON COMMIT DROP AS
			SELECT x.n, md5('bench-org-' || x.n)::uuid AS id, w.rep[1 + %[2]s %% %[3]d] AS owner,
				CASE WHEN x.k < 5 THEN w.ln[x.l1] || ' ' || w.sec[x.s] || ' ' || w.legal[x.g]
				     WHEN x.k < 8 THEN w.fant[x.f] || ' ' || w.sec[x.s] || ' ' || w.legal[x.g]
				     ELSE w.ln[x.l1] || ' & ' || w.ln[x.l2] || ' ' || w.legal[x.g] END AS name,
				CASE WHEN x.k < 5 THEN w.ln_n[x.l1] || ' ' || w.sec_n[x.s] || ' ' || w.legal_n[x.g]
				     WHEN x.k < 8 THEN w.fant_n[x.f] || ' ' || w.sec_n[x.s] || ' ' || w.legal_n[x.g]
				     ELSE w.ln_n[x.l1] || ' & ' || w.ln_n[x.l2] || ' ' || w.legal_n[x.g] END AS name_n,
				CASE WHEN x.k < 5 THEN w.ln_s[x.l1] || '-' || w.sec_s[x.s]
				     WHEN x.k < 8 THEN w.fant_s[x.f] || '-' || w.sec_s[x.s]
				     ELSE w.ln_s[x.l1] || '-' || w.ln_s[x.l2] END || '-' || x.n || '.de' AS domain,
				w.sec[x.s] AS industry, w.city[x.c] AS city, w.city_n[x.c] AS city_n,
				left(w.plz[x.c], 3) || lpad((%[4]s %% 100)::text, 2, '0') AS plz,
				w.street[1 + %[5]s %% cardinality(w.street)] || ' ' || (1 + %[6]s %% 120) AS street,
				'+49 ' || w.area[x.c] || ' ' || (100000 + %[7]s %% 9000000) AS phone,
				timestamptz '2026-11-01 00:00:00+00' - make_interval(secs => (%[8]s %% (8 * 365 * 86400))::float8) AS created
			FROM bench_w AS w, (SELECT n, %[9]s %% 10 AS k, 1 + %[10]s %% cardinality(w.ln) AS l1, 1 + %[11]s %% cardinality(w.ln) AS l2,
					1 + %[12]s %% cardinality(w.sec) AS s, 1 + %[13]s %% cardinality(w.legal) AS g,
					1 + %[14]s %% cardinality(w.fant) AS f, 1 + %[15]s %% cardinality(w.city) AS c
				FROM bench_w AS w, generate_series(1, %[1]d) AS n) AS x`,
			want.orgs, h(n, 1), repCount, h(n, 2), h(n, 3), h(n, 4), h(n, 5), h(n, 6),
			h("n", 7), h("n", 8), h("n", 9), h("n", 10), h("n", 11), h("n", 12), h("n", 13))); err != nil {
			return err
		}
		if err := step("organisation index", "CREATE UNIQUE INDEX ON bench_org (n)"); err != nil {
			return err
		}
		if err := step("organizations", `INSERT INTO organizations (id, tenant_id, owner_id, name, street, postal_code, city,
				country, phone, email, website, industry, search_text, created_at, updated_at)
			SELECT id, ?, owner, name, street, plz, city, 'DE', phone, 'info@' || domain, 'www.' || domain, industry,
				concat_ws(' ', name_n, 'info@' || domain, phone, regexp_replace(phone, '[^0-9]', '', 'g'), 'www.' || domain, city_n),
				created, created
			FROM bench_org ORDER BY n`, tenantID); err != nil {
			return err
		}

		// Persons: 95 % work at one organisation (mostly owned by the organisation's rep), the others are
		// private contacts with a free-mail address.
		g := "g"
		personCols := fmt.Sprintf(`g, %[1]s %% 100 AS gender, %[2]s AS fi, 1 + %[3]s %% cardinality(w.ln) AS li,
			1 + %[4]s %% cardinality(w.job) AS ji, %[5]s %% 100 AS ti, 1 + %[6]s %% cardinality(w.city) AS ci,
			%[7]s %% 100 < 95 AS has_org, 1 + %[8]s %% %[9]d AS org_n`,
			h(g, 1), h(g, 2), h(g, 3), h(g, 4), h(g, 5), h(g, 6), h(g, 9), h(g, 10), want.orgs)
		if err := step("persons", fmt.Sprintf(`INSERT INTO persons (id, tenant_id, owner_id, salutation, title, first_name,
				last_name, job_title, emails, phones, street, postal_code, city, country, custom, sort_name, email_keys,
				search_text, created_at, updated_at)
			SELECT md5('bench-person-' || y.g)::uuid, ?, y.owner, y.sal, y.title, y.first, y.last, y.job,
				jsonb_build_array(jsonb_build_object('value', y.email, 'kind', y.email_kind)),
				CASE WHEN y.mobile IS NULL THEN jsonb_build_array(jsonb_build_object('value', y.phone, 'kind', 'work'))
				     ELSE jsonb_build_array(jsonb_build_object('value', y.phone, 'kind', 'work'),
				                            jsonb_build_object('value', y.mobile, 'kind', 'mobile')) END,
				y.street, y.plz, y.city, 'DE',
				jsonb_strip_nulls(jsonb_build_object(?, y.newsletter, ?, y.revenue, ?, y.interests)),
				y.last || ' ' || y.first, ARRAY[y.email],
				concat_ws(' ', y.title_n, y.first_n, y.last_n, y.email, y.phone, regexp_replace(y.phone, '[^0-9]', '', 'g'),
					y.mobile, regexp_replace(y.mobile, '[^0-9]', '', 'g')),
				y.created, least(y.created + make_interval(secs => (%[1]s %% (400 * 86400))::float8), timestamptz '2026-11-01 00:00:00+00')
			FROM (
				SELECT x.g, coalesce(CASE WHEN %[2]s %% 100 < 85 THEN bo.owner END, w.rep[1 + %[3]s %% %[4]d]) AS owner,
					CASE WHEN x.gender < 48 THEN 'herr' WHEN x.gender < 96 THEN 'frau' ELSE 'none' END AS sal,
					CASE WHEN x.ti < 6 THEN 'Dr.' WHEN x.ti = 6 THEN 'Prof. Dr.' ELSE '' END AS title,
					CASE WHEN x.ti < 6 THEN 'dr.' WHEN x.ti = 6 THEN 'prof. dr.' END AS title_n,
					CASE WHEN x.gender < 48 OR (x.gender >= 96 AND x.fi %% 2 = 0) THEN w.fm[1 + x.fi %% cardinality(w.fm)] ELSE w.ff[1 + x.fi %% cardinality(w.ff)] END AS first,
					CASE WHEN x.gender < 48 OR (x.gender >= 96 AND x.fi %% 2 = 0) THEN w.fm_n[1 + x.fi %% cardinality(w.fm)] ELSE w.ff_n[1 + x.fi %% cardinality(w.ff)] END AS first_n,
					CASE WHEN x.gender < 48 OR (x.gender >= 96 AND x.fi %% 2 = 0) THEN w.fm_s[1 + x.fi %% cardinality(w.fm)] ELSE w.ff_s[1 + x.fi %% cardinality(w.ff)] END AS first_s,
					w.ln[x.li] AS last, w.ln_n[x.li] AS last_n, w.ln_s[x.li] AS last_s,
					w.job[x.ji] AS job,
					CASE WHEN bo.id IS NULL THEN 'private' ELSE 'work' END AS email_kind,
					'+49 ' || w.area[x.ci] || ' ' || (1000000 + %[5]s %% 9000000) AS phone,
					CASE WHEN %[6]s %% 100 < 40 THEN '+49 1' || (51 + %[7]s %% 29) || ' ' || (10000000 + %[8]s %% 90000000) END AS mobile,
					w.street[1 + %[9]s %% cardinality(w.street)] || ' ' || (1 + %[10]s %% 150) AS street,
					left(w.plz[x.ci], 3) || lpad((%[11]s %% 100)::text, 2, '0') AS plz, w.city[x.ci] AS city,
					CASE WHEN %[12]s %% 100 < 35 THEN 'true' WHEN %[12]s %% 100 < 80 THEN 'false' END AS newsletter,
					CASE WHEN %[13]s %% 100 < 70 THEN (round(10 * power(5000, (%[14]s %% 1000000) / 1000000.0)) * 1000)::bigint::text END AS revenue,
					CASE WHEN %[15]s %% 100 < 50 THEN w.intr[1 + %[16]s %% cardinality(w.intr)] ||
						CASE WHEN %[17]s %% 2 = 0 THEN ', ' || w.intr[1 + (%[16]s %% cardinality(w.intr) + 1 + %[18]s %% (cardinality(w.intr) - 1)) %% cardinality(w.intr)] ELSE '' END
					END AS interests,
					bo.name_n AS org_name_n, bo.domain,
					timestamptz '2026-11-01 00:00:00+00' - make_interval(secs => (%[19]s %% (5 * 365 * 86400))::float8) AS created
				FROM bench_w AS w, (SELECT %[20]s FROM bench_w AS w, generate_series(1, %[21]d) AS g) AS x
				LEFT JOIN bench_org AS bo ON x.has_org AND bo.n = x.org_n
			) AS y0, LATERAL (SELECT y0.*,
				CASE WHEN y0.domain IS NULL THEN y0.first_s || '.' || y0.last_s || (y0.g %% 1000) || '@' || w.mail[1 + y0.g %% cardinality(w.mail)]
				     ELSE y0.first_s || '.' || y0.last_s || '@' || y0.domain END AS email
				FROM bench_w AS w) AS y`,
			h("y.g", 24), h("x.g", 11), h("x.g", 12), repCount, h("x.g", 14), h("x.g", 13), h("x.g", 15), h("x.g", 16),
			h("x.g", 7), h("x.g", 8), h("x.g", 17), h("x.g", 18), h("x.g", 19), h("x.g", 20), h("x.g", 21), h("x.g", 22),
			h("x.g", 23), h("x.g", 25), h("x.g", 26), personCols, want.persons),
			tenantID, fields.Fields[fieldNewsletter].String(), fields.Fields[fieldRevenue].String(),
			fields.Fields[fieldInterests].String()); err != nil {
			return err
		}
		if err := step("memberships", fmt.Sprintf(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, is_primary, created_at)
			SELECT ?, md5('bench-person-' || x.g)::uuid, md5('bench-org-' || x.org_n)::uuid,
				CASE WHEN %[1]s %% 2 = 0 THEN w.job[x.ji] ELSE '' END, true, timestamptz '2026-11-01 00:00:00+00'
			FROM bench_w AS w, (SELECT %[2]s FROM bench_w AS w, generate_series(1, %[3]d) AS g) AS x
			WHERE x.has_org`, h("x.g", 27), personCols, want.persons), tenantID); err != nil {
			return err
		}
		return rebuildIndexes(step, indexes)
	})
	if err != nil {
		return nil, err
	}
	t := time.Now()
	for _, table := range []string{"persons", "organizations", "memberships", "search_tokens", "custom_fields", "users", "units", "roles"} {
		if _, err := owner.ExecContext(ctx, "VACUUM (ANALYZE) "+table); err != nil {
			return nil, fmt.Errorf("bench: vacuum %s: %w", table, err)
		}
	}
	logf("  vacuum and analyze in %s", time.Since(t).Round(time.Millisecond))
	return describe(ctx, owner, tenantID)
}

// verify checks the generated helper columns of sample persons and organisations against the service's own
// code (search.Text of their own fields, as person.derive and organization's search text compute them).
func verify(ctx context.Context, owner *bun.DB, ds *dataset) error {
	var checked int
	err := owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var loose []person.Person
		if err := tx.NewSelect().Model(&loose).Where("p.tenant_id = ?", ds.TenantID).
			OrderExpr("p.id").Limit(400).Scan(ctx); err != nil {
			return fmt.Errorf("bench: verify: %w", err)
		}
		for _, p := range loose {
			parts := []string{p.Title, p.FirstName, p.LastName}
			keys := []string{}
			for _, e := range p.Emails {
				parts = append(parts, e.Value)
				keys = append(keys, strings.ToLower(e.Value))
			}
			for _, ph := range p.Phones {
				parts = append(parts, ph.Value, search.Digits(ph.Value))
			}
			if want := search.Text(parts...); p.SearchText != want {
				return fmt.Errorf("bench: verify: person %s: search text %q, want %q", p.ID, p.SearchText, want)
			}
			if want := strings.TrimSpace(p.LastName + " " + p.FirstName); p.SortName != want {
				return fmt.Errorf("bench: verify: person %s: sort name %q, want %q", p.ID, p.SortName, want)
			}
			if strings.Join(p.EmailKeys, ",") != strings.Join(keys, ",") {
				return fmt.Errorf("bench: verify: person %s: e-mail keys %v, want %v", p.ID, p.EmailKeys, keys)
			}
			checked++
		}
		var orgs []struct {
			ID                                            uuid.UUID
			Name, Email, Phone, Website, City, SearchText string
		}
		if err := tx.NewRaw("SELECT id, name, email, phone, website, city, search_text FROM organizations WHERE tenant_id = ? ORDER BY id LIMIT 200",
			ds.TenantID).Scan(ctx, &orgs); err != nil {
			return fmt.Errorf("bench: verify: %w", err)
		}
		for _, o := range orgs {
			if want := search.Text(o.Name, o.Email, o.Phone, search.Digits(o.Phone), o.Website, o.City); o.SearchText != want {
				return fmt.Errorf("bench: verify: organisation %s: search text %q, want %q", o.ID, o.SearchText, want)
			}
			checked++
		}
		return errRollback
	})
	if err != nil && err != errRollback {
		return err
	}
	logf("verified the search texts of %d generated records against the service's normalisation", checked)
	return nil
}

// stepFunc runs one statement of a bulk load and logs how many rows it touched and how long it took.
type stepFunc func(what string, query string, args ...any) error

// bulk runs a bulk load in one owner transaction with the settings a load of millions of rows wants (memory for
// index builds, no wait for the WAL flush); fn's statements go through step, which logs each.
func bulk(ctx context.Context, owner *bun.DB, fn func(ctx context.Context, tx bun.Tx, step stepFunc) error) error {
	return owner.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		step := func(what string, query string, args ...any) error {
			t := time.Now()
			res, err := tx.NewRaw(query, args...).Exec(ctx)
			if err != nil {
				return fmt.Errorf("bench: %s: %w", what, err)
			}
			n, _ := res.RowsAffected()
			logf("  %s: %d rows in %s", what, n, time.Since(t).Round(time.Millisecond))
			return nil
		}
		for _, set := range []string{"SET LOCAL maintenance_work_mem = '1GB'", "SET LOCAL work_mem = '256MB'",
			"SET LOCAL max_parallel_maintenance_workers = 2", "SET LOCAL synchronous_commit = off"} {
			if _, err := tx.ExecContext(ctx, set); err != nil {
				return fmt.Errorf("bench: %s: %w", set, err)
			}
		}
		return fn(ctx, tx, step)
	})
}
