package pipeline

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/shared/api"
)

// BoardSpec describes the records a board shows: their list spec (which names their kind, and so their table),
// value column ("" for records without a value) and how to load the cards of one stage.
type BoardSpec struct {
	List  listquery.Spec
	Value string
	// Totals names the table that keeps the count and total value of the open, live records per pipeline, stage
	// and owner (deal_stage_totals, kept by triggers on the records' table); "" counts the records on every
	// request. The totals serve boards whose filter narrows by owner only (besides the actor's scope, which
	// narrows by owner too): see ownerOnly.
	Totals string
	// Cards loads up to n open records of a stage, filtered by filter, newest change first.
	Cards func(ctx context.Context, tx bun.IDB, filter func(bun.QueryBuilder) bun.QueryBuilder, stage uuid.UUID, n int, col *api.BoardColumn) error
	// StageCards, when set, loads the cards of every stage of the pipeline in one statement instead of Cards:
	// up to limits[i] open records of the i-th stage, filtered by filter, newest change first, into cols (one per
	// stage, in the pipeline's order).
	// The actor names the records the cards link as it may see them.
	StageCards func(ctx context.Context, tx bun.IDB, a *access.Actor, filter func(bun.QueryBuilder) bun.QueryBuilder, p *Pipeline, limits []int, cols []*api.BoardColumn) error
}

// ownerOnly reports whether a board filter narrows by nothing but the owner ("me", "team" or a user), which the
// totals can answer. Every other field of the filter (whichever the list query gains) sends the board to the
// records themselves; sort and limit do not narrow, and pipeline, stage, status and cursor are the board's.
func ownerOnly(f api.ListQuery) bool {
	f.Owner, f.Sort, f.Limit, f.Cursor, f.PipelineID, f.StageID, f.Status = "", "", 0, "", "", "", ""
	if len(f.Custom) == 0 {
		f.Custom = nil
	}
	return reflect.ValueOf(f).IsZero()
}

// StageSum is a stage's open records: how many, their total and weighted value (value × probability); of one
// owner when grouped by owner (SumsByOwner).
type StageSum struct {
	Stage    uuid.UUID `bun:"stage_id"`
	Owner    uuid.UUID `bun:"owner_id"`
	Count    int       `bun:"n"`
	Total    string    `bun:"total"`
	Weighted string    `bun:"weighted"`
}

// scopeTo narrows a statement to the pipeline and the list's filter: the actor's scope, liveness and conditions.
// Every statement of the board names the pipeline (the cards too, so that the board index, which leads with the
// pipeline, serves them).
func scopeTo(spec BoardSpec, p *Pipeline, c *listquery.Compiled) func(bun.QueryBuilder) bun.QueryBuilder {
	return func(q bun.QueryBuilder) bun.QueryBuilder {
		return c.Filter(q.Where("?.pipeline_id = ?", bun.Ident(spec.List.Alias()), p.ID))
	}
}

// Sums computes the open records per stage of p that filter selects (its pipeline, stage and status are the
// board's and ignored), as the board shows them; dashboards use it for their funnel.
func Sums(ctx context.Context, tx bun.IDB, a *access.Actor, spec BoardSpec, p *Pipeline, filter api.ListQuery) ([]StageSum, error) {
	return compiledSums(ctx, tx, a, spec, p, filter, false)
}

// SumsByOwner is Sums per stage and owner, in the same one statement (dashboards: the pipeline per rep). Owners
// without open records in p have no entry.
func SumsByOwner(ctx context.Context, tx bun.IDB, a *access.Actor, spec BoardSpec, p *Pipeline, filter api.ListQuery) ([]StageSum, error) {
	return compiledSums(ctx, tx, a, spec, p, filter, true)
}

func compiledSums(ctx context.Context, tx bun.IDB, a *access.Actor, spec BoardSpec, p *Pipeline, filter api.ListQuery, byOwner bool) ([]StageSum, error) {
	fields, err := customfield.Load(ctx, tx, spec.List.Type)
	if err != nil {
		return nil, err
	}
	filter.PipelineID, filter.StageID, filter.Status, filter.Cursor = "", "", "", ""
	c, err := listquery.Compile(spec.List, a, filter, fields)
	if err != nil {
		return nil, err
	}
	return sums(ctx, tx, spec, p, c, filter, byOwner)
}

func sums(ctx context.Context, tx bun.IDB, spec BoardSpec, p *Pipeline, c *listquery.Compiled, filter api.ListQuery, byOwner bool) ([]StageSum, error) {
	alias := bun.Ident(spec.List.Alias())
	var out []StageSum
	var agg *bun.SelectQuery
	if spec.Totals != "" && ownerOnly(filter) {
		// The same filter, on the totals: it narrows by owner_id (scope and owner filter) and tests deleted_at,
		// which the totals do not have (they hold live records only; NULL stands in).
		agg = tx.NewSelect().TableExpr("(SELECT t.*, NULL::timestamptz AS deleted_at FROM ? AS t) AS ?", bun.Ident(spec.Totals), alias).
			Join("JOIN stages AS bs ON bs.id = ?.stage_id", alias).
			ColumnExpr("?.stage_id, sum(?.deals) AS n", alias, alias).
			ColumnExpr("coalesce(sum(?.value), 0)::numeric(16,2)::text AS total", alias).
			ColumnExpr("coalesce(round(sum(?.value) * bs.probability / 100, 2), 0)::numeric(16,2)::text AS weighted", alias).
			GroupExpr("?.stage_id, bs.probability", alias)
	} else {
		value := "0"
		if spec.Value != "" {
			value = spec.List.Alias() + "." + spec.Value
		}
		agg = tx.NewSelect().TableExpr("? AS ?", bun.Ident(spec.List.Table()), alias).
			Join("JOIN stages AS bs ON bs.id = ?.stage_id", alias).
			ColumnExpr("?.stage_id, count(*) AS n", alias).
			ColumnExpr("coalesce(sum("+value+"), 0)::numeric(16,2)::text AS total").
			ColumnExpr("coalesce(round(sum("+value+" * bs.probability) / 100, 2), 0)::numeric(16,2)::text AS weighted").
			Where("?.status = 'open'", alias).
			GroupExpr("?.stage_id", alias)
	}
	if byOwner {
		agg = agg.ColumnExpr("?.owner_id", alias).GroupExpr("?.owner_id", alias)
	}
	scopeTo(spec, p, c)(agg.QueryBuilder())
	if err := agg.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("pipeline: board sums: %w", err)
	}
	return out, nil
}

// stageLimits are the cards each stage of p shows: n, or a stage's own limit from more (stage ID to cards).
func stageLimits(p *Pipeline, n int, more map[string]int) ([]int, error) {
	limits := make([]int, len(p.Stages))
	for i := range limits {
		limits[i] = n
	}
	for id, m := range more {
		i := slices.IndexFunc(p.Stages, func(st *Stage) bool { return st.ID.String() == id })
		if i < 0 || m < 1 || m > listquery.MaxLimit {
			return nil, httpx.FieldError("stageLimits", api.FieldInvalid)
		}
		limits[i] = m
	}
	return limits, nil
}

// Board computes a pipeline's board in the caller's tenant transaction: for every stage the number of open
// records the actor may see that match the filter, their total and weighted value, and the first cards.
func Board(ctx context.Context, tx bun.IDB, a *access.Actor, spec BoardSpec, q api.BoardQuery) (*api.Board, error) {
	id, err := uuid.Parse(q.PipelineID)
	if err != nil {
		return nil, httpx.FieldError("pipelineId", api.FieldInvalid)
	}
	p, err := Load(ctx, tx, id, false)
	if err != nil {
		return nil, err
	}
	if p.RecordType != spec.List.Type {
		return nil, httpx.FieldError("pipelineId", api.FieldNotFound)
	}
	n := q.CardsPerStage
	if n == 0 {
		n = listquery.DefaultLimit
	}
	if n < 1 || n > listquery.MaxLimit {
		return nil, httpx.FieldError("cardsPerStage", api.FieldInvalid)
	}
	limits, err := stageLimits(p, n, q.StageLimits)
	if err != nil {
		return nil, err
	}
	fields, err := customfield.Load(ctx, tx, spec.List.Type)
	if err != nil {
		return nil, err
	}
	filter := q.Filter
	filter.PipelineID, filter.StageID, filter.Status, filter.Cursor = "", "", "", ""
	c, err := listquery.Compile(spec.List, a, filter, fields)
	if err != nil {
		return nil, err
	}
	scoped := scopeTo(spec, p, c)
	sums, err := sums(ctx, tx, spec, p, c, filter, false)
	if err != nil {
		return nil, err
	}
	board := &api.Board{Pipeline: p.API(), Currency: "EUR", Columns: []api.BoardColumn{}}
	cols := make([]*api.BoardColumn, len(p.Stages))
	for i, st := range p.Stages {
		col := &api.BoardColumn{Stage: api.Stage{ID: st.ID.String(), Name: st.Name, Probability: st.Probability, Position: st.Position},
			Total: "0.00", Weighted: "0.00", Deals: []api.Deal{}, Leads: []api.Lead{}}
		for _, s := range sums {
			if s.Stage == st.ID {
				col.Count, col.Total, col.Weighted = s.Count, s.Total, s.Weighted
			}
		}
		cols[i] = col
	}
	if spec.StageCards != nil {
		if err := spec.StageCards(ctx, tx, a, scoped, p, limits, cols); err != nil {
			return nil, err
		}
	} else {
		for i, st := range p.Stages {
			if cols[i].Count > 0 {
				if err := spec.Cards(ctx, tx, scoped, st.ID, limits[i], cols[i]); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, col := range cols {
		board.Columns = append(board.Columns, *col)
	}
	return board, nil
}
