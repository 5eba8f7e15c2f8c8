package api

import "time"

// Stage is a step of a pipeline with the probability (0–100 %) that a record in it closes.
type Stage struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Probability int    `json:"probability"`
	Position    int    `json:"position"`
}

// StageInput describes a stage in a pipeline create or update: ID empty for a new stage.
type StageInput struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Probability int    `json:"probability"`
}

// Pipeline is an ordered list of stages that deals or leads move through.
type Pipeline struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"recordType"`
	Name       string     `json:"name"`
	Position   int        `json:"position"`
	Stages     []Stage    `json:"stages"`
	Version    int64      `json:"version"`
	CreatedAt  time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt  time.Time  `json:"updatedAt" ts_type:"string"`
}

// PipelineCreate creates a pipeline for deals or leads with at least one stage. The tenant's plan may limit the
// number of pipelines (409 pipeline.limit_reached).
type PipelineCreate struct {
	RecordType RecordType   `json:"recordType"`
	Name       string       `json:"name"`
	Stages     []StageInput `json:"stages"`
}

// PipelinePatch renames a pipeline and, when Stages is present, sets its stages in that order: stages with an
// ID are kept (renamed, re-weighted, moved), stages without one are added, stages left out are removed. Records
// in a removed stage must be moved: MoveTo maps each such stage's ID to a stage that stays (409 stage.in_use
// otherwise, naming the stages in fields).
type PipelinePatch struct {
	Name   *string           `json:"name,omitempty"`
	Stages *[]StageInput     `json:"stages,omitempty"`
	MoveTo map[string]string `json:"moveTo,omitempty"`
}

// PipelineList lists pipelines in order.
type PipelineList struct {
	Items []Pipeline `json:"items"`
}

// LostReason is why a deal or a lead was lost. One in use is archived, not deleted.
type LostReason struct {
	ID          string     `json:"id"`
	RecordType  RecordType `json:"recordType"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Archived    bool       `json:"archived"`
	Version     int64      `json:"version"`
	CreatedAt   time.Time  `json:"createdAt" ts_type:"string"`
	UpdatedAt   time.Time  `json:"updatedAt" ts_type:"string"`
}

// LostReasonCreate adds a lost reason for deals or leads.
type LostReasonCreate struct {
	RecordType  RecordType `json:"recordType"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
}

// LostReasonPatch changes a lost reason; Archived false brings an archived one back.
type LostReasonPatch struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Archived    *bool   `json:"archived,omitempty"`
}

// LostReasonList lists lost reasons by name.
type LostReasonList struct {
	Items []LostReason `json:"items"`
}
