// Package deal manages deals: sales opportunities with a value that move through deal pipelines and end won or
// lost (lost with a reason), with custom fields, notes, history and trash like every record.
package deal

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
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

// Deal is a row of deals with the names of what it refers to.
type Deal struct {
	bun.BaseModel `bun:"table:deals,alias:d"`

	record.Row
	Title          string         `bun:"title"`
	Value          string         `bun:"value"`
	Currency       string         `bun:"currency"`
	ExpectedClose  *string        `bun:"expected_close"`
	PersonID       *uuid.UUID     `bun:"person_id,type:uuid"`
	OrganizationID *uuid.UUID     `bun:"organization_id,type:uuid"`
	PipelineID     uuid.UUID      `bun:"pipeline_id,type:uuid"`
	StageID        uuid.UUID      `bun:"stage_id,type:uuid"`
	Status         api.DealStatus `bun:"status"`
	LostReasonID   *uuid.UUID     `bun:"lost_reason_id,type:uuid"`
	LostComment    string         `bun:"lost_comment"`
	ClosedAt       *time.Time     `bun:"closed_at"`

	// PersonName and OrganizationName are nil when the deal links a record the actor may not see (record.Shown).
	PersonName       *string `bun:"person_name,scanonly"`
	OrganizationName *string `bun:"organization_name,scanonly"`
	City             string  `bun:"city,scanonly"`
	PipelineName     string  `bun:"pipeline_name,scanonly"`
	StageName        string  `bun:"stage_name,scanonly"`
	Probability      int     `bun:"probability,scanonly"`
	LostReasonName   string  `bun:"lost_reason_name,scanonly"`
	// DistanceM is the distance to a nearby list's reference (listquery).
	DistanceM *float64 `bun:"distance_m,scanonly"`
}

// DistanceMeters gives listquery the distance to continue a list sorted by distance after this deal.
func (d *Deal) DistanceMeters() *float64 { return d.DistanceM }

// CursorKey gives the values a list continues after.
func (d *Deal) CursorKey() (string, string, time.Time, time.Time, uuid.UUID) {
	return d.Title, d.City, d.CreatedAt, d.UpdatedAt, d.ID
}

func idString(id *uuid.UUID) string {
	if id == nil {
		return ""
	}
	return id.String()
}

// API converts to the wire type.
func (d *Deal) API() api.Deal {
	out := api.Deal{ID: d.ID.String(), Title: d.Title, Value: d.Value, Currency: d.Currency, OwnerID: d.OwnerID.String(),
		OwnerName: d.OwnerName, PipelineID: d.PipelineID.String(),
		StageID: d.StageID.String(), StageName: d.StageName, Probability: d.Probability, Status: d.Status,
		LostReasonID: idString(d.LostReasonID), LostReasonName: d.LostReasonName, LostComment: d.LostComment,
		ClosedAt: d.ClosedAt, Custom: d.CustomValues(), Version: d.Version, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt}
	if d.ExpectedClose != nil {
		out.ExpectedCloseDate = (*d.ExpectedClose)[:10]
	}
	out.PersonID, out.PersonName, out.PersonHidden = record.Shown(d.PersonID, d.PersonName)
	out.OrganizationID, out.OrganizationName, out.OrganizationHidden = record.Shown(d.OrganizationID, d.OrganizationName)
	out.DistanceKm = geo.Km(d.DistanceM)
	return out
}

func (d *Deal) snapshot() history.Snapshot {
	s := history.Snapshot{"title": d.Title, "value": d.Value, "currency": d.Currency, "person": idString(d.PersonID),
		"organization": idString(d.OrganizationID), "pipeline": d.PipelineName, "stage": d.StageName, "status": string(d.Status),
		"lostReason": d.LostReasonName, "lostComment": d.LostComment, "owner": d.OwnerName}
	if d.ExpectedClose != nil {
		s["expectedCloseDate"] = (*d.ExpectedClose)[:10]
	}
	return d.WithCustom(s)
}

var historyFields = api.HistoryFields[api.RecordDeal]

// ListSpec is the list spec of deals: dashboards compile their figures with it, so they count what the list lists.
func ListSpec() listquery.Spec { return spec }

// ListSpec is the list spec of deals (saved filters compile with it).
func (s *Service) ListSpec() listquery.Spec { return spec }

var spec = listquery.Spec{Type: api.RecordDeal, SortName: "d.title",
	Organization: func(q bun.QueryBuilder, id uuid.UUID) bun.QueryBuilder { return q.Where("d.organization_id = ?", id) },
	AddressSQL:   organizationAddress,
	Statuses:     []string{string(api.DealOpen), string(api.DealWon), string(api.DealLost)}, ExpectedClose: "expected_close",
	ActivityLink: "deal_id",
	Links: []listquery.SearchLink{
		{Type: api.RecordPerson, Join: "sl.id = d.person_id", Linking: "SELECT id FROM deals WHERE person_id = ANY(?::uuid[]) AND deleted_at IS NULL"},
		{Type: api.RecordOrganization, Join: "sl.id = d.organization_id", Linking: "SELECT id FROM deals WHERE organization_id = ANY(?::uuid[]) AND deleted_at IS NULL"},
	}}

// organizationAddress is a column of the address of the deal's organisation, "" without one, when it is in the
// trash or the actor may not see it: the list's address filters, its city order and the city a cursor continues
// after (the deal's City) all read this one expression.
func organizationAddress(a *access.Actor, col string) string {
	return "coalesce((SELECT ao." + col + " FROM organizations AS ao WHERE ao.id = d.organization_id AND ao.deleted_at IS NULL AND " +
		a.RestrictSQL(api.RecordOrganization, api.ActionView, "ao.owner_id") + "), '')"
}

// Service manages deals; the record kind's store gives get, delete and restore.
type Service struct {
	record.Store[*Deal, api.Deal]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{Store: store.On(db)} }

var store = record.NewStore[*Deal, api.Deal](api.RecordDeal, selectAll, nil)

func selectAll(tx bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	return withParties(tx, a, q).
		ColumnExpr("(SELECT pl.name FROM pipelines AS pl WHERE pl.id = d.pipeline_id) AS pipeline_name").
		ColumnExpr("(SELECT s.name FROM stages AS s WHERE s.id = d.stage_id) AS stage_name").
		ColumnExpr("(SELECT s.probability FROM stages AS s WHERE s.id = d.stage_id) AS probability").
		ColumnExpr("coalesce((SELECT r.name FROM lost_reasons AS r WHERE r.id = d.lost_reason_id), '') AS lost_reason_name")
}

// withParties selects a deal with the names of its owner, person and organisation, the latter two as the actor
// may see them (record.LinkedName), and the organisation's city as the list's city order sees it.
func withParties(tx bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("d.*").
		ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = d.owner_id) AS owner_name").
		ColumnExpr("(?) AS person_name", record.LinkedName(tx, a, api.RecordPerson, "d.person_id")).
		ColumnExpr("(?) AS organization_name", record.LinkedName(tx, a, api.RecordOrganization, "d.organization_id")).
		ColumnExpr(organizationAddress(a, "city") + " AS city")
}

// Query lists the deals the actor may see that match q.
func (s *Service) Query(ctx context.Context, a *access.Actor, q api.ListQuery) (*api.DealPage, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.DealPage, error) {
		return Query(ctx, tx, a, q, true)
	})
}

// Top reads the first n deals of a compiled list, the highest value first (then the soonest expected close): a
// dashboard's preview of the list the figure opens, which lists the same deals in its own order.
func Top(ctx context.Context, tx bun.IDB, a *access.Actor, c *listquery.Compiled, n int) ([]api.Deal, error) {
	if err := c.Resolve(ctx, tx); err != nil {
		return nil, err
	}
	var rows []*Deal
	q := store.Columns(tx, a)(tx.NewSelect().Model(&rows))
	c.Filter(q.QueryBuilder())
	if err := q.OrderExpr("d.value DESC, d.expected_close ASC NULLS LAST, d.id").Limit(n).Scan(ctx); err != nil {
		return nil, fmt.Errorf("deal: top: %w", err)
	}
	return rest.Wire(rows), nil
}

// Query runs a deal list query in the caller's transaction; count adds the (capped) total.
func Query(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ListQuery, count bool) (*api.DealPage, error) {
	res, err := listquery.Query[*Deal](ctx, tx, a, spec, q, store.Columns(tx, a), count)
	if err != nil {
		return nil, err
	}
	return &api.DealPage{Items: rest.Wire(res.Rows), NextCursor: res.NextCursor, Total: res.Total, TotalCapped: res.TotalCapped}, nil
}

var moneyRE = regexp.MustCompile(`^\d{1,12}(\.\d{1,2})?$`)

// Money validates a non-negative amount with at most two decimals, in canonical form ("1234.5" or "1234.50").
func Money(v *httpx.Validation, field, raw string) string {
	m := strings.TrimSpace(raw)
	switch {
	case m == "":
		return "0.00"
	case strings.HasPrefix(m, "-"):
		v.Field(field, api.FieldRange)
	case !moneyRE.MatchString(m):
		v.Field(field, api.FieldInvalid)
	default:
		// As the column keeps it ("15000" -> "15000.00"), so that the history compares and shows what is stored.
		whole, cents, _ := strings.Cut(m, ".")
		return whole + "." + cents + strings.Repeat("0", 2-len(cents))
	}
	return m
}

var currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)

// lostReason checks a lost reason of the record type that is not archived.
func lostReason(ctx context.Context, tx bun.IDB, rt api.RecordType, v *httpx.Validation, raw string) (*uuid.UUID, string) {
	if strings.TrimSpace(raw) == "" {
		v.Field("lostReasonId", api.FieldRequired)
		return nil, ""
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		v.Field("lostReasonId", api.FieldInvalid)
		return nil, ""
	}
	var name string
	if err := tx.NewRaw("SELECT name FROM lost_reasons WHERE id = ? AND record_type = ? AND archived_at IS NULL", id, rt).Scan(ctx, &name); err != nil {
		v.Field("lostReasonId", api.FieldNotFound)
		return nil, ""
	}
	return &id, name
}

// LostReason is lostReason for other packages (leads).
func LostReason(ctx context.Context, tx bun.IDB, rt api.RecordType, v *httpx.Validation, raw string) (*uuid.UUID, string) {
	return lostReason(ctx, tx, rt, v, raw)
}

func validDate(v *httpx.Validation, field, raw string) *string {
	d := strings.TrimSpace(raw)
	if d == "" {
		return nil
	}
	if _, err := time.Parse("2006-01-02", d); err != nil {
		v.Field(field, api.FieldInvalid)
		return nil
	}
	return &d
}

func (d *Deal) derive() {
	d.SearchText = search.Text(d.Title)
}

// Create adds an open deal.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.DealCreate) (*Deal, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*Deal, error) {
		return Insert(ctx, tx, a, in)
	})
}

// Insert creates a deal in the caller's transaction (also used by lead conversion).
func Insert(ctx context.Context, tx bun.IDB, a *access.Actor, in api.DealCreate) (*Deal, error) {
	d := &Deal{Row: record.NewRow(a), Status: api.DealOpen}
	fields, err := customfield.Load(ctx, tx, api.RecordDeal)
	if err != nil {
		return nil, err
	}
	var v httpx.Validation
	d.ownFields(&v, in)
	d.PersonID, d.PersonName = record.Link(ctx, tx, a, &v, api.RecordPerson, "personId", in.PersonID)
	d.OrganizationID, d.OrganizationName = record.Link(ctx, tx, a, &v, api.RecordOrganization, "organizationId", in.OrganizationID)
	if strings.TrimSpace(in.PersonID) == "" && strings.TrimSpace(in.OrganizationID) == "" {
		v.Field("personId", api.FieldRequired)
		v.Field("organizationId", api.FieldRequired)
	}
	p, st := pipeline.Place(ctx, tx, api.RecordDeal, &v, in.PipelineID, in.StageID)
	d.OwnerID = record.Owner(ctx, tx, a, api.RecordDeal, api.ActionCreate, in.OwnerID, &v)
	d.Custom = fields.Apply(&v, nil, in.Custom)
	if err := v.Err(); err != nil {
		return nil, err
	}
	d.PipelineID, d.StageID, d.PipelineName, d.StageName, d.Probability = p.ID, st.ID, p.Name, st.Name, st.Probability
	d.derive()
	if _, err := tx.NewInsert().Model(d).Returning("*").Exec(ctx); err != nil {
		return nil, fmt.Errorf("deal: create: %w", err)
	}
	d.OwnerName = record.UserName(ctx, tx, d.OwnerID)
	if err := history.Record(ctx, tx, a, api.RecordDeal, d.ID, api.HistoryCreated,
		history.Created(d.snapshot(), historyFields, fields.Labels())); err != nil {
		return nil, err
	}
	return d, nil
}

// Update changes a deal: fields, stage (a move on the board), status (won, lost with a reason, reopened), owner;
// every change goes into the history. The version check makes concurrent moves safe: one wins, the other gets 412.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.DealPatch) (*Deal, error) {
	return s.Store.Update(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, d *Deal) ([]api.FieldChange, error) {
		fields, err := customfield.Of(&d.Row)
		if err != nil {
			return nil, err
		}
		before := d.snapshot()
		var v httpx.Validation
		if in.Title != nil {
			if d.Title = validate.Text(&v, "title", *in.Title, 200); d.Title == "" {
				v.Field("title", api.FieldRequired)
			}
		}
		if in.Value != nil {
			d.Value = Money(&v, "value", *in.Value)
		}
		if in.Currency != nil {
			if d.Currency = strings.ToUpper(strings.TrimSpace(*in.Currency)); !currencyRE.MatchString(d.Currency) {
				v.Field("currency", api.FieldInvalid)
			}
		}
		if in.ExpectedCloseDate != nil {
			d.ExpectedClose = validDate(&v, "expectedCloseDate", *in.ExpectedCloseDate)
		}
		if in.PersonID != nil {
			d.PersonID, d.PersonName = record.Link(ctx, tx, a, &v, api.RecordPerson, "personId", *in.PersonID)
		}
		if in.OrganizationID != nil {
			d.OrganizationID, d.OrganizationName = record.Link(ctx, tx, a, &v, api.RecordOrganization, "organizationId", *in.OrganizationID)
		}
		if d.PersonID == nil && d.OrganizationID == nil {
			v.Field("personId", api.FieldRequired)
			v.Field("organizationId", api.FieldRequired)
		}
		if p, st := pipeline.Move(ctx, tx, api.RecordDeal, &v, d.PipelineID, in.PipelineID, in.StageID); st != nil {
			d.PipelineID, d.StageID, d.PipelineName, d.StageName, d.Probability = p.ID, st.ID, p.Name, st.Name, st.Probability
		}
		if in.OwnerID != nil {
			d.ChangeOwner(ctx, tx, a, api.RecordDeal, *in.OwnerID, &v)
		}
		if in.LostComment != nil {
			d.LostComment = validate.Text(&v, "lostComment", *in.LostComment, 2000)
		}
		if in.Status != nil {
			switch *in.Status {
			case api.DealLost:
				reason := ""
				if in.LostReasonID != nil {
					reason = *in.LostReasonID
				}
				d.LostReasonID, d.LostReasonName = lostReason(ctx, tx, api.RecordDeal, &v, reason)
				if d.Status != api.DealLost {
					now := time.Now()
					d.ClosedAt = &now
				}
			case api.DealWon:
				d.LostReasonID, d.LostReasonName, d.LostComment = nil, "", ""
				if d.Status != api.DealWon {
					now := time.Now()
					d.ClosedAt = &now
				}
			case api.DealOpen:
				d.LostReasonID, d.LostReasonName, d.LostComment, d.ClosedAt = nil, "", "", nil
			default:
				v.Field("status", api.FieldInvalid)
			}
			d.Status = *in.Status
		} else if in.LostReasonID != nil && d.Status == api.DealLost {
			d.LostReasonID, d.LostReasonName = lostReason(ctx, tx, api.RecordDeal, &v, *in.LostReasonID)
		}
		d.Custom = fields.Apply(&v, d.Custom, in.Custom)
		if err := v.Err(); err != nil {
			return nil, err
		}
		changes := history.Diff(before, d.snapshot(), historyFields, fields.Labels())
		if len(changes) == 0 {
			return nil, nil
		}
		d.derive()
		return changes, nil
	})
}

// Of lists the deals of a person or an organisation the actor may see (both the record and each deal).
func (s *Service) Of(rt api.RecordType) func(context.Context, *access.Actor, uuid.UUID) (*api.DealPage, error) {
	column := map[api.RecordType]string{api.RecordPerson: "d.person_id", api.RecordOrganization: "d.organization_id"}[rt]
	k := record.MustKind(rt)
	return func(ctx context.Context, a *access.Actor, id uuid.UUID) (*api.DealPage, error) {
		page := &api.DealPage{Items: []api.Deal{}}
		err := db.InTenant(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) error {
			if _, err := record.Check(ctx, tx, a, k, id, api.ActionView); err != nil {
				return err
			}
			var rows []*Deal
			q := selectAll(tx, a, tx.NewSelect().Model(&rows)).Where("? = ?", bun.Ident(column), id).Where("d.deleted_at IS NULL").
				OrderExpr("d.status = 'open' DESC, d.updated_at DESC").Limit(500)
			a.Restrict(q.QueryBuilder(), api.RecordDeal, api.ActionView, "d.owner_id")
			if err := q.Scan(ctx); err != nil {
				return fmt.Errorf("deal: of %s: %w", rt, err)
			}
			for _, d := range rows {
				page.Items = append(page.Items, d.API())
			}
			page.Total = len(rows)
			return nil
		})
		return page, err
	}
}

var boardSpec = pipeline.BoardSpec{List: spec, Value: "value", Totals: "deal_stage_totals", StageCards: stageCards}

// StageSums gives the open deals per stage of a pipeline that filter selects, exactly as the board counts them
// (dashboards: the funnel).
func StageSums(ctx context.Context, tx bun.IDB, a *access.Actor, p *pipeline.Pipeline, filter api.ListQuery) ([]pipeline.StageSum, error) {
	return pipeline.Sums(ctx, tx, a, boardSpec, p, filter)
}

// StageSumsByOwner is StageSums per stage and owner (dashboards: the pipeline per rep).
func StageSumsByOwner(ctx context.Context, tx bun.IDB, a *access.Actor, p *pipeline.Pipeline, filter api.ListQuery) ([]pipeline.StageSum, error) {
	return pipeline.SumsByOwner(ctx, tx, a, boardSpec, p, filter)
}

// Board returns a deal pipeline's board. Its figures come from deal_stage_totals when the filter narrows by
// owner only (see pipeline.BoardSpec.Totals), its cards from one statement for all stages.
func (s *Service) Board(ctx context.Context, a *access.Actor, q api.BoardQuery) (*api.Board, error) {
	return db.InTenantValue(ctx, s.DB(), a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.Board, error) {
		return pipeline.Board(ctx, tx, a, boardSpec, q)
	})
}

// stageCards loads the first n open deals of every stage (newest change first) in one statement: per stage a
// walk down the board index (deals_board_idx: pipeline, stage, updated_at), which stops after n deals in the
// actor's scope that match the filter. The names of pipeline and stage are the board's own, so only the parties
// are looked up per card (and a lost reason, which open deals do not have: reopening clears it).
func stageCards(ctx context.Context, tx bun.IDB, a *access.Actor, filter func(bun.QueryBuilder) bun.QueryBuilder, p *pipeline.Pipeline, limits []int, cols []*api.BoardColumn) error {
	ids := make([]uuid.UUID, len(p.Stages))
	for i, st := range p.Stages {
		ids[i] = st.ID
	}
	// One constant limit for every stage keeps the plan of the board index's ordered scan per stage; a stage that
	// shows fewer (all but the one whose "Weitere laden" was clicked) is cut below.
	most := slices.Max(limits)
	stage := tx.NewSelect().TableExpr("deals AS d").ColumnExpr("d.*").
		Where("d.stage_id = bs.id").Where("d.status = 'open'").OrderExpr("d.updated_at DESC, d.id").Limit(most)
	filter(stage.QueryBuilder())
	var rows []*Deal
	q := withParties(tx, a, tx.NewSelect().Model(&rows).
		ModelTableExpr("unnest(?::uuid[]) WITH ORDINALITY AS bs (id, position) CROSS JOIN LATERAL (?) AS d", pgdialect.Array(ids), stage)).
		ColumnExpr("CASE WHEN d.lost_reason_id IS NULL THEN '' ELSE coalesce((SELECT r.name FROM lost_reasons AS r WHERE r.id = d.lost_reason_id), '') END AS lost_reason_name").
		OrderExpr("bs.position, d.updated_at DESC, d.id")
	if err := q.Scan(ctx); err != nil {
		return fmt.Errorf("deal: board cards: %w", err)
	}
	byStage := make(map[uuid.UUID]int, len(cols))
	for i, st := range p.Stages {
		byStage[st.ID] = i
	}
	for _, d := range rows {
		i, ok := byStage[d.StageID]
		if !ok {
			return fmt.Errorf("deal: board cards: deal %s is not an open deal of pipeline %s", d.ID, p.ID)
		}
		if len(cols[i].Deals) >= limits[i] {
			continue
		}
		st := p.Stages[i]
		d.PipelineName, d.StageName, d.Probability = p.Name, st.Name, st.Probability
		cols[i].Deals = append(cols[i].Deals, d.API())
	}
	return nil
}

// RebuildSearchText recomputes every deal's search text as derive does (`onesales-server migrate`, once after
// search texts stopped holding the person's and organisation's names).
func RebuildSearchText(ctx context.Context, owner bun.IDB) (int, error) {
	return record.RebuildSearchText(ctx, owner, store.Kind(), func(d *Deal) uuid.UUID { return d.ID },
		func(d *Deal) string { d.derive(); return d.SearchText })
}
