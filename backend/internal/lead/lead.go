// Package lead manages leads: prospects moving through lead pipelines until they are converted into a person
// and/or an organisation (fields carried over by the tenant's field mapping, optionally with a new deal) or lost
// with a reason.
package lead

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/deal"
	"github.com/1sales/app/backend/internal/geo"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/search"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Lead is a row of leads with the names of what it refers to.
type Lead struct {
	bun.BaseModel `bun:"table:leads,alias:l"`

	record.Row
	Title                   string           `bun:"title"`
	PersonName              string           `bun:"person_name"`
	Company                 string           `bun:"company"`
	Email                   string           `bun:"email"`
	Phone                   string           `bun:"phone"`
	Street                  string           `bun:"street"`
	PostalCode              string           `bun:"postal_code"`
	City                    string           `bun:"city"`
	Country                 string           `bun:"country"`
	Source                  string           `bun:"source"`
	PipelineID              uuid.UUID        `bun:"pipeline_id,type:uuid"`
	StageID                 uuid.UUID        `bun:"stage_id,type:uuid"`
	Status                  api.LeadStatus   `bun:"status"`
	LostReasonID            *uuid.UUID       `bun:"lost_reason_id,type:uuid"`
	LostComment             string           `bun:"lost_comment"`
	ConvertedAt             *time.Time       `bun:"converted_at"`
	ClosedAt                *time.Time       `bun:"closed_at"`
	ConvertedPersonID       *uuid.UUID       `bun:"converted_person_id,type:uuid"`
	ConvertedOrganizationID *uuid.UUID       `bun:"converted_organization_id,type:uuid"`
	ConvertedDealID         *uuid.UUID       `bun:"converted_deal_id,type:uuid"`
	SourceID                *uuid.UUID       `bun:"source_id,type:uuid"`
	ExternalID              *string          `bun:"external_id"`
	Details                 []api.LeadDetail `bun:"details,type:jsonb"`

	PipelineName      string `bun:"pipeline_name,scanonly"`
	PossibleDuplicate bool   `bun:"possible_duplicate,scanonly"`
	duplicates        []api.LeadDuplicate
	StageName         string `bun:"stage_name,scanonly"`
	LostReasonName    string `bun:"lost_reason_name,scanonly"`

	geo.Columns
}

// CursorKey gives the values a list continues after.
func (l *Lead) CursorKey() (string, string, time.Time, time.Time, uuid.UUID) {
	return l.Title, l.City, l.CreatedAt, l.UpdatedAt, l.ID
}

func idString(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

// API converts to the wire type.
func (l *Lead) API() api.Lead {
	return api.Lead{ID: l.ID.String(), Title: l.Title, PersonName: l.PersonName, Company: l.Company, Email: l.Email,
		Phone: l.Phone, Address: api.Address{Street: l.Street, PostalCode: l.PostalCode, City: l.City, Country: l.Country},
		Source: l.Source, OwnerID: l.OwnerID.String(), OwnerName: l.OwnerName, PipelineID: l.PipelineID.String(),
		StageID: l.StageID.String(), StageName: l.StageName, Status: l.Status, LostReasonID: idString(l.LostReasonID),
		LostReasonName: l.LostReasonName, LostComment: l.LostComment, ConvertedAt: l.ConvertedAt,
		ConvertedPersonID: idString(l.ConvertedPersonID), ConvertedOrganizationID: idString(l.ConvertedOrganizationID),
		ConvertedDealID: idString(l.ConvertedDealID), Custom: l.CustomValues(), Version: l.Version, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt,
		Position: l.Position(), DistanceKm: l.DistanceKm(), SourceID: idString(l.SourceID), ExternalID: deref(l.ExternalID),
		Details: l.details(), PossibleDuplicate: l.PossibleDuplicate, Duplicates: l.duplicates}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// details are the further details, never nil (the wire form).
func (l *Lead) details() []api.LeadDetail {
	if l.Details == nil {
		return []api.LeadDetail{}
	}
	return l.Details
}

func (l *Lead) snapshot() history.Snapshot {
	s := history.Snapshot{"title": l.Title, "personName": l.PersonName, "company": l.Company, "email": l.Email, "phone": l.Phone,
		"address.street": l.Street, "address.postalCode": l.PostalCode, "address.city": l.City, "address.country": l.Country,
		"source": l.Source, "pipeline": l.PipelineName, "stage": l.StageName, "status": string(l.Status),
		"lostReason": l.LostReasonName, "lostComment": l.LostComment, "owner": l.OwnerName,
		// What a conversion made of it: links, named when read.
		"person": idString(l.ConvertedPersonID), "organization": idString(l.ConvertedOrganizationID), "deal": idString(l.ConvertedDealID)}
	return l.WithCustom(s)
}

var historyFields = api.HistoryFields[api.RecordLead]

// ListSpec is the list spec of leads: dashboards compile their figures with it, so they count what the list lists.
func ListSpec() listquery.Spec { return spec }

// ListSpec is the list spec of leads (saved filters compile with it).
func (s *Service) ListSpec() listquery.Spec { return spec }

var spec = listquery.Spec{Type: api.RecordLead, SortName: "l.title",
	Statuses: []string{string(api.LeadOpen), string(api.LeadConverted), string(api.LeadLost)},
	Sourced:  true, Duplicates: possibleDuplicateSQL, ActivityLink: "lead_id"}

// Service manages leads; the record kind's store gives get, delete and restore.
type Service struct {
	record.Store[*Lead, api.Lead]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{Store: store.On(db)} }

var store = record.NewStore[*Lead, api.Lead](api.RecordLead, selectWith, complete)

// complete names the duplicates of a lead loaded on its own (its page), as far as the reader may see them.
func complete(ctx context.Context, tx bun.IDB, a *access.Actor, rows []*Lead) error {
	for _, l := range rows {
		d, err := duplicates(ctx, tx, a, l.ID)
		if err != nil {
			return err
		}
		l.duplicates = d
	}
	return nil
}

// selectWith selects a lead with the names it shows; with an actor, also whether it has a possible duplicate
// the actor may see.
func selectWith(tx bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	if a != nil {
		q = q.ColumnExpr("EXISTS (?) AS possible_duplicate", possibleDuplicateSQL(tx, a))
	}
	return q.ColumnExpr("l.*").
		ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = l.owner_id) AS owner_name").
		ColumnExpr("(SELECT pl.name FROM pipelines AS pl WHERE pl.id = l.pipeline_id) AS pipeline_name").
		ColumnExpr("(SELECT s.name FROM stages AS s WHERE s.id = l.stage_id) AS stage_name").
		ColumnExpr("coalesce((SELECT r.name FROM lost_reasons AS r WHERE r.id = l.lost_reason_id), '') AS lost_reason_name")
}

func (l *Lead) derive() {
	l.SearchText = search.Text(l.Title, l.PersonName, l.Company, l.Email, l.Phone, search.Digits(l.Phone))
}

// Query lists the leads the actor may see that match q.
func (s *Service) Query(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.LeadPage, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.LeadPage, error) {
		return Query(ctx, tx, a, q, true)
	})
}

// Query runs a lead list query in the caller's transaction; count adds the (capped) total.
func Query(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery, count bool) (*api.LeadPage, error) {
	res, err := listquery.Query[*Lead](ctx, tx, a, spec, q, store.Columns(tx, a), count)
	if err != nil {
		return nil, err
	}
	return &api.LeadPage{Items: rest.Wire(res.Rows), NextCursor: res.NextCursor, Total: res.Total, TotalCapped: res.TotalCapped}, nil
}

type fieldsIn struct {
	title, personName, company, email, phone, source *string
	address                                          *api.Address
}

func (l *Lead) apply(v *httpx.Validation, in fieldsIn) {
	for _, t := range []struct {
		field string
		dst   *string
		src   *string
		max   int
	}{{"title", &l.Title, in.title, 200}, {"personName", &l.PersonName, in.personName, 200}, {"company", &l.Company, in.company, 200},
		{"email", &l.Email, in.email, 254}, {"phone", &l.Phone, in.phone, 50}, {"source", &l.Source, in.source, 100}} {
		if t.src != nil {
			*t.dst = validate.Text(v, t.field, *t.src, t.max)
		}
	}
	if in.address != nil {
		a := validate.Address(v, "address", *in.address)
		l.Street, l.PostalCode, l.City, l.Country = a.Street, a.PostalCode, a.City, a.Country
	}
	if l.Title == "" {
		v.Field("title", api.FieldRequired)
	}
	if l.Email != "" && validate.Email(l.Email) == "" {
		v.Field("email", api.FieldInvalid)
	}
}

// Create adds an open lead (also what the lead supplier's delivery will use).
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.LeadCreate) (*Lead, error) {
	l := &Lead{Row: record.NewRow(a), Status: api.LeadOpen}
	err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		fields, err := customfield.Load(ctx, tx, api.RecordLead)
		if err != nil {
			return err
		}
		var v httpx.Validation
		l.apply(&v, fieldsIn{title: &in.Title, personName: &in.PersonName, company: &in.Company, email: &in.Email,
			phone: &in.Phone, source: &in.Source, address: &in.Address})
		p, st := pipeline.Place(ctx, tx, api.RecordLead, &v, in.PipelineID, in.StageID)
		l.OwnerID = record.Owner(ctx, tx, a, api.RecordLead, api.ActionCreate, in.OwnerID, &v)
		l.Custom = fields.Apply(&v, nil, in.Custom)
		if err := v.Err(); err != nil {
			return err
		}
		l.PipelineID, l.StageID, l.PipelineName, l.StageName = p.ID, st.ID, p.Name, st.Name
		l.derive()
		if _, err := tx.NewInsert().Model(l).Returning("*").Exec(ctx); err != nil {
			return fmt.Errorf("lead: create: %w", err)
		}
		l.OwnerName = record.UserName(ctx, tx, l.OwnerID)
		if err := geo.Track(ctx, tx, a.TenantID, api.RecordLead, l.ID, l.address(), &l.Columns); err != nil {
			return err
		}
		marked, err := markDuplicates(ctx, tx, []uuid.UUID{l.ID}, nil)
		if err != nil {
			return err
		}
		if marked[l.ID] {
			if l.duplicates, err = duplicates(ctx, tx, a, l.ID); err != nil {
				return err
			}
			l.PossibleDuplicate = len(l.duplicates) > 0
		}
		return history.Record(ctx, tx, a, api.RecordLead, l.ID, api.HistoryCreated, history.Created(l.snapshot(), historyFields, fields.Labels()))
	})
	return l, err
}

// Update changes a lead, moves it through its pipeline or marks it lost (with a lead reason) or open again. A
// converted lead's status is final.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.LeadPatch) (*Lead, error) {
	return s.Store.Update(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, l *Lead) ([]api.FieldChange, error) {
		fields, err := customfield.Of(&l.Row)
		if err != nil {
			return nil, err
		}
		before, oldAddress := l.snapshot(), l.address()
		var v httpx.Validation
		l.apply(&v, fieldsIn{title: in.Title, personName: in.PersonName, company: in.Company, email: in.Email,
			phone: in.Phone, source: in.Source, address: in.Address})
		converted := l.Status == api.LeadConverted
		if converted && (in.PipelineID != nil || in.StageID != nil) {
			v.Field("stageId", api.FieldInvalid)
		}
		if p, st := pipeline.Move(ctx, tx, api.RecordLead, &v, l.PipelineID, in.PipelineID, in.StageID); st != nil {
			l.PipelineID, l.StageID, l.PipelineName, l.StageName = p.ID, st.ID, p.Name, st.Name
		}
		if in.OwnerID != nil {
			l.ChangeOwner(ctx, tx, a, api.RecordLead, *in.OwnerID, &v)
		}
		if in.LostComment != nil {
			l.LostComment = validate.Text(&v, "lostComment", *in.LostComment, 2000)
		}
		if in.Status != nil && *in.Status != l.Status {
			switch {
			case converted || *in.Status == api.LeadConverted:
				v.Field("status", api.FieldInvalid) // conversion is its own step, and final
			case *in.Status == api.LeadLost:
				reason := ""
				if in.LostReasonID != nil {
					reason = *in.LostReasonID
				}
				l.LostReasonID, l.LostReasonName = deal.LostReason(ctx, tx, api.RecordLead, &v, reason)
				now := time.Now()
				l.ClosedAt = &now
			case *in.Status == api.LeadOpen:
				l.LostReasonID, l.LostReasonName, l.LostComment, l.ClosedAt = nil, "", "", nil
			default:
				v.Field("status", api.FieldInvalid)
			}
			l.Status = *in.Status
		}
		l.Custom = fields.Apply(&v, l.Custom, in.Custom)
		if err := v.Err(); err != nil {
			return nil, err
		}
		changes := history.Diff(before, l.snapshot(), historyFields, fields.Labels())
		if len(changes) == 0 {
			return nil, nil
		}
		l.derive()
		return changes, geo.TrackChange(ctx, tx, a.TenantID, api.RecordLead, l.ID, oldAddress, l.address(), &l.Columns)
	})
}

// Board returns a lead pipeline's board (counts per stage; leads carry no value).
func (s *Service) Board(ctx context.Context, a *access.Actor, q api.BoardQuery) (*api.Board, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.Board, error) {
		return pipeline.Board(ctx, tx, a, pipeline.BoardSpec{List: spec, Cards: cards}, q)
	})
}

func cards(ctx context.Context, tx bun.IDB, filter func(bun.QueryBuilder) bun.QueryBuilder, stage uuid.UUID, n int, col *api.BoardColumn) error {
	var rows []*Lead
	q := selectWith(tx, nil, tx.NewSelect().Model(&rows)).Where("l.stage_id = ?", stage).Where("l.status = 'open'").
		OrderExpr("l.updated_at DESC, l.id").Limit(n)
	filter(q.QueryBuilder())
	if err := q.Scan(ctx); err != nil {
		return fmt.Errorf("lead: board cards: %w", err)
	}
	for _, l := range rows {
		col.Leads = append(col.Leads, l.API())
	}
	return nil
}

// splitName splits "Dr. Anna Maria Schulz" into first "Dr. Anna Maria" and last "Schulz".
func splitName(full string) (string, string) {
	parts := strings.Fields(full)
	switch len(parts) {
	case 0:
		return "", ""
	case 1:
		return "", parts[0]
	}
	return strings.Join(parts[:len(parts)-1], " "), parts[len(parts)-1]
}
