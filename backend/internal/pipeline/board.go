package pipeline

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/shared/api"
)

// BoardSpec describes the records a board shows: their list spec, table, value column ("" for records without
// a value) and how to load the cards of one stage.
type BoardSpec struct {
	List  listquery.Spec
	Table string
	Value string
	// Cards loads up to n open records of a stage, filtered by filter, newest change first.
	Cards func(ctx context.Context, tx bun.IDB, filter func(bun.QueryBuilder) bun.QueryBuilder, stage uuid.UUID, n int, col *api.BoardColumn) error
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
	alias := spec.List.Alias
	value := "0"
	if spec.Value != "" {
		value = alias + "." + spec.Value
	}
	var sums []struct {
		Stage    uuid.UUID `bun:"stage_id"`
		Count    int       `bun:"n"`
		Total    string    `bun:"total"`
		Weighted string    `bun:"weighted"`
	}
	agg := tx.NewSelect().TableExpr("? AS ?", bun.Ident(spec.Table), bun.Ident(alias)).
		Join("JOIN stages AS bs ON bs.id = ?.stage_id", bun.Ident(alias)).
		ColumnExpr("?.stage_id, count(*) AS n", bun.Ident(alias)).
		ColumnExpr("coalesce(sum("+value+"), 0)::numeric(16,2)::text AS total").
		ColumnExpr("coalesce(round(sum("+value+" * bs.probability) / 100, 2), 0)::numeric(16,2)::text AS weighted").
		Where("?.pipeline_id = ?", bun.Ident(alias), p.ID).Where("?.status = 'open'", bun.Ident(alias)).
		GroupExpr("?.stage_id", bun.Ident(alias))
	c.Filter(agg.QueryBuilder())
	if err := agg.Scan(ctx, &sums); err != nil {
		return nil, fmt.Errorf("pipeline: board sums: %w", err)
	}
	board := &api.Board{Pipeline: p.API(), Currency: "EUR", Columns: []api.BoardColumn{}}
	for _, st := range p.Stages {
		col := api.BoardColumn{Stage: api.Stage{ID: st.ID.String(), Name: st.Name, Probability: st.Probability, Position: st.Position},
			Total: "0.00", Weighted: "0.00", Deals: []api.Deal{}, Leads: []api.Lead{}}
		for _, s := range sums {
			if s.Stage == st.ID {
				col.Count, col.Total, col.Weighted = s.Count, s.Total, s.Weighted
			}
		}
		if col.Count > 0 {
			if err := spec.Cards(ctx, tx, c.Filter, st.ID, n, &col); err != nil {
				return nil, err
			}
		}
		board.Columns = append(board.Columns, col)
	}
	return board, nil
}
