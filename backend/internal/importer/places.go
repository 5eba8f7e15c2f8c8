package importer

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/shared/api"
)

// places says where the deals or leads of an import go: a row's pipeline and stage by name (case ignored),
// else the settings' pipeline and stage, else the type's first pipeline and its first stage.
type places struct {
	list     []*pipeline.Pipeline
	def      *pipeline.Pipeline
	defStage *pipeline.Stage
}

// loadPlaces reads the pipelines of rt and checks the settings' pipeline and stage (v: pipelineId, stageId).
func loadPlaces(ctx context.Context, tx bun.IDB, rt api.RecordType, s api.ImportSettings, v *httpx.Validation) (*places, error) {
	list, err := pipeline.OfType(ctx, tx, rt)
	if err != nil {
		return nil, err
	}
	p := &places{list: list}
	if s.PipelineID == "" {
		if len(list) == 0 {
			v.Field("pipelineId", api.FieldRequired)
			return p, nil
		}
		p.def = list[0]
	} else {
		id, err := uuid.Parse(s.PipelineID)
		for _, pl := range list {
			if err == nil && pl.ID == id {
				p.def = pl
			}
		}
		if p.def == nil {
			v.Field("pipelineId", api.FieldNotFound)
			return p, nil
		}
	}
	if s.StageID != "" {
		id, err := uuid.Parse(s.StageID)
		if err == nil {
			p.defStage = p.def.StageByID(id)
		}
		if p.defStage == nil {
			v.Field("stageId", api.FieldInvalid)
		}
	} else if len(p.def.Stages) > 0 {
		p.defStage = p.def.Stages[0]
	}
	return p, nil
}

// of is a line's pipeline and stage; a name that names none (or two pipelines) is the line's error.
func (p *places) of(l *line) (*pipeline.Pipeline, *pipeline.Stage) {
	pl, st := p.def, p.defStage
	if name := strings.TrimSpace(l.values[string(api.TargetPipeline)]); name != "" {
		pl, st = nil, nil
		for _, c := range p.list {
			if strings.EqualFold(c.Name, name) {
				if pl != nil {
					l.fail(string(api.TargetPipeline), api.FieldAmbiguous)
					return nil, nil
				}
				pl = c
			}
		}
		if pl == nil {
			l.fail(string(api.TargetPipeline), api.FieldNotFound)
			return nil, nil
		}
		if len(pl.Stages) > 0 {
			st = pl.Stages[0]
		}
	}
	if name := strings.TrimSpace(l.values[string(api.TargetStage)]); name != "" && pl != nil {
		st = nil
		for _, s := range pl.Stages {
			if strings.EqualFold(s.Name, name) {
				st = s
				break
			}
		}
	}
	if st == nil && pl != nil {
		l.fail(string(api.TargetStage), api.FieldNotFound)
	}
	return pl, st
}
