// Package pipeline manages the pipelines deals and leads move through: ordered stages with a probability each,
// limited in number by the tenant's plan.
package pipeline

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/setting"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// RecordTypes are the record types that move through pipelines (record.Kind.Pipelines).
var RecordTypes = record.Types(func(k record.Kind) bool { return k.Pipelines })

// Pipeline is a row of pipelines with its stages.
type Pipeline struct {
	bun.BaseModel `bun:"table:pipelines,alias:pl"`
	db.Row

	RecordType api.RecordType `bun:"record_type"`
	Name       string         `bun:"name"`
	Position   int            `bun:"position"`
	Stages     []*Stage       `bun:"rel:has-many,join:id=pipeline_id"`
}

// Stage is a row of stages.
type Stage struct {
	bun.BaseModel `bun:"table:stages,alias:st"`

	ID          uuid.UUID `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID    uuid.UUID `bun:"tenant_id,type:uuid"`
	PipelineID  uuid.UUID `bun:"pipeline_id,type:uuid"`
	Name        string    `bun:"name"`
	Probability int       `bun:"probability"`
	Position    int       `bun:"position"`
}

// API converts to the wire type.
func (p *Pipeline) API() api.Pipeline {
	out := api.Pipeline{ID: p.ID.String(), RecordType: p.RecordType, Name: p.Name, Position: p.Position, Stages: []api.Stage{},
		Version: p.Version, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, s := range p.Stages {
		out.Stages = append(out.Stages, api.Stage{ID: s.ID.String(), Name: s.Name, Probability: s.Probability, Position: s.Position})
	}
	return out
}

// Service manages pipelines. A stage that holds records (of the kinds in RecordTypes) can only be removed by
// moving them.
type Service struct {
	db        *bun.DB
	pipelines setting.Table[*Pipeline]
}

// NewService builds the service.
func NewService(db *bun.DB) *Service {
	return &Service{db: db, pipelines: setting.ForAdmins[Pipeline](db).WithLoad(locked)}
}

func withStages(q *bun.SelectQuery) *bun.SelectQuery {
	return q.Relation("Stages", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("st.position") })
}

// List returns the pipelines of a record type in order.
func (s *Service) List(ctx context.Context, a *access.Actor, rt api.RecordType) ([]*Pipeline, error) {
	if !slices.Contains(RecordTypes, rt) {
		return nil, httpx.FieldError("recordType", api.FieldInvalid)
	}
	return setting.List[Pipeline](ctx, s.db, a, func(q *bun.SelectQuery) *bun.SelectQuery {
		return withStages(q).Where("pl.record_type = ?", rt).OrderExpr(`pl.position, pl.name COLLATE "de-x-icu"`)
	})
}

// OfType reads the pipelines of a record type with their stages, in order, in the caller's tenant transaction.
func OfType(ctx context.Context, tx bun.IDB, rt api.RecordType) ([]*Pipeline, error) {
	var ps []*Pipeline
	if err := withStages(tx.NewSelect().Model(&ps)).Where("pl.record_type = ?", rt).
		OrderExpr(`pl.position, pl.name COLLATE "de-x-icu"`).Scan(ctx); err != nil {
		return nil, fmt.Errorf("pipeline: of %s: %w", rt, err)
	}
	return ps, nil
}

// Load reads a pipeline with its stages in the caller's tenant transaction.
func Load(ctx context.Context, tx bun.IDB, id uuid.UUID, lock bool) (*Pipeline, error) {
	p := new(Pipeline)
	q := withStages(tx.NewSelect().Model(p)).Where("pl.id = ?", id)
	if lock {
		q = q.For("UPDATE OF pl")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, httpx.Missing(err, fmt.Sprintf("pipeline: get %s", id))
	}
	return p, nil
}

// Get returns one pipeline.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Pipeline, error) {
	var p *Pipeline
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		p, err = Load(ctx, tx, id, false)
		return err
	})
	return p, err
}

// validStages checks a stage list: at least one, names, probabilities 0–100, known IDs used once.
func validStages(v *httpx.Validation, in []api.StageInput, existing map[uuid.UUID]bool) []api.StageInput {
	if len(in) == 0 {
		v.Field("stages", api.FieldRequired)
	}
	if len(in) > 30 {
		v.Field("stages", api.FieldTooLong)
	}
	seen := map[string]bool{}
	out := make([]api.StageInput, len(in))
	for i, st := range in {
		key := fmt.Sprintf("stages[%d]", i)
		out[i] = api.StageInput{ID: st.ID, Name: validate.Name(v, key+".name", st.Name, 100), Probability: st.Probability}
		if st.Probability < 0 || st.Probability > 100 {
			v.Field(key+".probability", api.FieldRange)
		}
		if st.ID != "" {
			id, err := uuid.Parse(st.ID)
			if err != nil || !existing[id] || seen[st.ID] {
				v.Field(key+".id", api.FieldInvalid)
			}
			seen[st.ID] = true
		}
	}
	return out
}

// nameTaken answers a second row with the same name as a conflict.
var nameTaken = setting.Taken("pipelines_name_idx", "a pipeline with this name exists", "name")

// Create adds a pipeline with its stages (admins), within the plan's limit on pipelines.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.PipelineCreate) (*Pipeline, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	var v httpx.Validation
	if !slices.Contains(RecordTypes, in.RecordType) {
		v.Field("recordType", api.FieldInvalid)
	}
	p := &Pipeline{Row: db.NewRow(a.TenantID), RecordType: in.RecordType}
	p.Name = validate.Name(&v, "name", in.Name, 100)
	stages := validStages(&v, in.Stages, nil)
	if err := v.Err(); err != nil {
		return nil, err
	}
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		// Serialise creates per tenant so that two admins cannot both take the last pipeline of the plan.
		if _, err := tx.NewRaw("SELECT pg_advisory_xact_lock(hashtextextended('pipelines:' || ?, 0))", a.TenantID.String()).Exec(ctx); err != nil {
			return err
		}
		var count, limit int
		if err := tx.NewRaw(`SELECT (SELECT count(*) FROM pipelines), p.max_pipelines FROM tenants AS t JOIN plans AS p ON p.code = t.plan
			WHERE t.id = ?`, a.TenantID).Scan(ctx, &count, &limit); err != nil {
			return fmt.Errorf("pipeline: limit: %w", err)
		}
		if limit > 0 && count >= limit {
			e := httpx.NewError(409, api.CodePipelineLimit, fmt.Sprintf("the plan allows %d pipelines", limit))
			e.Fields = map[string]api.FieldCode{"pipelines": api.FieldLimit}
			return e
		}
		if err := tx.NewRaw("SELECT coalesce(max(position), 0) + 1 FROM pipelines WHERE record_type = ?", in.RecordType).Scan(ctx, &p.Position); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(p).Returning("*").Exec(ctx); err != nil {
			return nameTaken(err)
		}
		for i, st := range stages {
			stage := &Stage{TenantID: a.TenantID, PipelineID: p.ID, Name: st.Name, Probability: st.Probability, Position: i + 1}
			if _, err := tx.NewInsert().Model(stage).Returning("id").Exec(ctx); err != nil {
				return fmt.Errorf("pipeline: stage: %w", err)
			}
			p.Stages = append(p.Stages, stage)
		}
		return nil
	})
	return p, err
}

// held counts the records in each of the stages.
func (s *Service) held(ctx context.Context, tx bun.IDB, stages []uuid.UUID) (map[uuid.UUID]int, error) {
	out := map[uuid.UUID]int{}
	for _, rt := range RecordTypes {
		table := record.MustKind(rt).Table
		var rows []struct {
			Stage uuid.UUID `bun:"stage_id"`
			N     int       `bun:"n"`
		}
		if err := tx.NewRaw("SELECT stage_id, count(*) AS n FROM ? WHERE stage_id IN (?) GROUP BY stage_id",
			bun.Ident(table), bun.In(stages)).Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("pipeline: records in stages: %w", err)
		}
		for _, r := range rows {
			out[r.Stage] += r.N
		}
	}
	return out, nil
}

// Update renames a pipeline and sets its stages (admins); see api.PipelinePatch.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.PipelinePatch) (*Pipeline, error) {
	return s.pipelines.Change(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, p *Pipeline) error {
		var v httpx.Validation
		if in.Name != nil {
			p.Name = validate.Name(&v, "name", *in.Name, 100)
		}
		existing := map[uuid.UUID]bool{}
		for _, st := range p.Stages {
			existing[st.ID] = true
		}
		var stages []api.StageInput
		if in.Stages != nil {
			stages = validStages(&v, *in.Stages, existing)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if in.Stages != nil {
			if err := s.setStages(ctx, tx, a, p, stages, in.MoveTo); err != nil {
				return err
			}
		}
		if _, err := tx.NewUpdate().Model(p).Column("name").Set("version = version + 1").Set("updated_at = now()").
			WherePK().Returning("version, updated_at").Exec(ctx); err != nil {
			return nameTaken(err)
		}
		fresh, err := Load(ctx, tx, id, false) // the stages as they are now
		if err != nil {
			return err
		}
		*p = *fresh
		return nil
	})
}

// locked loads and locks a pipeline with its stages, for a change.
func locked(ctx context.Context, tx bun.Tx, _ *access.Actor, id uuid.UUID) (*Pipeline, error) {
	return Load(ctx, tx, id, true)
}

func (s *Service) setStages(ctx context.Context, tx bun.IDB, a *access.Actor, p *Pipeline, stages []api.StageInput, moveTo map[string]string) error {
	kept := map[uuid.UUID]bool{}
	for _, st := range stages {
		if st.ID != "" {
			kept[uuid.MustParse(st.ID)] = true
		}
	}
	var removed []uuid.UUID
	for _, st := range p.Stages {
		if !kept[st.ID] {
			removed = append(removed, st.ID)
		}
	}
	if len(removed) > 0 {
		held, err := s.held(ctx, tx, removed)
		if err != nil {
			return err
		}
		fields := map[string]api.FieldCode{}
		for _, r := range removed {
			if held[r] == 0 {
				continue
			}
			target, err := uuid.Parse(moveTo[r.String()])
			if err != nil || !kept[target] {
				fields["moveTo."+r.String()] = api.FieldRequired
				continue
			}
			for _, rt := range RecordTypes {
				if _, err := tx.NewRaw("UPDATE ? SET stage_id = ? WHERE stage_id = ?", bun.Ident(record.MustKind(rt).Table), target, r).Exec(ctx); err != nil {
					return fmt.Errorf("pipeline: move records: %w", err)
				}
			}
		}
		if len(fields) > 0 {
			e := httpx.NewError(409, api.CodeStageInUse, "records sit in stages that are removed; say where they go")
			e.Fields = fields
			return e
		}
		if _, err := tx.NewDelete().Model((*Stage)(nil)).Where("id IN (?)", bun.In(removed)).Exec(ctx); err != nil {
			return fmt.Errorf("pipeline: remove stages: %w", err)
		}
	}
	for i, st := range stages {
		if st.ID == "" {
			if _, err := tx.NewInsert().Model(&Stage{TenantID: a.TenantID, PipelineID: p.ID, Name: st.Name, Probability: st.Probability,
				Position: i + 1}).Exec(ctx); err != nil {
				return fmt.Errorf("pipeline: add stage: %w", err)
			}
			continue
		}
		if _, err := tx.NewRaw("UPDATE stages SET name = ?, probability = ?, position = ?, updated_at = now() WHERE id = ?",
			st.Name, st.Probability, i+1, st.ID).Exec(ctx); err != nil {
			return fmt.Errorf("pipeline: update stage: %w", err)
		}
	}
	return nil
}

// Delete removes a pipeline that holds no records (admins).
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return s.pipelines.Delete(ctx, a, id, version, func(ctx context.Context, tx bun.Tx, p *Pipeline) error {
		ids := make([]uuid.UUID, len(p.Stages))
		for i, st := range p.Stages {
			ids[i] = st.ID
		}
		if len(ids) > 0 {
			held, err := s.held(ctx, tx, ids)
			if err != nil {
				return err
			}
			for _, n := range held {
				if n > 0 {
					return httpx.Conflict("the pipeline still holds records", "id", api.FieldInUse)
				}
			}
		}
		// A lead source that delivers into the pipeline keeps it too.
		sources, err := tx.NewSelect().TableExpr("lead_sources").Where("pipeline_id = ?", p.ID).Count(ctx)
		if err != nil {
			return fmt.Errorf("pipeline: sources of %s: %w", p.ID, err)
		}
		if sources > 0 {
			return httpx.Conflict("a lead source delivers into the pipeline", "id", api.FieldInUse)
		}
		return nil
	})
}

// ListHandler handles GET /api/v1/pipelines?recordType=….
func (s *Service) ListHandler(w http.ResponseWriter, r *http.Request) error {
	rt := api.RecordType(r.URL.Query().Get("recordType"))
	return rest.List(func(ctx context.Context, a *access.Actor) ([]*Pipeline, error) { return s.List(ctx, a, rt) },
		func(items []api.Pipeline) api.PipelineList { return api.PipelineList{Items: items} }).Handler(w, r)
}

// Move validates where a patch moves a record now in pipeline cur: the pipeline and stage it names (Place; the
// current pipeline when it names only a stage, that pipeline's first stage when it names only a pipeline). It
// returns nil when the patch names neither or names a place that is not valid (then with field codes).
func Move(ctx context.Context, tx bun.IDB, rt api.RecordType, v *httpx.Validation, cur uuid.UUID, pipelineID, stageID *string) (*Pipeline, *Stage) {
	if pipelineID == nil && stageID == nil {
		return nil, nil
	}
	pl, stage := cur.String(), ""
	if pipelineID != nil {
		pl = *pipelineID
	}
	if stageID != nil {
		stage = *stageID
	}
	if p, st := Place(ctx, tx, rt, v, pl, stage); st != nil {
		return p, st
	}
	return nil, nil
}

// Place validates where a record goes: a pipeline of the record type and a stage of that pipeline (the first
// stage when stageRaw is empty). It returns the pipeline and the stage, or records field codes.
func Place(ctx context.Context, tx bun.IDB, rt api.RecordType, v *httpx.Validation, pipelineRaw, stageRaw string) (*Pipeline, *Stage) {
	id, err := uuid.Parse(pipelineRaw)
	if err != nil {
		if strings.TrimSpace(pipelineRaw) == "" {
			v.Field("pipelineId", api.FieldRequired)
		} else {
			v.Field("pipelineId", api.FieldInvalid)
		}
		return nil, nil
	}
	p, err := Load(ctx, tx, id, false)
	if err != nil || p.RecordType != rt {
		v.Field("pipelineId", api.FieldNotFound)
		return nil, nil
	}
	if strings.TrimSpace(stageRaw) == "" {
		if len(p.Stages) == 0 {
			v.Field("stageId", api.FieldRequired)
			return p, nil
		}
		return p, p.Stages[0]
	}
	for _, s := range p.Stages {
		if s.ID.String() == stageRaw {
			return p, s
		}
	}
	v.Field("stageId", api.FieldInvalid) // not a stage of this pipeline
	return p, nil
}

// StageByID finds a stage of the pipeline.
func (p *Pipeline) StageByID(id uuid.UUID) *Stage {
	for _, s := range p.Stages {
		if s.ID == id {
			return s
		}
	}
	return nil
}
