package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// line is a data row of the file on its way through an import: its cells, its values by target (as they will be
// stored), what is wrong with it by target ("row" for the row as a whole) and what the import does with it.
type line struct {
	no      int
	cells   []string
	values  map[string]string
	errs    map[string]api.FieldCode
	outcome api.ImportOutcome
	// match is the existing record the duplicate rule found; matchLine an earlier line of the batch with the
	// same key.
	match     *record.Match
	matchLine *line
	// ownerName names the owner a value chose (for the preview).
	ownerName string
	// draft is the kind's record of a created line; id the record's ID once it is known.
	draft any
	id    uuid.UUID
	// org is a person line's organisation: an existing one (orgID) or one the batch creates (newOrg).
	orgID  uuid.UUID
	newOrg *newOrg
	// moreOrgs are a person line's further organisations (a cell "A; B", as an export writes them).
	moreOrgs []orgRef
}

// orgRef is an organisation a line names: an existing one (id) or one the batch creates (made).
type orgRef struct {
	id   uuid.UUID
	made *newOrg
}

func (o orgRef) ID() uuid.UUID {
	if o.made != nil {
		return o.made.org.ID
	}
	return o.id
}

func (l *line) fail(target string, code api.FieldCode) {
	if _, ok := l.errs[target]; !ok {
		l.errs[target] = code
	}
}

// rowKey is the key of errors about the row as a whole.
const rowKey = "row"

// parse reads a row's cells into values by the plan's mappings, in the confirmed forms. columns is the header's
// width: a value beyond it is an error of the row.
func parse(p *plan, no int, cells []string, columns int, readErr bool) *line {
	l := &line{no: no, cells: cells, values: map[string]string{}, errs: map[string]api.FieldCode{}}
	if readErr {
		l.errs[rowKey] = api.FieldInvalid
		return l
	}
	if len(cells) > columns {
		l.errs[rowKey] = api.FieldColumns
	}
	for _, m := range p.maps {
		if m.Column >= len(cells) || cells[m.Column] == "" {
			continue
		}
		raw := cells[m.Column]
		if !httpx.TextOK(raw) {
			l.fail(m.Target, api.FieldControlCharacter)
			continue
		}
		v, ok := raw, true
		switch m.field.Kind {
		case api.ImportValueNumber:
			v, ok = parseNumber(raw, m.Number)
			if !ok {
				l.fail(m.Target, api.FieldType)
			}
		case api.ImportValueDate:
			v, ok = parseDate(raw, m.Date)
			if !ok {
				l.fail(m.Target, api.FieldInvalid)
			}
		case api.ImportValueBool:
			v, ok = parseBool(raw)
			if !ok {
				l.fail(m.Target, api.FieldType)
			}
		}
		if ok {
			l.values[m.Target] = v
		}
	}
	return l
}

// run is an import (or a preview) at work for an actor: the plan, the record types' custom fields, the tenant's
// users for owners by name, and checks already made.
type run struct {
	imp     *Import
	a       *access.Actor
	p       *plan
	kind    kind
	fields  map[api.RecordType]customfield.Fields
	users   *users
	owners  map[ownerCheck]api.FieldCode
	preview bool
}

type ownerCheck struct {
	rt api.RecordType
	id uuid.UUID
}

// kind is what an import does for one record type: decide what to do with a batch's lines (drafts, duplicates;
// nothing written), and write what was decided.
type kind interface {
	// decide drafts every line and gives each its outcome. It returns the index of the first line that must wait
	// for the lines before it to be written (it updates a record the batch creates), len(lines) when none.
	decide(ctx context.Context, tx bun.IDB, r *run, lines []*line) (int, error)
	// write creates and updates what decide decided; lines whose update fails become failed.
	write(ctx context.Context, tx bun.IDB, r *run, lines []*line) (written, error)
	// revert sets a record an import updated back to its values before (the kind's patch type as JSON), through
	// the kind's service (edit right, validation, history), if it is still at version (else 412).
	revert(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, before json.RawMessage) error
}

// written is what a batch wrote, for the undo log.
type written struct {
	created map[api.RecordType][]uuid.UUID
	updated []updatedRecord
}

type updatedRecord struct {
	rt      api.RecordType
	id      uuid.UUID
	version int64
	before  any
}

// ownerOf is the owner a line names (by e-mail address or name; else the settings' default owner), checked
// against the actor's create scope for rt; a problem is the line's owner error.
func (r *run) ownerOf(ctx context.Context, tx bun.IDB, l *line, rt api.RecordType) uuid.UUID {
	raw := l.values[string(api.TargetOwner)]
	if raw == "" {
		return r.p.owner
	}
	u, code := r.users.find(raw)
	if code != "" {
		l.fail(string(api.TargetOwner), code)
		return uuid.Nil
	}
	l.ownerName = u.Name
	if code := r.ownerCode(ctx, tx, rt, u.ID); code != "" {
		l.fail(string(api.TargetOwner), code)
	}
	return u.ID
}

// ownerCode checks once per record type and user that the actor may create records of rt owned by the user
// (record.Owner, the create API's rule).
func (r *run) ownerCode(ctx context.Context, tx bun.IDB, rt api.RecordType, id uuid.UUID) api.FieldCode {
	key := ownerCheck{rt, id}
	if code, ok := r.owners[key]; ok {
		return code
	}
	var v httpx.Validation
	record.Owner(ctx, tx, r.a, rt, api.ActionCreate, id.String(), &v)
	code := v.Fields()["ownerId"]
	r.owners[key] = code
	return code
}

// users are the tenant's active users, for owners named by e-mail address or name.
type users struct {
	byEmail map[string]user
	byName  map[string][]user
	byID    map[uuid.UUID]string
}

// name is a user's name ("" for none).
func (us *users) name(id uuid.UUID) string { return us.byID[id] }

type user struct {
	ID   uuid.UUID `bun:"id"`
	Name string    `bun:"name"`
	Mail string    `bun:"email"`
}

func loadUsers(ctx context.Context, tx bun.IDB) (*users, error) {
	var rows []user
	if err := tx.NewRaw("SELECT id, name, email FROM users WHERE active").Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("importer: users: %w", err)
	}
	out := &users{byEmail: map[string]user{}, byName: map[string][]user{}, byID: map[uuid.UUID]string{}}
	for _, u := range rows {
		out.byID[u.ID] = u.Name
		out.byEmail[strings.ToLower(u.Mail)] = u
		key := strings.ToLower(strings.Join(strings.Fields(u.Name), " "))
		out.byName[key] = append(out.byName[key], u)
	}
	return out, nil
}

// find names a user by e-mail address or name (case ignored): not_found, or ambiguous for a name two users have.
func (us *users) find(raw string) (user, api.FieldCode) {
	key := strings.ToLower(strings.Join(strings.Fields(raw), " "))
	if u, ok := us.byEmail[key]; ok {
		return u, ""
	}
	switch list := us.byName[key]; len(list) {
	case 0:
		return user{}, api.FieldNotFound
	case 1:
		return list[0], ""
	}
	return user{}, api.FieldAmbiguous
}

// dedupe gives every line without errors its outcome by the duplicate rule: key gives a line's key ("" none),
// found the existing records by key. A line whose key an earlier line of the batch had follows the rule
// against that line; an update of it must wait until the batch is written (the returned cut), unless this is a
// preview. A line whose update is decided loses its required-field errors: the update keeps stored values.
func (r *run) dedupe(lines []*line, key func(*line) string, found map[string][]record.Match) int {
	rule := r.p.settings.Duplicates
	seen := map[string]*line{}
	for i, l := range lines {
		k := ""
		if rule.Target != "" {
			k = key(l)
		}
		l.outcome = api.ImportRowCreated
		switch {
		case k == "":
		case seen[k] != nil:
			first := seen[k]
			switch rule.Action {
			case api.DuplicateSkip:
				l.outcome, l.matchLine, l.match = api.ImportRowSkipped, first, first.match
			case api.DuplicateUpdate:
				if !r.preview {
					return i
				}
				l.outcome, l.matchLine, l.match = api.ImportRowUpdated, first, first.match
			}
		case len(found[k]) > 0:
			ms := found[k]
			switch rule.Action {
			case api.DuplicateSkip:
				l.outcome, l.match = api.ImportRowSkipped, &ms[0]
			case api.DuplicateUpdate:
				if len(ms) > 1 {
					l.fail(rule.Target, api.FieldAmbiguous)
				}
				l.outcome, l.match = api.ImportRowUpdated, &ms[0]
			}
		}
		if l.outcome == api.ImportRowUpdated {
			for t, code := range l.errs {
				if code == api.FieldRequired {
					delete(l.errs, t)
				}
			}
		}
		if len(l.errs) > 0 {
			l.outcome, l.match, l.matchLine = api.ImportRowFailed, nil, nil
			continue
		}
		if k != "" && seen[k] == nil {
			seen[k] = l
		}
	}
	return len(lines)
}

// update runs one line's update through the kind's service inside a savepoint: a refusal (the record changed or
// left the actor's edit scope meanwhile, a value its validation refuses) rolls the savepoint back and fails the
// line with the refusal's fields mapped to targets by targetOf; a database failure ends the batch.
func update(ctx context.Context, tx bun.IDB, l *line, targetOf func(string) string, dupTarget string, fn func() error) (bool, error) {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT import_update"); err != nil {
		return false, err
	}
	err := fn()
	var he *httpx.Error
	switch {
	case err == nil:
		_, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT import_update")
		return true, err
	case errors.As(err, &he) && he.Status < 500:
		if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT import_update"); err != nil {
			return false, err
		}
		switch {
		case len(he.Fields) > 0:
			for f, code := range he.Fields {
				l.fail(targetOf(f), code)
			}
		case errors.Is(err, httpx.ErrNotFound):
			l.fail(dupTarget, api.FieldForbidden)
		default:
			l.fail(dupTarget, api.FieldInvalid)
		}
		l.outcome = api.ImportRowFailed
		return false, nil
	}
	return false, err
}
