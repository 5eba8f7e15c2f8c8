package api

import "time"

// ActivityIcon is an icon an activity type can carry: the name of one of the app's icons (Tabler icons, without
// the "Icon" prefix, in kebab case), so that every desktop draws the same picture.
type ActivityIcon string

const (
	IconPhone        ActivityIcon = "phone"
	IconMail         ActivityIcon = "mail"
	IconUsers        ActivityIcon = "users"
	IconCheckbox     ActivityIcon = "checkbox"
	IconMapPin       ActivityIcon = "map-pin"
	IconCalendar     ActivityIcon = "calendar"
	IconBriefcase    ActivityIcon = "briefcase"
	IconPresentation ActivityIcon = "presentation"
	IconFileText     ActivityIcon = "file-text"
	IconCoffee       ActivityIcon = "coffee"
	IconCar          ActivityIcon = "car"
	IconVideo        ActivityIcon = "video"
	IconMessage      ActivityIcon = "message"
	IconClock        ActivityIcon = "clock"
	IconFlag         ActivityIcon = "flag"
	IconStar         ActivityIcon = "star"
	IconTool         ActivityIcon = "tool"
	IconTruck        ActivityIcon = "truck"
	IconHandshake    ActivityIcon = "handshake"
	IconReceipt      ActivityIcon = "receipt"
)

// AllActivityIcons lists the icons, in the order the UI offers them.
var AllActivityIcons = []ActivityIcon{
	IconPhone, IconMail, IconUsers, IconCheckbox, IconMapPin, IconCalendar, IconBriefcase, IconPresentation,
	IconFileText, IconCoffee, IconCar, IconVideo, IconMessage, IconClock, IconFlag, IconStar, IconTool, IconTruck,
	IconHandshake, IconReceipt,
}

// ActivityType is a kind of activity (Anruf, E-Mail, Meeting…) with a colour and an icon. A type in use is
// archived, never deleted, so that activities keep it.
type ActivityType struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Color is a hex colour, "#RRGGBB".
	Color string `json:"color"`
	// Icon is one of AllActivityIcons.
	Icon      string    `json:"icon"`
	Position  int       `json:"position"`
	Archived  bool      `json:"archived"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt time.Time `json:"updatedAt" ts_type:"string"`
}

// ActivityTypeCreate adds a type (admins).
type ActivityTypeCreate struct {
	Name  string `json:"name"`
	Color string `json:"color"`
	Icon  string `json:"icon"`
}

// ActivityTypePatch changes a type (admins); Archived true archives it, false restores it.
type ActivityTypePatch struct {
	Name     *string `json:"name,omitempty"`
	Color    *string `json:"color,omitempty"`
	Icon     *string `json:"icon,omitempty"`
	Position *int    `json:"position,omitempty"`
	Archived *bool   `json:"archived,omitempty"`
}

// ActivityTypeList lists types in their order.
type ActivityTypeList struct {
	Items []ActivityType `json:"items"`
	// Icons are the icons a type can have (AllActivityIcons).
	Icons []ActivityIcon `json:"icons"`
}

// Activity is a call, meeting, task… planned for a user at a date and time, linked to records.
type Activity struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Comment   string `json:"comment"`
	TypeID    string `json:"typeId"`
	TypeName  string `json:"typeName"`
	TypeColor string `json:"typeColor"`
	TypeIcon  string `json:"typeIcon"`
	// DueAt is the planned start; DurationMinutes its length (0: a point in time, e.g. a task).
	DueAt           time.Time  `json:"dueAt" ts_type:"string"`
	DurationMinutes int        `json:"durationMinutes"`
	Done            bool       `json:"done"`
	DoneAt          *time.Time `json:"doneAt" ts_type:"string"`
	// Overdue is open and due before now.
	Overdue          bool   `json:"overdue"`
	AssigneeID       string `json:"assigneeId"`
	AssigneeName     string `json:"assigneeName"`
	PersonID         string `json:"personId"`
	PersonName       string `json:"personName"`
	OrganizationID   string `json:"organizationId"`
	OrganizationName string `json:"organizationName"`
	DealID           string `json:"dealId"`
	DealTitle        string `json:"dealTitle"`
	LeadID           string `json:"leadId"`
	LeadTitle        string `json:"leadTitle"`
	// PersonHidden and the others mark a linked record the caller may not see: linked, but with no ID or name
	// (the UI shows a placeholder).
	PersonHidden       bool      `json:"personHidden"`
	OrganizationHidden bool      `json:"organizationHidden"`
	DealHidden         bool      `json:"dealHidden"`
	LeadHidden         bool      `json:"leadHidden"`
	Version            int64     `json:"version"`
	CreatedAt          time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt          time.Time `json:"updatedAt" ts_type:"string"`
}

// ActivityCreate plans an activity. AssigneeID "" assigns the caller. Links are optional; each must be a record
// the caller may see.
type ActivityCreate struct {
	Title           string    `json:"title"`
	Comment         string    `json:"comment"`
	TypeID          string    `json:"typeId"`
	DueAt           time.Time `json:"dueAt" ts_type:"string"`
	DurationMinutes int       `json:"durationMinutes"`
	Done            bool      `json:"done"`
	AssigneeID      string    `json:"assigneeId"`
	PersonID        string    `json:"personId"`
	OrganizationID  string    `json:"organizationId"`
	DealID          string    `json:"dealId"`
	LeadID          string    `json:"leadId"`
}

// ActivityPatch changes an activity; absent fields stay, "" removes a link.
type ActivityPatch struct {
	Title           *string    `json:"title,omitempty"`
	Comment         *string    `json:"comment,omitempty"`
	TypeID          *string    `json:"typeId,omitempty"`
	DueAt           *time.Time `json:"dueAt,omitempty" ts_type:"string"`
	DurationMinutes *int       `json:"durationMinutes,omitempty"`
	Done            *bool      `json:"done,omitempty"`
	AssigneeID      *string    `json:"assigneeId,omitempty"`
	PersonID        *string    `json:"personId,omitempty"`
	OrganizationID  *string    `json:"organizationId,omitempty"`
	DealID          *string    `json:"dealId,omitempty"`
	LeadID          *string    `json:"leadId,omitempty"`
}

// ActivityQuery filters the activity list and the agenda. All conditions combine; empty means "any". The list is
// ordered open first, then by due time.
type ActivityQuery struct {
	// Assignee: "" any visible, an OwnerKeyword ("me", "team") or a user ID.
	Assignee string `json:"assignee"`
	// Due: "" any, "today", "week" (Monday to Sunday), "overdue" (open and due before now); calendar days in
	// Europe/Berlin.
	Due string `json:"due"`
	// DueFrom and DueTo are inclusive calendar days, YYYY-MM-DD, Europe/Berlin.
	DueFrom string `json:"dueFrom" input:"date"`
	DueTo   string `json:"dueTo" input:"date"`
	// DoneFrom and DoneTo (inclusive days) select activities marked done in that time.
	DoneFrom string `json:"doneFrom" input:"date"`
	DoneTo   string `json:"doneTo" input:"date"`
	TypeID   string `json:"typeId"`
	// Status: "" any, "open", "done".
	Status string `json:"status"`
	// RecordType and RecordID select the activities linked to one record.
	RecordType RecordType `json:"recordType"`
	RecordID   string     `json:"recordId"`
	Cursor     string     `json:"cursor"`
	// Limit is the page size, 1 to 500, default 100.
	Limit int `json:"limit"`
}

// ActivityPage is a page of activities; NextCursor is "" on the last page.
type ActivityPage struct {
	Items      []Activity `json:"items"`
	NextCursor string     `json:"nextCursor"`
}

// DashboardScope is whose work a dashboard shows.
type DashboardScope string

const (
	DashboardMe   DashboardScope = "me"
	DashboardTeam DashboardScope = "team"
	DashboardAll  DashboardScope = "all"
)

// AllDashboardScopes lists the scopes, from narrowest to widest.
var AllDashboardScopes = []DashboardScope{DashboardMe, DashboardTeam, DashboardAll}

// DashboardQuery asks for a dashboard. Scope "" takes the caller's default scope (Me.DefaultScope); PipelineID ""
// the first deal pipeline.
type DashboardQuery struct {
	Scope      DashboardScope `json:"scope"`
	PipelineID string         `json:"pipelineId"`
}

// Figure is a count and a total value, with the list query that lists exactly the records behind it.
type Figure struct {
	Count int       `json:"count"`
	Value string    `json:"value"`
	Query ListQuery `json:"query"`
}

// FunnelStage is one stage of the open-deals funnel.
type FunnelStage struct {
	StageID     string    `json:"stageId"`
	Name        string    `json:"name"`
	Probability int       `json:"probability"`
	Count       int       `json:"count"`
	Value       string    `json:"value"`
	Weighted    string    `json:"weighted"`
	Query       ListQuery `json:"query"`
}

// PeriodResult is won and lost deals in a period and the win rate (won / (won + lost), 0–100; nil without any).
type PeriodResult struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Won     Figure   `json:"won"`
	Lost    Figure   `json:"lost"`
	WinRate *float64 `json:"winRate"`
}

// LeadResult is leads converted and lost in a period and the conversion rate.
type LeadResult struct {
	From           string   `json:"from"`
	To             string   `json:"to"`
	Converted      Figure   `json:"converted"`
	Lost           Figure   `json:"lost"`
	ConversionRate *float64 `json:"conversionRate"`
}

// ActivityFigure is a number of activities and the activity query behind it.
type ActivityFigure struct {
	Count int           `json:"count"`
	Query ActivityQuery `json:"query"`
}

// UserActivities is what one user did this week.
type UserActivities struct {
	UserID   string         `json:"userId"`
	UserName string         `json:"userName"`
	Done     ActivityFigure `json:"done"`
}

// NextSteps is the signed-in user's own next work, whatever the dashboard's scope: their next open activities and
// their open deals without any open activity.
type NextSteps struct {
	// Activities are the first open activities assigned to the caller, overdue first, then by due time (the order of
	// the activity list); Open counts all of them and opens that list.
	Activities []Activity     `json:"activities"`
	Open       ActivityFigure `json:"open"`
	// DealsWithoutActivity are the caller's open deals that have no open activity (ListQuery.NoOpenActivity):
	// their count and value; Deals are the first of them, the highest value first.
	DealsWithoutActivity Figure `json:"dealsWithoutActivity"`
	Deals                []Deal `json:"deals"`
}

// RepPipeline is one user's open deals in the dashboard's pipeline: a figure per stage (in the pipeline's order,
// as Dashboard.Funnel) and the row's total, each with the deal list's query that lists them.
type RepPipeline struct {
	UserID   string   `json:"userId"`
	UserName string   `json:"userName"`
	Stages   []Figure `json:"stages"`
	Total    Figure   `json:"total"`
}

// Dashboard is the state of the business and the work for the chosen scope. Every figure counts only records the
// caller may list, and carries the query that lists them.
type Dashboard struct {
	Scope DashboardScope `json:"scope"`
	// Scopes are the scopes the caller's role allows.
	Scopes       []DashboardScope `json:"scopes"`
	PipelineID   string           `json:"pipelineId"`
	PipelineName string           `json:"pipelineName"`
	Funnel       []FunnelStage    `json:"funnel"`
	Month        PeriodResult     `json:"month"`
	Quarter      PeriodResult     `json:"quarter"`
	Leads        LeadResult       `json:"leads"`
	DueToday     ActivityFigure   `json:"dueToday"`
	Overdue      ActivityFigure   `json:"overdue"`
	DoneThisWeek []UserActivities `json:"doneThisWeek"`
	ClosingSoon  Figure           `json:"closingSoon"`
	// NextSteps are the caller's own, on every scope.
	NextSteps NextSteps `json:"nextSteps"`
	// PipelineByRep is the funnel per user of the scope whose deals the caller may see (users without open deals
	// included; on the scope me the caller's one row).
	PipelineByRep []RepPipeline `json:"pipelineByRep"`
	GeneratedAt   time.Time     `json:"generatedAt" ts_type:"string"`
}
