package api

import "time"

// DealStatus is open, won or lost, whatever the stages are named.
type DealStatus string

const (
	DealOpen DealStatus = "open"
	DealWon  DealStatus = "won"
	DealLost DealStatus = "lost"
)

// AllDealStatuses lists the statuses.
var AllDealStatuses = []DealStatus{DealOpen, DealWon, DealLost}

// Deal is a sales opportunity with a value, moving through a deal pipeline.
type Deal struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Value is a decimal with two places in canonical form ("1234.56"); Currency an ISO 4217 code (EUR by default).
	Value     string `json:"value"`
	Currency  string `json:"currency"`
	OwnerID   string `json:"ownerId"`
	OwnerName string `json:"ownerName"`
	// ExpectedCloseDate is YYYY-MM-DD or "".
	ExpectedCloseDate string `json:"expectedCloseDate"`
	PersonID          string `json:"personId"`
	PersonName        string `json:"personName"`
	OrganizationID    string `json:"organizationId"`
	OrganizationName  string `json:"organizationName"`
	// PersonHidden and OrganizationHidden mark a linked record the caller may not see: linked, but with no ID or
	// name (the UI shows a placeholder).
	PersonHidden       bool         `json:"personHidden"`
	OrganizationHidden bool         `json:"organizationHidden"`
	PipelineID         string       `json:"pipelineId"`
	StageID            string       `json:"stageId"`
	StageName          string       `json:"stageName"`
	Probability        int          `json:"probability"`
	Status             DealStatus   `json:"status"`
	LostReasonID       string       `json:"lostReasonId"`
	LostReasonName     string       `json:"lostReasonName"`
	LostComment        string       `json:"lostComment"`
	ClosedAt           *time.Time   `json:"closedAt" ts_type:"string"`
	Custom             CustomValues `json:"custom"`
	Version            int64        `json:"version"`
	CreatedAt          time.Time    `json:"createdAt" ts_type:"string"`
	UpdatedAt          time.Time    `json:"updatedAt" ts_type:"string"`
	// DistanceKm is the distance to the reference of a list's Near condition (a deal lies where its organisation,
	// else its person lies).
	DistanceKm *float64 `json:"distanceKm,omitempty"`
}

// DealCreate creates an open deal. It needs a person or an organisation (or both) and a stage of its pipeline;
// StageID empty takes the pipeline's first stage.
type DealCreate struct {
	Title             string       `json:"title"`
	Value             string       `json:"value"`
	Currency          string       `json:"currency"`
	OwnerID           string       `json:"ownerId"`
	ExpectedCloseDate string       `json:"expectedCloseDate" input:"date"`
	PersonID          string       `json:"personId"`
	OrganizationID    string       `json:"organizationId"`
	PipelineID        string       `json:"pipelineId"`
	StageID           string       `json:"stageId"`
	Custom            CustomValues `json:"custom"`
}

// DealPatch changes a deal; absent fields stay. Moving it to another stage sends StageID (and PipelineID when it
// changes pipeline). Status lost needs LostReasonID (a deal reason) and takes an optional LostComment; open
// reopens a won or lost deal.
type DealPatch struct {
	Title             *string      `json:"title,omitempty"`
	Value             *string      `json:"value,omitempty"`
	Currency          *string      `json:"currency,omitempty"`
	OwnerID           *string      `json:"ownerId,omitempty"`
	ExpectedCloseDate *string      `json:"expectedCloseDate,omitempty" input:"date"`
	PersonID          *string      `json:"personId,omitempty"`
	OrganizationID    *string      `json:"organizationId,omitempty"`
	PipelineID        *string      `json:"pipelineId,omitempty"`
	StageID           *string      `json:"stageId,omitempty"`
	Status            *DealStatus  `json:"status,omitempty"`
	LostReasonID      *string      `json:"lostReasonId,omitempty"`
	LostComment       *string      `json:"lostComment,omitempty"`
	Custom            CustomValues `json:"custom,omitempty"`
}

// DealPage is one page of a deal list.
type DealPage struct {
	Items       []Deal `json:"items"`
	NextCursor  string `json:"nextCursor"`
	Total       int    `json:"total"`
	TotalCapped bool   `json:"totalCapped"`
}

// BoardQuery asks for the board of one pipeline: open records per stage, filtered like a list.
type BoardQuery struct {
	PipelineID string    `json:"pipelineId"`
	Filter     ListQuery `json:"filter"`
	// CardsPerStage is how many cards each column shows, 1 to 200, default 50.
	CardsPerStage int `json:"cardsPerStage"`
	// StageLimits shows more cards in some columns (those whose "Weitere laden" the user clicked): stage ID to
	// cards, 1 to 200, instead of CardsPerStage; a stage of the board's pipeline each.
	StageLimits map[string]int `json:"stageLimits,omitempty"`
}

// BoardColumn is a stage with its open records: how many, their total and weighted value (value × probability)
// and the first cards.
type BoardColumn struct {
	Stage    Stage  `json:"stage"`
	Count    int    `json:"count"`
	Total    string `json:"total"`
	Weighted string `json:"weighted"`
	Deals    []Deal `json:"deals"`
	Leads    []Lead `json:"leads"`
}

// Board is a pipeline's board.
type Board struct {
	Pipeline Pipeline      `json:"pipeline"`
	Columns  []BoardColumn `json:"columns"`
	Currency string        `json:"currency"`
}
