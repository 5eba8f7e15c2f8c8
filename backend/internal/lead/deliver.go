package lead

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// Incoming is a lead as a source delivered it, in terms of lead fields: a nil field was not delivered, and a
// delivery that changes a known lead leaves it as it is.
type Incoming struct {
	ExternalID                                       string
	Title, PersonName, Company, Email, Phone, Source *string
	Street, PostalCode, City, Country                *string
	// Custom are the delivered values of lead custom fields by field ID, as text.
	Custom api.CustomValues
	// Details are the delivered fields no lead field takes.
	Details []api.LeadDetail
}

// Delivery says where a source's leads go.
type Delivery struct {
	TenantID, SourceID  uuid.UUID
	SourceName          string
	PipelineID, StageID uuid.UUID
	// Assign gives the owners of new leads from their addresses, in order.
	Assign func(ctx context.Context, tx bun.IDB, addrs []api.Address) ([]uuid.UUID, error)
}

// Outcome is what a delivery did with one incoming lead. Fields (of rejected ones) are named as lead fields:
// title, email, address.postalCode, custom.<id>, externalId.
type Outcome struct {
	Status            api.IntakeItemStatus
	LeadID            uuid.UUID
	Fields            map[string]api.FieldCode
	PossibleDuplicate bool
}

// Deliver stores a source's leads in the caller's tenant transaction: a supplier ID the source delivered before
// updates that lead (or leaves it unchanged), any other creates an open lead in the source's pipeline, owned as
// Assign says. A lead with invalid fields is rejected and the others go on. Every change is recorded in the
// lead's history as imported from the source, and new and changed leads are checked for duplicates.
//
// Concurrent deliveries of one supplier ID wait for each other (a transaction lock per ID), so a retry that
// overtakes the original never makes a second lead.
func Deliver(ctx context.Context, tx bun.Tx, d Delivery, items []Incoming) ([]Outcome, error) {
	out := make([]Outcome, len(items))
	fields, err := customfield.Load(ctx, tx, api.RecordLead)
	if err != nil {
		return nil, err
	}
	p, err := pipeline.Load(ctx, tx, d.PipelineID, false)
	if err != nil {
		return nil, fmt.Errorf("lead: delivery: the source's pipeline: %w", err)
	}
	stage := p.StageByID(d.StageID)
	if stage == nil && len(p.Stages) > 0 {
		stage = p.Stages[0] // the source's stage was removed since
	}
	if stage == nil {
		return nil, fmt.Errorf("lead: delivery: pipeline %s has no stage", p.ID)
	}
	ids := make([]string, 0, len(items))
	for _, in := range items {
		ids = append(ids, in.ExternalID)
	}
	known, err := lockKnown(ctx, tx, d, ids)
	if err != nil {
		return nil, err
	}

	var creates, updates []*Lead
	var createAt, updateAt []int
	var entries []history.Entry
	befores := map[uuid.UUID]api.Address{}
	seen := map[string]bool{}
	for i, in := range items {
		var v httpx.Validation
		if seen[in.ExternalID] {
			v.Field("externalId", api.FieldDuplicate) // twice in one delivery: the first counts
		}
		seen[in.ExternalID] = true
		l, isNew := known[in.ExternalID], false
		switch {
		case l == nil:
			ext, src := in.ExternalID, d.SourceID
			l, isNew = &Lead{Row: record.Row{Row: db.NewRow(d.TenantID)}, Status: api.LeadOpen, SourceID: &src,
				ExternalID: &ext, Source: d.SourceName, PipelineID: p.ID, StageID: stage.ID, PipelineName: p.Name,
				StageName: stage.Name}, true
		case l.DeletedAt != nil: // a lead someone put in the trash stays there
			if v.Err() == nil {
				out[i] = Outcome{Status: api.IntakeUnchanged, LeadID: l.ID}
				continue
			}
		}
		before, oldAddress, oldDetails := l.snapshot(), l.address(), l.details()
		l.apply(&v, in.fields(l))
		l.Custom = fields.Apply(&v, l.Custom, in.Custom)
		detailsChanged := !isNew && in.Details != nil && !slices.Equal(l.Details, in.Details)
		if in.Details != nil {
			l.Details = in.Details
		}
		if err := v.Err(); err != nil {
			out[i] = Outcome{Status: api.IntakeRejected, LeadID: idOf(l, isNew), Fields: v.Fields()}
			continue
		}
		l.derive()
		if isNew {
			creates, createAt = append(creates, l), append(createAt, i)
			continue
		}
		changes := history.Diff(before, l.snapshot(), historyFields, fields.Labels())
		if detailsChanged {
			changes = append(changes, api.FieldChange{Field: "details", Old: detailText(oldDetails), New: detailText(l.details())})
		}
		if len(changes) == 0 {
			out[i] = Outcome{Status: api.IntakeUnchanged, LeadID: l.ID}
			continue
		}
		befores[l.ID] = oldAddress
		updates, updateAt = append(updates, l), append(updateAt, i)
		entries = append(entries, history.Entry{RecordID: l.ID, Action: api.HistoryImported, Changes: changes})
	}

	if len(creates) > 0 {
		addrs := make([]api.Address, len(creates))
		for j, l := range creates {
			addrs[j] = l.address()
		}
		owners, err := d.Assign(ctx, tx, addrs)
		if err != nil {
			return nil, err
		}
		for j, l := range creates {
			l.OwnerID = owners[j]
		}
		if err := insertAll(ctx, tx, creates); err != nil {
			return nil, err
		}
		ids := make([]uuid.UUID, len(creates))
		for j, l := range creates {
			ids[j] = l.ID
			out[createAt[j]] = Outcome{Status: api.IntakeCreated, LeadID: l.ID}
			entries = append(entries, history.Entry{RecordID: l.ID, Action: api.HistoryImported,
				Changes: history.Created(l.snapshot(), historyFields, fields.Labels())})
		}
		if err := geo.QueueNew(ctx, tx, d.TenantID, api.RecordLead, ids, addrs); err != nil {
			return nil, err
		}
	}
	for j, l := range updates {
		if _, err := tx.NewUpdate().Model(l).Column("title", "person_name", "company", "email", "phone", "street",
			"postal_code", "city", "country", "source", "custom", "details", "search_text").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("version, updated_at").Exec(ctx); err != nil {
			return nil, fmt.Errorf("lead: delivery: update %s: %w", l.ID, err)
		}
		if err := geo.TrackChange(ctx, tx, d.TenantID, api.RecordLead, l.ID, befores[l.ID], l.address(), &l.Columns); err != nil {
			return nil, err
		}
		out[updateAt[j]] = Outcome{Status: api.IntakeUpdated, LeadID: l.ID}
	}
	if err := history.RecordAll(ctx, tx, d.TenantID, api.RecordLead, d.SourceName, entries); err != nil {
		return nil, err
	}
	created, updated := make([]uuid.UUID, len(creates)), make([]uuid.UUID, len(updates))
	for j, l := range creates {
		created[j] = l.ID
	}
	for j, l := range updates {
		updated[j] = l.ID
	}
	marked, err := markDuplicates(ctx, tx, created, updated)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].PossibleDuplicate = marked[out[i].LeadID] && out[i].Status != api.IntakeRejected
	}
	return out, nil
}

// newLeadColumns are the columns of a new lead that a delivery writes (db.InsertAll sends each as one array, so a
// column is named here once).
var newLeadColumns = []db.Column[*Lead]{
	{Name: "tenant_id", Type: "uuid", Value: func(l *Lead) *string { return db.Text(l.TenantID.String()) }},
	{Name: "owner_id", Type: "uuid", Value: func(l *Lead) *string { return db.Text(l.OwnerID.String()) }},
	{Name: "pipeline_id", Type: "uuid", Value: func(l *Lead) *string { return db.Text(l.PipelineID.String()) }},
	{Name: "stage_id", Type: "uuid", Value: func(l *Lead) *string { return db.Text(l.StageID.String()) }},
	{Name: "source_id", Type: "uuid", Value: func(l *Lead) *string {
		if l.SourceID == nil {
			return nil
		}
		return db.Text(l.SourceID.String())
	}},
	{Name: "title", Type: "text", Value: func(l *Lead) *string { return &l.Title }},
	{Name: "person_name", Type: "text", Value: func(l *Lead) *string { return &l.PersonName }},
	{Name: "company", Type: "text", Value: func(l *Lead) *string { return &l.Company }},
	{Name: "email", Type: "text", Value: func(l *Lead) *string { return &l.Email }},
	{Name: "phone", Type: "text", Value: func(l *Lead) *string { return &l.Phone }},
	{Name: "street", Type: "text", Value: func(l *Lead) *string { return &l.Street }},
	{Name: "postal_code", Type: "text", Value: func(l *Lead) *string { return &l.PostalCode }},
	{Name: "city", Type: "text", Value: func(l *Lead) *string { return &l.City }},
	{Name: "country", Type: "text", Value: func(l *Lead) *string { return &l.Country }},
	{Name: "source", Type: "text", Value: func(l *Lead) *string { return &l.Source }},
	{Name: "external_id", Type: "text", Value: func(l *Lead) *string { return l.ExternalID }},
	{Name: "custom", Type: "jsonb", Value: func(l *Lead) *string { return db.JSON(l.CustomValues()) }},
	{Name: "details", Type: "jsonb", Value: func(l *Lead) *string { return db.JSON(l.details()) }},
	{Name: "search_text", Type: "text", Value: func(l *Lead) *string { return &l.SearchText }},
	{Name: "geo_key", Type: "text", Value: func(l *Lead) *string { return l.GeoKey }},
}

// insertAll inserts new leads in one statement with the key of their address (geo.QueueNew queues the
// addresses), and reads back what the database gave them. Leads of one delivery have distinct supplier IDs, by
// which the answer is matched.
func insertAll(ctx context.Context, tx bun.Tx, ls []*Lead) error {
	byExternal := make(map[string]*Lead, len(ls))
	for _, l := range ls {
		if key := geo.AddressKey(l.address()); key != "" {
			l.GeoKey = &key
		}
		byExternal[*l.ExternalID] = l
	}
	var rows []struct {
		ID         uuid.UUID `bun:"id"`
		ExternalID string    `bun:"external_id"`
		Version    int64     `bun:"version"`
		CreatedAt  time.Time `bun:"created_at"`
		UpdatedAt  time.Time `bun:"updated_at"`
	}
	if err := db.InsertAll(ctx, tx, "leads", newLeadColumns, ls, "id, external_id, version, created_at, updated_at", &rows); err != nil {
		return fmt.Errorf("lead: delivery: %w", err)
	}
	if len(rows) != len(ls) {
		return fmt.Errorf("lead: delivery: inserted %d of %d leads", len(rows), len(ls))
	}
	for _, r := range rows {
		l := byExternal[r.ExternalID]
		l.ID, l.Version, l.CreatedAt, l.UpdatedAt = r.ID, r.Version, r.CreatedAt, r.UpdatedAt
	}
	return nil
}

// lockKnown takes the transaction locks of the supplier IDs (in one order, so two deliveries never wait for each
// other) and loads the source's leads with those IDs, trashed ones too.
func lockKnown(ctx context.Context, tx bun.Tx, d Delivery, ids []string) (map[string]*Lead, error) {
	if _, err := tx.NewRaw(`SELECT pg_advisory_xact_lock(h) FROM (
			SELECT DISTINCT hashtextextended(?::text || e, 0) AS h FROM unnest(?::text[]) AS e) AS k ORDER BY h`,
		d.SourceID.String(), pgdialect.Array(ids)).Exec(ctx); err != nil {
		return nil, fmt.Errorf("lead: delivery: lock: %w", err)
	}
	var rows []*Lead
	if err := selectWith(tx, nil, tx.NewSelect().Model(&rows)).Where("l.source_id = ?", d.SourceID).
		Where("l.external_id = ANY(?::text[])", pgdialect.Array(ids)).For("UPDATE OF l").Scan(ctx); err != nil {
		return nil, fmt.Errorf("lead: delivery: known leads: %w", err)
	}
	out := make(map[string]*Lead, len(rows))
	for _, l := range rows {
		out[*l.ExternalID] = l
	}
	return out, nil
}

// fields gives the delivered fields to apply to l (an address part not delivered keeps l's).
func (in Incoming) fields(l *Lead) fieldsIn {
	f := fieldsIn{title: in.Title, personName: in.PersonName, company: in.Company, email: in.Email, phone: in.Phone,
		source: in.Source}
	if in.Street != nil || in.PostalCode != nil || in.City != nil || in.Country != nil {
		a := l.address()
		for _, p := range []struct{ dst, src *string }{{&a.Street, in.Street}, {&a.PostalCode, in.PostalCode},
			{&a.City, in.City}, {&a.Country, in.Country}} {
			if p.src != nil {
				*p.dst = *p.src
			}
		}
		f.address = &a
	}
	return f
}

func idOf(l *Lead, isNew bool) uuid.UUID {
	if isNew {
		return uuid.Nil
	}
	return l.ID
}

// detailText is details as one text for the history ("Budget: 10000; Interesse: Kopierer").
func detailText(ds []api.LeadDetail) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.Name + ": " + d.Value
	}
	return strings.Join(parts, "; ")
}
