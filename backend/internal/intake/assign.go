package intake

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/shared/api"
)

// assigner gives new leads their owners by a source's rules: the first rule whose condition the lead's address
// meets and that has someone to give it to decides; a rule of a user gives it to that user, a rule of a unit to
// the unit's active users in turn. Deactivated users get nothing: a rule without an active assignee is passed
// over. Without a matching rule the source's fallback owner gets the lead, or, when that user is deactivated
// too, the tenant's longest-standing active admin, so that a delivered lead is never lost.
type assigner struct {
	rules    []api.AssignmentRule
	fallback uuid.UUID
}

type member struct {
	ID      uuid.UUID `bun:"id"`
	UnitID  uuid.UUID `bun:"unit_id"`
	IsAdmin bool      `bun:"is_admin"`
}

func (as assigner) assign(ctx context.Context, tx bun.IDB, addrs []api.Address) ([]uuid.UUID, error) {
	var users []member
	if err := tx.NewRaw(`SELECT u.id, u.unit_id, r.is_admin FROM users AS u JOIN roles AS r ON r.id = u.role_id
		WHERE u.active ORDER BY u.created_at, u.id`).Scan(ctx, &users); err != nil {
		return nil, fmt.Errorf("intake: assign: users: %w", err)
	}
	active := map[uuid.UUID]bool{}
	byUnit := map[uuid.UUID][]uuid.UUID{}
	var admin uuid.UUID
	for _, u := range users {
		active[u.ID] = true
		byUnit[u.UnitID] = append(byUnit[u.UnitID], u.ID)
		if u.IsAdmin && admin == uuid.Nil {
			admin = u.ID
		}
	}
	fallback := as.fallback
	if !active[fallback] {
		fallback = admin
	}
	out := make([]uuid.UUID, len(addrs))
	turns := map[uuid.UUID][]int{} // unit -> the leads that take a turn there, in order
	for i, a := range addrs {
		out[i] = fallback
		for _, r := range as.rules {
			if !matchesRule(r, a) {
				continue
			}
			if id, err := uuid.Parse(r.UserID); err == nil && active[id] {
				out[i] = id
				break
			}
			if id, err := uuid.Parse(r.UnitID); err == nil && len(byUnit[id]) > 0 {
				turns[id] = append(turns[id], i)
				break
			}
		}
	}
	units := make([]uuid.UUID, 0, len(turns))
	for u := range turns {
		units = append(units, u)
	}
	slices.SortFunc(units, func(a, b uuid.UUID) int { return strings.Compare(a.String(), b.String()) }) // one lock order
	for _, u := range units {
		leads := turns[u]
		// The row's lock holds concurrent deliveries back until this one commits, so each takes the turns after
		// the last one's: a rotation stays fair however many deliveries run at once.
		var first int64
		if err := tx.NewRaw(`INSERT INTO unit_rotations AS r (tenant_id, unit_id, turn)
			VALUES (NULLIF(current_setting('app.tenant_id', true), '')::uuid, ?, ?)
			ON CONFLICT (tenant_id, unit_id) DO UPDATE SET turn = r.turn + EXCLUDED.turn
			RETURNING turn - ?`, u, len(leads), len(leads)).Scan(ctx, &first); err != nil {
			return nil, fmt.Errorf("intake: assign: rotation of unit %s: %w", u, err)
		}
		members := byUnit[u]
		for j, i := range leads {
			out[i] = members[int((first+int64(j))%int64(len(members)))]
		}
	}
	for _, id := range out {
		if id == uuid.Nil {
			return nil, fmt.Errorf("intake: assign: the tenant has no active admin to fall back to")
		}
	}
	return out, nil
}

// matches reports whether an address meets a rule's condition.
func matchesRule(r api.AssignmentRule, a api.Address) bool {
	if len(r.Countries) > 0 && !slices.Contains(r.Countries, a.Country) {
		return false
	}
	if r.PostalFrom == "" {
		return true
	}
	n := len(r.PostalFrom)
	code := strings.TrimSpace(a.PostalCode)
	if len(code) < n || !digits(code[:n]) {
		return false
	}
	return code[:n] >= r.PostalFrom && code[:n] <= r.PostalTo
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
