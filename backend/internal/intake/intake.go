// Package intake lets leads arrive by themselves: lead sources (a supplier such as 1leads, a web form, a trade fair
// app) deliver leads through POST /api/v1/intake/{sourceId}/leads with an API key of their own. A delivery is
// mapped by the source's field mapping (unmapped fields stay with the lead as further details), stored by
// lead.Deliver (a supplier's repeated ID updates its lead), assigned by the source's rules, checked for
// duplicates and noted as the source's delivery. Admins configure sources, keys and signing here.
package intake

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/customfield"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/shared/api"
)

// Source is a row of lead_sources (its signing secret is not read: only intake_authenticate needs it).
type Source struct {
	bun.BaseModel `bun:"table:lead_sources,alias:ls"`

	ID              uuid.UUID                `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID        uuid.UUID                `bun:"tenant_id,type:uuid"`
	Name            string                   `bun:"name"`
	Active          bool                     `bun:"active"`
	PipelineID      uuid.UUID                `bun:"pipeline_id,type:uuid"`
	StageID         uuid.UUID                `bun:"stage_id,type:uuid"`
	FallbackOwnerID uuid.UUID                `bun:"fallback_owner_id,type:uuid"`
	Mapping         []api.SourceFieldMapping `bun:"mapping,type:jsonb"`
	Rules           []api.AssignmentRule     `bun:"rules,type:jsonb"`
	RateLimit       int                      `bun:"rate_limit"`
	LastDeliveryAt  *time.Time               `bun:"last_delivery_at"`
	Version         int64                    `bun:"version"`
	CreatedAt       time.Time                `bun:"created_at,nullzero,default:now()"`
	UpdatedAt       time.Time                `bun:"updated_at,nullzero,default:now()"`

	Signed            bool   `bun:"signed,scanonly"`
	FallbackOwnerName string `bun:"fallback_owner_name,scanonly"`
}

// ETag is the version clients must send back with a change.
func (s *Source) ETag() int64 { return s.Version }

// API converts to the wire type.
func (s *Source) API() api.LeadSource {
	return api.LeadSource{ID: s.ID.String(), Name: s.Name, Active: s.Active, PipelineID: s.PipelineID.String(),
		StageID: s.StageID.String(), FallbackOwnerID: s.FallbackOwnerID.String(), FallbackOwnerName: s.FallbackOwnerName,
		Mapping: nonNil(s.Mapping), Rules: nonNil(s.Rules), Signed: s.Signed, RateLimit: s.RateLimit,
		LastDeliveryAt: s.LastDeliveryAt, Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// DefaultRateLimit is how many deliveries a minute a source may make unless its admin says otherwise.
const DefaultRateLimit = 120

// Service manages lead sources and takes their deliveries.
type Service struct {
	db  *bun.DB
	log *slog.Logger
	// leads loads leads as a reader sees them (a preview's).
	leads *lead.Service
}

// NewService builds the service.
func NewService(db *bun.DB, log *slog.Logger) *Service {
	return &Service{db: db, log: log, leads: lead.NewService(db)}
}

func selectSource(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("ls.id, ls.tenant_id, ls.name, ls.active, ls.pipeline_id, ls.stage_id, ls.fallback_owner_id, ls.mapping, ls.rules").
		ColumnExpr("ls.rate_limit, ls.last_delivery_at, ls.version, ls.created_at, ls.updated_at").
		ColumnExpr("ls.signing_secret IS NOT NULL AS signed").
		ColumnExpr("(SELECT u.name FROM users AS u WHERE u.id = ls.fallback_owner_id) AS fallback_owner_name")
}

// load reads a source of the transaction's tenant. (It takes no lock: a delivery holds the source's row neither
// while its leads are written nor against an admin's change; it works with the configuration it read.)
func load(ctx context.Context, tx bun.IDB, id uuid.UUID) (*Source, error) {
	s := new(Source)
	q := selectSource(tx.NewSelect().Model(s)).Where("ls.id = ?", id)
	if err := q.Scan(ctx); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, httpx.ErrNotFound
		}
		return nil, fmt.Errorf("intake: source %s: %w", id, err)
	}
	return s, nil
}

// List returns the tenant's sources by name (every user may see them: lists filter by source).
func (s *Service) List(ctx context.Context, a *access.Actor) ([]*Source, error) {
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) ([]*Source, error) {
		var out []*Source
		if err := selectSource(tx.NewSelect().Model(&out)).OrderExpr(`ls.name COLLATE "de-x-icu", ls.id`).Scan(ctx); err != nil {
			return nil, fmt.Errorf("intake: sources: %w", err)
		}
		return out, withNames(ctx, tx, out...)
	})
}

// Get returns a source (admins).
func (s *Service) Get(ctx context.Context, a *access.Actor, id uuid.UUID) (*Source, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*Source, error) {
		src, err := load(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		return src, withNames(ctx, tx, src)
	})
}

// withNames fills the names of the users and units the sources' rules name.
func withNames(ctx context.Context, tx bun.IDB, sources ...*Source) error {
	var rows []struct {
		ID   string `bun:"id"`
		Name string `bun:"name"`
	}
	if err := tx.NewRaw("SELECT id::text AS id, name FROM users UNION ALL SELECT id::text, name FROM units").
		Scan(ctx, &rows); err != nil {
		return fmt.Errorf("intake: names: %w", err)
	}
	names := make(map[string]string, len(rows))
	for _, r := range rows {
		names[r.ID] = r.Name
	}
	for _, src := range sources {
		for i := range src.Rules {
			r := &src.Rules[i]
			r.UserName, r.UnitName = names[r.UserID], names[r.UnitID]
		}
	}
	return nil
}

// Create adds a source (admins); without a mapping it takes the default one.
func (s *Service) Create(ctx context.Context, a *access.Actor, in api.LeadSourceCreate) (*Source, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*Source, error) {
		src := &Source{TenantID: a.TenantID, Active: in.Active, Version: 1}
		mapping := in.Mapping
		if len(mapping) == 0 {
			mapping = defaultMapping
		}
		rate := in.RateLimit
		if rate == 0 {
			rate = DefaultRateLimit
		}
		var v httpx.Validation
		if err := src.apply(ctx, tx, &v, sourceIn{name: &in.Name, pipelineID: &in.PipelineID, stageID: &in.StageID,
			owner: &in.FallbackOwnerID, mapping: mapping, rules: nonNil(in.Rules), rate: &rate}); err != nil {
			return nil, err
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		if _, err := tx.NewInsert().Model(src).Returning("id, created_at, updated_at").Exec(ctx); err != nil {
			return nil, nameTaken(err)
		}
		return load(ctx, tx, src.ID)
	})
}

// Update changes a source (admins) at its version.
func (s *Service) Update(ctx context.Context, a *access.Actor, id uuid.UUID, version int64, in api.LeadSourcePatch) (*Source, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (*Source, error) {
		src, err := load(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if err := httpx.CheckVersion(src.Version, version); err != nil {
			return nil, err
		}
		if in.Active != nil {
			src.Active = *in.Active
		}
		var v httpx.Validation
		patch := sourceIn{name: in.Name, pipelineID: in.PipelineID, stageID: in.StageID, owner: in.FallbackOwnerID, rate: in.RateLimit}
		if in.Mapping != nil {
			patch.mapping = nonNil(*in.Mapping)
		}
		if in.Rules != nil {
			patch.rules = nonNil(*in.Rules)
		}
		if err := src.apply(ctx, tx, &v, patch); err != nil {
			return nil, err
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		if _, err := tx.NewUpdate().Model(src).Column("name", "active", "pipeline_id", "stage_id", "fallback_owner_id",
			"mapping", "rules", "rate_limit").Set("version = version + 1").Set("updated_at = now()").WherePK().Exec(ctx); err != nil {
			return nil, nameTaken(err)
		}
		out, err := load(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		return out, withNames(ctx, tx, out)
	})
}

// Delete removes a source (admins) with its keys and deliveries; its leads stay (without the source).
func (s *Service) Delete(ctx context.Context, a *access.Actor, id uuid.UUID, version int64) error {
	if err := a.RequireAdmin(); err != nil {
		return err
	}
	return db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		src, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := httpx.CheckVersion(src.Version, version); err != nil {
			return err
		}
		_, err = tx.NewDelete().Model(src).WherePK().Exec(ctx)
		return err
	})
}

func nameTaken(err error) error {
	if db.IsUniqueViolation(err, "lead_sources_name_idx") {
		return httpx.Conflict("a source of this name exists", "name", api.FieldTaken)
	}
	return err
}

// sourceIn is a source's input (nil: unchanged).
type sourceIn struct {
	name, pipelineID, stageID, owner *string
	mapping                          []api.SourceFieldMapping
	rules                            []api.AssignmentRule
	rate                             *int
}

// apply validates the input and sets it on the source.
func (src *Source) apply(ctx context.Context, tx bun.IDB, v *httpx.Validation, in sourceIn) error {
	if in.name != nil {
		src.Name = strings.TrimSpace(*in.name)
		switch {
		case src.Name == "":
			v.Field("name", api.FieldRequired)
		case utf8.RuneCountInString(src.Name) > 100:
			v.Field("name", api.FieldTooLong)
		}
	}
	if in.pipelineID != nil || in.stageID != nil {
		pl, st := src.PipelineID.String(), ""
		if in.pipelineID != nil {
			pl = *in.pipelineID
		}
		if in.stageID != nil {
			st = *in.stageID
		}
		if p, stage := pipeline.Place(ctx, tx, api.RecordLead, v, pl, st); stage != nil {
			src.PipelineID, src.StageID = p.ID, stage.ID
		}
	}
	if in.owner != nil {
		id, err := uuid.Parse(*in.owner)
		switch {
		case strings.TrimSpace(*in.owner) == "":
			v.Field("fallbackOwnerId", api.FieldRequired)
		case err != nil:
			v.Field("fallbackOwnerId", api.FieldInvalid)
		default:
			ok, err := activeUser(ctx, tx, id)
			if err != nil {
				return err
			}
			if !ok {
				v.Field("fallbackOwnerId", api.FieldNotFound)
			}
			src.FallbackOwnerID = id
		}
	}
	if in.rate != nil {
		if *in.rate < 1 || *in.rate > 10000 {
			v.Field("rateLimit", api.FieldRange)
		}
		src.RateLimit = *in.rate
	}
	if in.mapping != nil {
		fields, err := customfield.Load(ctx, tx, api.RecordLead)
		if err != nil {
			return err
		}
		src.Mapping = checkMapping(v, fields, in.mapping)
	}
	if in.rules != nil {
		rules, err := checkRules(ctx, tx, v, in.rules)
		if err != nil {
			return err
		}
		src.Rules = rules
	}
	return nil
}

func activeUser(ctx context.Context, tx bun.IDB, id uuid.UUID) (bool, error) {
	n, err := tx.NewSelect().TableExpr("users").Where("id = ? AND active", id).Count(ctx)
	if err != nil {
		return false, fmt.Errorf("intake: user %s: %w", id, err)
	}
	return n > 0, nil
}

// checkMapping validates a mapping: at most 200 entries, each a non-empty source name (once) and a target.
func checkMapping(v *httpx.Validation, fields customfield.Fields, in []api.SourceFieldMapping) []api.SourceFieldMapping {
	if len(in) > 200 {
		v.Field("mapping", api.FieldLimit)
		return nil
	}
	out := make([]api.SourceFieldMapping, 0, len(in))
	seen := map[string]bool{}
	for i, m := range in {
		key := fmt.Sprintf("mapping[%d]", i)
		from := strings.TrimSpace(m.From)
		switch {
		case from == "":
			v.Field(key+".from", api.FieldRequired)
		case utf8.RuneCountInString(from) > 100:
			v.Field(key+".from", api.FieldTooLong)
		case seen[normKey(from)]:
			v.Field(key+".from", api.FieldDuplicate)
		}
		seen[normKey(from)] = true
		if id, ok := strings.CutPrefix(m.To, "custom."); ok {
			if f := fields.ByID(id); f == nil || f.ArchivedAt != nil {
				v.Field(key+".to", api.FieldUnknown)
			}
		} else if !slices.Contains(api.AllIntakeTargets, api.IntakeTarget(m.To)) {
			v.Field(key+".to", api.FieldInvalid)
		}
		out = append(out, api.SourceFieldMapping{From: from, To: m.To})
	}
	return out
}

// checkRules validates assignment rules: at most 100, each with a well-formed condition and exactly one
// assignee, an active user or a unit of the tenant. Names are not stored (withNames adds them when read).
func checkRules(ctx context.Context, tx bun.IDB, v *httpx.Validation, in []api.AssignmentRule) ([]api.AssignmentRule, error) {
	if len(in) > 100 {
		v.Field("rules", api.FieldLimit)
		return nil, nil
	}
	out := make([]api.AssignmentRule, 0, len(in))
	for i, r := range in {
		key := fmt.Sprintf("rules[%d]", i)
		r.PostalFrom, r.PostalTo = strings.TrimSpace(r.PostalFrom), strings.TrimSpace(r.PostalTo)
		if r.PostalFrom != "" || r.PostalTo != "" {
			if !digits(r.PostalFrom) || len(r.PostalFrom) > 10 {
				v.Field(key+".postalFrom", api.FieldInvalid)
			}
			if !digits(r.PostalTo) || len(r.PostalTo) != len(r.PostalFrom) || r.PostalTo < r.PostalFrom {
				v.Field(key+".postalTo", api.FieldInvalid)
			}
		}
		countries := make([]string, 0, len(r.Countries))
		for _, c := range r.Countries {
			c = strings.ToUpper(strings.TrimSpace(c))
			if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
				v.Field(key+".countries", api.FieldInvalid)
			}
			countries = append(countries, c)
		}
		r.Countries = countries
		switch {
		case (r.UserID == "") == (r.UnitID == ""):
			v.Field(key+".userId", api.FieldRequired) // exactly one assignee
		case r.UserID != "":
			id, err := uuid.Parse(r.UserID)
			if err != nil {
				v.Field(key+".userId", api.FieldInvalid)
				break
			}
			ok, err := activeUser(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			if !ok {
				v.Field(key+".userId", api.FieldNotFound)
			}
		default:
			id, err := uuid.Parse(r.UnitID)
			if err != nil {
				v.Field(key+".unitId", api.FieldInvalid)
				break
			}
			n, err := tx.NewSelect().TableExpr("units").Where("id = ?", id).Count(ctx)
			if err != nil {
				return nil, fmt.Errorf("intake: unit %s: %w", id, err)
			}
			if n == 0 {
				v.Field(key+".unitId", api.FieldNotFound)
			}
		}
		r.UserName, r.UnitName = "", ""
		out = append(out, r)
	}
	return out, nil
}

// newSecret makes a random secret with a prefix that says what it is.
func newSecret(prefix string) string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return prefix + base64.RawURLEncoding.EncodeToString(b[:])
}

// Key is a row of lead_source_keys.
type Key struct {
	bun.BaseModel `bun:"table:lead_source_keys,alias:k"`

	ID            uuid.UUID  `bun:"id,pk,type:uuid,default:gen_random_uuid()"`
	TenantID      uuid.UUID  `bun:"tenant_id,type:uuid"`
	SourceID      uuid.UUID  `bun:"source_id,type:uuid"`
	Prefix        string     `bun:"prefix"`
	KeyHash       []byte     `bun:"key_hash"`
	CreatedBy     *uuid.UUID `bun:"created_by,type:uuid"`
	CreatedAt     time.Time  `bun:"created_at,nullzero,default:now()"`
	LastUsedAt    *time.Time `bun:"last_used_at"`
	RevokedAt     *time.Time `bun:"revoked_at"`
	CreatedByName string     `bun:"created_by_name,scanonly"`
}

// API converts to the wire type.
func (k *Key) API() api.LeadSourceKey {
	return api.LeadSourceKey{ID: k.ID.String(), Prefix: k.Prefix, CreatedAt: k.CreatedAt, CreatedByName: k.CreatedByName,
		LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

// Keys lists a source's keys, newest first (admins).
func (s *Service) Keys(ctx context.Context, a *access.Actor, sourceID uuid.UUID) (*api.LeadSourceKeyList, error) {
	return admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (*api.LeadSourceKeyList, error) {
		var keys []*Key
		if err := tx.NewSelect().Model(&keys).ColumnExpr("k.id, k.prefix, k.created_at, k.last_used_at, k.revoked_at").
			ColumnExpr("coalesce((SELECT u.name FROM users AS u WHERE u.id = k.created_by), '') AS created_by_name").
			Where("k.source_id = ?", sourceID).OrderExpr("k.created_at DESC, k.id").Scan(ctx); err != nil {
			return nil, fmt.Errorf("intake: keys: %w", err)
		}
		out := &api.LeadSourceKeyList{Items: make([]api.LeadSourceKey, len(keys))}
		for i, k := range keys {
			out.Items[i] = k.API()
		}
		return out, nil
	})
}

// CreateKey makes a new API key of a source; its secret is in the answer and nowhere else (admins).
func (s *Service) CreateKey(ctx context.Context, a *access.Actor, sourceID uuid.UUID) (*api.LeadSourceKeyCreated, error) {
	return admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (*api.LeadSourceKeyCreated, error) {
		secret := newSecret("1sk_")
		hash := sha256.Sum256([]byte(secret))
		k := &Key{TenantID: a.TenantID, SourceID: sourceID, Prefix: secret[:10], KeyHash: hash[:], CreatedBy: &a.UserID}
		if _, err := tx.NewInsert().Model(k).Returning("id, created_at").Exec(ctx); err != nil {
			return nil, fmt.Errorf("intake: create key: %w", err)
		}
		k.CreatedByName = userName(ctx, tx, a.UserID)
		return &api.LeadSourceKeyCreated{Key: k.API(), Secret: secret}, nil
	})
}

func userName(ctx context.Context, tx bun.IDB, id uuid.UUID) string {
	var name string
	_ = tx.NewRaw("SELECT name FROM users WHERE id = ?", id).Scan(ctx, &name)
	return name
}

// RevokeKey revokes a key of a source; deliveries with it are refused from now on (admins).
func (s *Service) RevokeKey(ctx context.Context, a *access.Actor, sourceID, keyID uuid.UUID) error {
	_, err := admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (struct{}, error) {
		res, err := tx.NewUpdate().TableExpr("lead_source_keys").Set("revoked_at = coalesce(revoked_at, now())").
			Where("id = ? AND source_id = ?", keyID, sourceID).Exec(ctx)
		if err != nil {
			return struct{}{}, fmt.Errorf("intake: revoke key: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return struct{}{}, httpx.ErrNotFound
		}
		return struct{}{}, nil
	})
	return err
}

// RotateSigningSecret gives a source a new signing secret, shown once; from now on its deliveries must be signed
// with it (admins).
func (s *Service) RotateSigningSecret(ctx context.Context, a *access.Actor, sourceID uuid.UUID) (*api.SigningSecret, error) {
	return admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (*api.SigningSecret, error) {
		secret := newSecret("1ss_")
		if _, err := tx.NewUpdate().TableExpr("lead_sources").Set("signing_secret = ?", secret).
			Set("version = version + 1").Set("updated_at = now()").Where("id = ?", sourceID).Exec(ctx); err != nil {
			return nil, fmt.Errorf("intake: signing secret: %w", err)
		}
		return &api.SigningSecret{Secret: secret}, nil
	})
}

// DisableSigning lets a source deliver unsigned again (admins).
func (s *Service) DisableSigning(ctx context.Context, a *access.Actor, sourceID uuid.UUID) error {
	_, err := admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (struct{}, error) {
		_, err := tx.NewUpdate().TableExpr("lead_sources").Set("signing_secret = NULL").
			Set("version = version + 1").Set("updated_at = now()").Where("id = ?", sourceID).Exec(ctx)
		return struct{}{}, err
	})
	return err
}

// Deliveries lists a source's last deliveries, newest first (admins).
func (s *Service) Deliveries(ctx context.Context, a *access.Actor, sourceID uuid.UUID) (*api.LeadDeliveryList, error) {
	return admin(ctx, s, a, sourceID, func(ctx context.Context, tx bun.Tx, _ *Source) (*api.LeadDeliveryList, error) {
		var rows []struct {
			ID         int64                  `bun:"id"`
			At         time.Time              `bun:"at"`
			Status     int                    `bun:"status"`
			Code       string                 `bun:"code"`
			Items      int                    `bun:"items"`
			Created    int                    `bun:"created"`
			Updated    int                    `bun:"updated"`
			Unchanged  int                    `bun:"unchanged"`
			Rejected   int                    `bun:"rejected"`
			DurationMs int                    `bun:"duration_ms"`
			Rejections []api.IntakeItemResult `bun:"rejections,type:jsonb"`
		}
		if err := tx.NewSelect().TableExpr("lead_deliveries").
			Column("id", "at", "status", "code", "items", "created", "updated", "unchanged", "rejected", "duration_ms", "rejections").Where("source_id = ?", sourceID).
			OrderExpr("id DESC").Limit(50).Scan(ctx, &rows); err != nil {
			return nil, fmt.Errorf("intake: deliveries: %w", err)
		}
		out := &api.LeadDeliveryList{Items: make([]api.LeadDelivery, len(rows))}
		for i, r := range rows {
			out.Items[i] = api.LeadDelivery{ID: fmt.Sprint(r.ID), At: r.At, Status: r.Status, Code: api.ErrorCode(r.Code),
				Items: r.Items, Created: r.Created, Updated: r.Updated, Unchanged: r.Unchanged, Rejected: r.Rejected,
				DurationMs: r.DurationMs, Rejections: nonNil(r.Rejections)}
		}
		return out, nil
	})
}

// errPreview rolls a preview's transaction back.
var errPreview = errors.New("intake: preview")

// Preview shows what a source makes of a test payload: the delivery runs as it would, in a transaction that is
// rolled back, so nothing is written and no rotation turn is taken (admins).
func (s *Service) Preview(ctx context.Context, a *access.Actor, sourceID uuid.UUID, in api.LeadSourcePreviewRequest) (*api.LeadSourcePreview, error) {
	if err := a.RequireAdmin(); err != nil {
		return nil, err
	}
	raws, err := parseDelivery([]byte(in.Payload))
	if err != nil {
		var he *httpx.Error
		if errors.As(err, &he) && he.Status == http.StatusBadRequest {
			return nil, httpx.FieldError("payload", api.FieldInvalid)
		}
		return nil, err
	}
	var out *api.LeadSourcePreview
	err = db.InTenant(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) error {
		src, err := load(ctx, tx, sourceID)
		if err != nil {
			return err
		}
		res, ids, err := deliverIn(ctx, tx, src, raws)
		if err != nil {
			return err
		}
		out = &api.LeadSourcePreview{Items: make([]api.LeadPreviewItem, len(res.Items))}
		for i, it := range res.Items {
			out.Items[i] = api.LeadPreviewItem{ExternalID: it.ExternalID, Fields: it.Fields}
			if ids[i] != uuid.Nil {
				l, err := s.leads.Load(ctx, tx, a, ids[i], api.ActionView, false)
				if err != nil {
					return err
				}
				out.Items[i].Lead = l.API()
			}
		}
		return errPreview
	})
	if !errors.Is(err, errPreview) {
		return nil, err
	}
	return out, nil
}

// admin runs fn for an admin on a source of their tenant (404 for any other).
func admin[T any](ctx context.Context, s *Service, a *access.Actor, sourceID uuid.UUID,
	fn func(ctx context.Context, tx bun.Tx, src *Source) (T, error)) (T, error) {
	var zero T
	if err := a.RequireAdmin(); err != nil {
		return zero, err
	}
	return db.InTenantValue(ctx, s.db, a.TenantID, func(ctx context.Context, tx bun.Tx) (T, error) {
		src, err := load(ctx, tx, sourceID)
		if err != nil {
			return zero, err
		}
		return fn(ctx, tx, src)
	})
}
