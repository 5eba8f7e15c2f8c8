// Package activity manages activities (calls, meetings, tasks…) planned for a user at a date and time and linked
// to persons, organisations, deals and leads, and their types. An activity's visibility follows its assignee
// through the one scoping mechanism; the names of linked records show only where the caller may see them.
package activity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/history"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/listquery"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/backend/internal/rest"
	"github.com/1sales/app/backend/internal/validate"
	"github.com/1sales/app/shared/api"
)

// Activity is a row of activities with the names of what it refers to (nil: none, or not visible to the caller).
type Activity struct {
	bun.BaseModel `bun:"table:activities,alias:ac"`

	db.Row

	TypeID          uuid.UUID  `bun:"type_id,type:uuid"`
	Title           string     `bun:"title"`
	Comment         string     `bun:"comment"`
	DueAt           time.Time  `bun:"due_at"`
	DurationMinutes int        `bun:"duration_minutes"`
	Done            bool       `bun:"done"`
	DoneAt          *time.Time `bun:"done_at"`
	AssigneeID      uuid.UUID  `bun:"assignee_id,type:uuid"`
	PersonID        *uuid.UUID `bun:"person_id,type:uuid"`
	OrganizationID  *uuid.UUID `bun:"organization_id,type:uuid"`
	DealID          *uuid.UUID `bun:"deal_id,type:uuid"`
	LeadID          *uuid.UUID `bun:"lead_id,type:uuid"`
	CreatedBy       *uuid.UUID `bun:"created_by,type:uuid"`

	TypeName         string  `bun:"type_name,scanonly"`
	TypeColor        string  `bun:"type_color,scanonly"`
	TypeIcon         string  `bun:"type_icon,scanonly"`
	AssigneeName     string  `bun:"assignee_name,scanonly"`
	PersonName       *string `bun:"person_name,scanonly"`
	OrganizationName *string `bun:"organization_name,scanonly"`
	DealTitle        *string `bun:"deal_title,scanonly"`
	LeadTitle        *string `bun:"lead_title,scanonly"`
}

// API converts to the wire type.
func (x *Activity) API() api.Activity {
	out := api.Activity{ID: x.ID.String(), Title: x.Title, Comment: x.Comment, TypeID: x.TypeID.String(),
		TypeName: x.TypeName, TypeColor: x.TypeColor, TypeIcon: x.TypeIcon, DueAt: x.DueAt,
		DurationMinutes: x.DurationMinutes, Done: x.Done, DoneAt: x.DoneAt, Overdue: !x.Done && x.DueAt.Before(time.Now()),
		AssigneeID: x.AssigneeID.String(), AssigneeName: x.AssigneeName, Version: x.Version,
		CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt}
	out.PersonID, out.PersonName, out.PersonHidden = record.Shown(x.PersonID, x.PersonName)
	out.OrganizationID, out.OrganizationName, out.OrganizationHidden = record.Shown(x.OrganizationID, x.OrganizationName)
	out.DealID, out.DealTitle, out.DealHidden = record.Shown(x.DealID, x.DealTitle)
	out.LeadID, out.LeadTitle, out.LeadHidden = record.Shown(x.LeadID, x.LeadTitle)
	return out
}

// linked are the records x links, by type, for their histories.
func (x *Activity) linked() map[api.RecordType]uuid.UUID {
	out := map[api.RecordType]uuid.UUID{}
	for rt, id := range map[api.RecordType]*uuid.UUID{api.RecordPerson: x.PersonID, api.RecordOrganization: x.OrganizationID,
		api.RecordDeal: x.DealID, api.RecordLead: x.LeadID} {
		if id != nil {
			out[rt] = *id
		}
	}
	return out
}

// recordHistory adds what happened to x to the history of each record it links.
func recordHistory(ctx context.Context, tx bun.IDB, a *access.Actor, action api.HistoryAction, x *Activity) error {
	return history.RecordActivity(ctx, tx, a, action, history.Activity{ID: x.ID, AssigneeID: x.AssigneeID, Title: x.Title,
		TypeName: x.TypeName, DueAt: x.DueAt}, x.linked())
}

// links are the record columns an activity can link, with their record types and wire field names.
var links = []struct {
	rt     api.RecordType
	column string
	field  string
	name   string
}{
	{api.RecordPerson, "person_id", "personId", "person_name"},
	{api.RecordOrganization, "organization_id", "organizationId", "organization_name"},
	{api.RecordDeal, "deal_id", "dealId", "deal_title"},
	{api.RecordLead, "lead_id", "leadId", "lead_title"},
}

// selectWith adds the names: type, assignee and each linked record, the latter only when the caller may see it.
func selectWith(tx bun.IDB, a *access.Actor, q *bun.SelectQuery) *bun.SelectQuery {
	q = q.ColumnExpr("ac.*").
		ColumnExpr("at.name AS type_name, at.color AS type_color, at.icon AS type_icon").
		ColumnExpr("au.name AS assignee_name").
		Join("JOIN activity_types AS at ON at.id = ac.type_id").
		Join("JOIN users AS au ON au.id = ac.assignee_id")
	for _, l := range links {
		q = q.ColumnExpr("(?) AS ?", record.LinkedName(tx, a, l.rt, "ac."+l.column), bun.Ident(l.name))
	}
	return q
}

// Service manages activities.
type Service struct{ db *bun.DB }

// NewService builds the service.
func NewService(db *bun.DB) *Service { return &Service{db: db} }

func load(ctx context.Context, tx bun.IDB, a *access.Actor, id uuid.UUID, action api.Action, lock bool) (*Activity, error) {
	x := new(Activity)
	q := selectWith(tx, a, tx.NewSelect().Model(x)).Where("ac.id = ?", id)
	a.Restrict(q.QueryBuilder(), api.RecordActivity, action, "ac.assignee_id")
	if lock {
		q = q.For("UPDATE OF ac")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, httpx.Missing(err, fmt.Sprintf("activity: get %s", id))
	}
	return x, nil
}

// Get returns an activity the actor may see.
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Activity, error) {
	var x *Activity
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		x, err = load(ctx, tx, a, id, api.ActionView, false)
		return err
	})
	return x, err
}

// MaxDuration is a week, in minutes.
const MaxDuration = 7 * 24 * 60

// setType checks that a type exists and is not archived.
func setType(ctx context.Context, tx bun.IDB, v *httpx.Validation, x *Activity, raw string) {
	id, err := uuid.Parse(strings.TrimSpace(raw))
	if strings.TrimSpace(raw) == "" {
		v.Field("typeId", api.FieldRequired)
		return
	}
	if err != nil {
		v.Field("typeId", api.FieldInvalid)
		return
	}
	ok, err := tx.NewSelect().Table("activity_types").Where("id = ? AND archived_at IS NULL", id).Exists(ctx)
	if err != nil || !ok {
		v.Field("typeId", api.FieldNotFound)
		return
	}
	x.TypeID = id
}

// setLink links a record the actor may see ("" unlinks); an unknown or invisible record is not_found.
func setLink(ctx context.Context, tx bun.IDB, a *access.Actor, v *httpx.Validation, rt api.RecordType, field, raw string) *uuid.UUID {
	id, _ := record.Link(ctx, tx, a, v, rt, field, strings.TrimSpace(raw))
	return id
}

func setDuration(v *httpx.Validation, x *Activity, minutes int) {
	if minutes < 0 || minutes > MaxDuration {
		v.Field("durationMinutes", api.FieldRange)
		return
	}
	x.DurationMinutes = minutes
}

func setDone(x *Activity, done bool) {
	switch {
	case done && !x.Done:
		now := time.Now()
		x.Done, x.DoneAt = true, &now
	case !done:
		x.Done, x.DoneAt = false, nil
	}
}

// Create plans an activity for the caller or a user their role lets them assign.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.ActivityCreate) (*Activity, error) {
	var x *Activity
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		x = &Activity{Row: db.NewRow(a.TenantID), CreatedBy: &a.UserID}
		var v httpx.Validation
		x.Title = validate.Text(&v, "title", in.Title, 200)
		if x.Title == "" {
			v.Field("title", api.FieldRequired)
		}
		x.Comment = validate.Text(&v, "comment", in.Comment, 5000)
		setType(ctx, tx, &v, x, in.TypeID)
		if in.DueAt.IsZero() {
			v.Field("dueAt", api.FieldRequired)
		}
		x.DueAt = in.DueAt
		setDuration(&v, x, in.DurationMinutes)
		setDone(x, in.Done)
		x.AssigneeID = record.OwnerField(ctx, tx, a, api.RecordActivity, api.ActionCreate, in.AssigneeID, "assigneeId", &v)
		raw := map[string]string{"personId": in.PersonID, "organizationId": in.OrganizationID, "dealId": in.DealID, "leadId": in.LeadID}
		x.PersonID = setLink(ctx, tx, a, &v, api.RecordPerson, "personId", raw["personId"])
		x.OrganizationID = setLink(ctx, tx, a, &v, api.RecordOrganization, "organizationId", raw["organizationId"])
		x.DealID = setLink(ctx, tx, a, &v, api.RecordDeal, "dealId", raw["dealId"])
		x.LeadID = setLink(ctx, tx, a, &v, api.RecordLead, "leadId", raw["leadId"])
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(x).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("activity: create: %w", err)
		}
		var err error
		if x, err = load(ctx, tx, a, x.ID, api.ActionView, false); err != nil {
			return err
		}
		action := api.HistoryActivityPlanned
		if x.Done {
			action = api.HistoryActivityDone
		}
		return recordHistory(ctx, tx, a, action, x)
	})
	return x, err
}

// Update changes an activity: its fields, its links, done or open again, its assignee.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.ActivityPatch) (*Activity, error) {
	var x *Activity
	err := db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if x, err = load(ctx, tx, a, id, api.ActionEdit, true); err != nil {
			return err
		}
		if err := httpx.CheckVersion(x.Version, version); err != nil {
			return err
		}
		wasDone := x.Done
		var v httpx.Validation
		if in.Title != nil {
			x.Title = validate.Text(&v, "title", *in.Title, 200)
			if x.Title == "" {
				v.Field("title", api.FieldRequired)
			}
		}
		if in.Comment != nil {
			x.Comment = validate.Text(&v, "comment", *in.Comment, 5000)
		}
		if in.TypeID != nil && *in.TypeID != x.TypeID.String() {
			setType(ctx, tx, &v, x, *in.TypeID)
		}
		if in.DueAt != nil {
			if in.DueAt.IsZero() {
				v.Field("dueAt", api.FieldRequired)
			}
			x.DueAt = *in.DueAt
		}
		if in.DurationMinutes != nil {
			setDuration(&v, x, *in.DurationMinutes)
		}
		if in.Done != nil {
			setDone(x, *in.Done)
		}
		if in.AssigneeID != nil && *in.AssigneeID != x.AssigneeID.String() {
			x.AssigneeID = record.OwnerField(ctx, tx, a, api.RecordActivity, api.ActionEdit, *in.AssigneeID, "assigneeId", &v)
		}
		// A link the caller cannot see stays as it is unless they replace it. Sending a visible link's ID again
		// changes nothing; any other ID is checked, a hidden record's too, even the one linked now (its answer
		// must not differ from that of any other hidden record).
		for _, l := range []struct {
			raw  *string
			rt   api.RecordType
			fld  string
			dst  **uuid.UUID
			seen *string
		}{{in.PersonID, api.RecordPerson, "personId", &x.PersonID, x.PersonName},
			{in.OrganizationID, api.RecordOrganization, "organizationId", &x.OrganizationID, x.OrganizationName},
			{in.DealID, api.RecordDeal, "dealId", &x.DealID, x.DealTitle}, {in.LeadID, api.RecordLead, "leadId", &x.LeadID, x.LeadTitle}} {
			if l.raw == nil || (*l.dst != nil && l.seen != nil && (*l.dst).String() == strings.TrimSpace(*l.raw)) {
				continue
			}
			*l.dst = setLink(ctx, tx, a, &v, l.rt, l.fld, *l.raw)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(x).Column("type_id", "title", "comment", "due_at", "duration_minutes", "done", "done_at",
			"assignee_id", "person_id", "organization_id", "deal_id", "lead_id").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("activity: update %s: %w", id, err)
		}
		x, err = load(ctx, tx, a, id, api.ActionView, false)
		if err == httpx.ErrNotFound { // assigned to someone the caller cannot see: the change is made
			return httpx.FieldError("assigneeId", api.FieldForbidden)
		}
		if err != nil || x.Done == wasDone {
			return err
		}
		if x.Done {
			return recordHistory(ctx, tx, a, api.HistoryActivityDone, x)
		}
		return recordHistory(ctx, tx, a, api.HistoryActivityReopened, x)
	})
	return x, err
}

// Delete removes an activity the actor may delete.
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		x, err := load(ctx, tx, a, id, api.ActionDelete, true)
		if err != nil {
			return err
		}
		if err := httpx.CheckVersion(x.Version, version); err != nil {
			return err
		}
		if _, err = tx.NewDelete().Model(x).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("activity: delete %s: %w", id, err)
		}
		return recordHistory(ctx, tx, a, api.HistoryActivityDeleted, x)
	})
}

// Filter is a compiled ActivityQuery. Its page size, cursor and day ranges are the record lists' (listquery).
type Filter struct {
	actor  *access.Actor
	q      api.ActivityQuery
	typeID *uuid.UUID
	record *uuid.UUID
	column string
	bounds []listquery.Bound
	limit  int
	cursor *cursor
}

// cursor continues the list (open first, then by due time) after a row.
type cursor struct {
	Done bool      `json:"d"`
	Due  time.Time `json:"t"`
	ID   uuid.UUID `json:"id"`
}

// RowID is the ID of the row the list continues after.
func (c cursor) RowID() uuid.UUID { return c.ID }

// DefaultLimit and MaxLimit bound a page of activities.
const (
	DefaultLimit = 100
	MaxLimit     = 500
)

// StartOfWeek is the Monday 00:00 (Europe/Berlin) of t's week.
func StartOfWeek(t time.Time) time.Time {
	t = t.In(listquery.Berlin())
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, listquery.Berlin())
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

// StartOfDay is 00:00 (Europe/Berlin) of t's day.
func StartOfDay(t time.Time) time.Time {
	t = t.In(listquery.Berlin())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, listquery.Berlin())
}

// Compile validates q (field codes for every wrong part). The linked record, when given, must be one the actor
// may see (404 otherwise), checked inside the caller's transaction.
func Compile(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ActivityQuery) (*Filter, error) {
	f := &Filter{actor: a, q: q}
	var v httpx.Validation
	f.limit = listquery.PageLimit(&v, q.Limit, DefaultLimit, MaxLimit)
	if !access.ValidOwner(q.Assignee) {
		v.Field("assignee", api.FieldInvalid)
	}
	if q.TypeID != "" {
		id, err := uuid.Parse(q.TypeID)
		if err != nil {
			v.Field("typeId", api.FieldInvalid)
		}
		f.typeID = &id
	}
	switch q.Status {
	case "", "open", "done":
	default:
		v.Field("status", api.FieldInvalid)
	}
	now := time.Now()
	switch q.Due {
	case "", "overdue":
	case "today":
		d := StartOfDay(now)
		f.bounds = append(f.bounds, listquery.Between("due_at", d, d.AddDate(0, 0, 1))...)
	case "week":
		w := StartOfWeek(now)
		f.bounds = append(f.bounds, listquery.Between("due_at", w, w.AddDate(0, 0, 7))...)
	default:
		v.Field("due", api.FieldInvalid)
	}
	for _, d := range []struct{ name, val, column string }{{"dueFrom", q.DueFrom, "due_at"}, {"dueTo", q.DueTo, "due_at"},
		{"doneFrom", q.DoneFrom, "done_at"}, {"doneTo", q.DoneTo, "done_at"}} {
		if d.val == "" {
			continue
		}
		if b, ok := listquery.DayBound(&v, d.name, d.val, d.column); ok {
			f.bounds = append(f.bounds, b)
		}
	}
	f.cursor = listquery.DecodeCursor[cursor](&v, q.Cursor)
	var recordID uuid.UUID
	if q.RecordType != "" || q.RecordID != "" {
		var err error
		recordID, err = uuid.Parse(q.RecordID)
		if err != nil {
			v.Field("recordId", api.FieldInvalid)
		}
		found := false
		for _, l := range links {
			if l.rt == q.RecordType {
				f.column, found = l.column, true
			}
		}
		if !found {
			v.Field("recordType", api.FieldInvalid)
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if f.column != "" {
		k, _ := record.KindOf(q.RecordType)
		if _, err := record.Check(ctx, tx, a, k, recordID, api.ActionView); err != nil {
			return nil, err
		}
		f.record = &recordID
	}
	return f, nil
}

// Apply narrows q to the activities the filter selects: the actor's scope first, then every condition.
func (f *Filter) Apply(q bun.QueryBuilder) bun.QueryBuilder {
	a, lq := f.actor, f.q
	q = a.Restrict(q, api.RecordActivity, api.ActionView, "ac.assignee_id")
	q = a.OwnedBy(q, api.RecordActivity, lq.Assignee, "ac.assignee_id")
	if f.typeID != nil {
		q = q.Where("ac.type_id = ?", *f.typeID)
	}
	switch {
	case lq.Due == "overdue":
		q = q.Where("NOT ac.done").Where("ac.due_at < now()")
	case lq.Status == "open":
		q = q.Where("NOT ac.done")
	case lq.Status == "done":
		q = q.Where("ac.done")
	}
	if lq.Due == "overdue" && lq.Status == "done" {
		q = q.Where("FALSE")
	}
	for _, b := range f.bounds {
		q = b.Apply(q, "ac")
	}
	if f.record != nil {
		q = q.Where("? = ?", bun.Ident("ac."+f.column), *f.record)
	}
	return q
}

// Count is the exact number of activities the filter selects, per assignee when byAssignee (dashboards).
func (f *Filter) Count(ctx context.Context, tx bun.IDB, byAssignee bool) (map[uuid.UUID]int, int, error) {
	var rows []struct {
		Assignee uuid.UUID `bun:"assignee_id"`
		N        int       `bun:"n"`
	}
	q := tx.NewSelect().TableExpr("activities AS ac").ColumnExpr("count(*) AS n")
	if byAssignee {
		q = q.ColumnExpr("ac.assignee_id").GroupExpr("ac.assignee_id")
	}
	f.Apply(q.QueryBuilder())
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, 0, fmt.Errorf("activity: count: %w", err)
	}
	per, total := map[uuid.UUID]int{}, 0
	for _, r := range rows {
		per[r.Assignee] += r.N
		total += r.N
	}
	return per, total, nil
}

// Query lists the activities the actor may see that match q: open first, then by due time.
func (s *Service) Query(ctx context.Context, a *access.Actor, q api.ActivityQuery) (*api.ActivityPage, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*api.ActivityPage, error) {
		return Query(ctx, tx, a, q)
	})
}

// Query runs an activity list query in the caller's transaction.
func Query(ctx context.Context, tx bun.IDB, a *access.Actor, q api.ActivityQuery) (*api.ActivityPage, error) {
	f, err := Compile(ctx, tx, a, q)
	if err != nil {
		return nil, err
	}
	var rows []*Activity
	sel := selectWith(tx, a, tx.NewSelect().Model(&rows)).OrderExpr("ac.done, ac.due_at, ac.id").Limit(f.limit + 1)
	f.Apply(sel.QueryBuilder())
	if c := f.cursor; c != nil {
		sel = sel.Where("(ac.done, ac.due_at, ac.id) > (?, ?, ?)", c.Done, c.Due, c.ID)
	}
	if err := sel.Scan(ctx); err != nil {
		return nil, fmt.Errorf("activity: query: %w", err)
	}
	rows, next := listquery.NextPage(rows, f.limit, func(x *Activity) string {
		return listquery.EncodeCursor(cursor{Done: x.Done, Due: x.DueAt, ID: x.ID})
	})
	return &api.ActivityPage{Items: rest.Wire(rows), NextCursor: next}, nil
}

// Of lists the activities of a record (its page: open first, then done), for GET /…/{recordID}/activities.
func (s *Service) Of(rt api.RecordType) func(context.Context, *access.Actor, uuid.UUID) (*api.ActivityPage, error) {
	return func(ctx context.Context, a *access.Actor, id uuid.UUID) (*api.ActivityPage, error) {
		return s.Query(ctx, a, api.ActivityQuery{RecordType: rt, RecordID: id.String(), Limit: MaxLimit})
	}
}

// Feed lists the activities assigned to the actor and due in [from, to), as far as the actor may see them, with the
// names of linked records only where the actor may see those (the personal calendar feed): by due time, at most
// limit.
func Feed(ctx context.Context, tx bun.IDB, a *access.Actor, from, to time.Time, limit int) ([]*Activity, error) {
	var rows []*Activity
	q := selectWith(tx, a, tx.NewSelect().Model(&rows)).
		Where("ac.assignee_id = ?", a.UserID).Where("ac.due_at >= ? AND ac.due_at < ?", from, to).
		OrderExpr("ac.due_at, ac.id").Limit(limit)
	a.Restrict(q.QueryBuilder(), api.RecordActivity, api.ActionView, "ac.assignee_id")
	if err := q.Scan(ctx); err != nil {
		return nil, fmt.Errorf("activity: feed: %w", err)
	}
	return rows, nil
}
