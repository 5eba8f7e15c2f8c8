package intake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/lead"
	"github.com/1sales/app/shared/api"
)

// MaxBatch is the most leads one delivery may hold.
const MaxBatch = 500

// MaxBody is the largest delivery body (500 leads of about 16 kB each).
const MaxBody = 8 << 20

// signatureSkew is how far a signed delivery's timestamp may be from the server's clock; older ones are refused
// as replays.
const signatureSkew = 5 * time.Minute

// rawLead is a delivered lead before mapping: its fields in the order delivered.
type rawLead struct {
	ExternalID string
	Fields     []rawField
}

type rawField struct {
	Name  string
	Value json.RawMessage
}

// parseDelivery reads a delivery: {"leads": [...]} or one lead ({"externalId": ..., "fields": {...}}). The
// whole delivery is refused only when it is no JSON of that shape or holds more than MaxBatch leads; what is
// wrong inside a lead is that lead's problem (rejected with field codes), so that one bad lead never costs the
// others.
func parseDelivery(body []byte) ([]rawLead, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, httpx.NewError(http.StatusBadRequest, api.CodeMalformedJSON, "the body is no JSON object")
	}
	var items []json.RawMessage
	if raw, ok := top["leads"]; ok {
		if len(top) != 1 {
			return nil, httpx.FieldError("leads", api.FieldInvalid)
		}
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, httpx.FieldError("leads", api.FieldType)
		}
	} else {
		items = []json.RawMessage{body}
	}
	switch {
	case len(items) == 0:
		return nil, httpx.FieldError("leads", api.FieldRequired)
	case len(items) > MaxBatch:
		return nil, httpx.FieldError("leads", api.FieldLimit)
	}
	out := make([]rawLead, len(items))
	for i, raw := range items {
		out[i] = parseLead(raw)
	}
	return out, nil
}

// parseLead reads one lead; a lead that is not of the shape keeps no fields and is rejected for its ID.
func parseLead(raw json.RawMessage) rawLead {
	var l struct {
		ExternalID json.RawMessage `json:"externalId"`
		Fields     json.RawMessage `json:"fields"`
	}
	if err := json.Unmarshal(raw, &l); err != nil {
		return rawLead{}
	}
	var out rawLead
	if id, ok := scalar(l.ExternalID); ok && l.ExternalID != nil {
		out.ExternalID = strings.TrimSpace(id)
	}
	out.Fields = orderedFields(l.Fields)
	return out
}

// orderedFields reads a JSON object's members in their order (details keep the supplier's order).
func orderedFields(raw json.RawMessage) []rawField {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var out []rawField
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return out
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return out
		}
		out = append(out, rawField{Name: name, Value: v})
	}
	return out
}

// authenticated is what intake_authenticate answers for a key that fits.
type authenticated struct {
	TenantID      uuid.UUID `bun:"tenant_id"`
	Active        bool      `bun:"active"`
	SigningSecret *string   `bun:"signing_secret"`
	RetryAfter    int       `bun:"retry_after"`
}

var errUnauthenticated = httpx.NewError(http.StatusUnauthorized, api.CodeUnauthenticated, "unknown source or key")

// Handler handles POST /api/v1/intake/{sourceID}/leads: the source's API key (Authorization: Bearer) is the only
// credential it takes, and no other route takes such a key.
func (s *Service) Handler(w http.ResponseWriter, r *http.Request) error {
	start := time.Now()
	sourceID, err := uuid.Parse(r.PathValue("sourceID"))
	if err != nil {
		return errUnauthenticated // a malformed ID is an unknown source: nothing tells them apart
	}
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || strings.TrimSpace(key) == "" {
		return errUnauthenticated
	}
	hash := sha256.Sum256([]byte(strings.TrimSpace(key)))
	var auth []authenticated
	if err := s.db.NewRaw("SELECT * FROM intake_authenticate(?, ?)", sourceID, hash[:]).Scan(r.Context(), &auth); err != nil {
		return fmt.Errorf("intake: authenticate: %w", err)
	}
	if len(auth) == 0 {
		return errUnauthenticated
	}
	src := auth[0]
	res, err := s.deliver(r, sourceID, src)
	d := delivery{tenant: src.TenantID, source: sourceID, status: http.StatusOK, result: res, took: time.Since(start)}
	if err != nil {
		var he *httpx.Error
		if !errors.As(err, &he) {
			return err // a failure of the server, logged once by httpx
		}
		d.status, d.code = he.Status, he.Code
	}
	if rerr := s.record(context.WithoutCancel(r.Context()), d); rerr != nil {
		s.log.Warn("intake: recording a delivery failed", "source", sourceID, "err", rerr)
	}
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, res)
}

// deliver checks a delivery of an authenticated source and stores its leads.
func (s *Service) deliver(r *http.Request, sourceID uuid.UUID, src authenticated) (*api.IntakeResult, error) {
	if src.RetryAfter > 0 {
		e := httpx.NewError(http.StatusTooManyRequests, api.CodeRateLimited, "too many deliveries; try again later")
		e.Header = http.Header{"Retry-After": {strconv.Itoa(src.RetryAfter)}}
		return nil, e
	}
	if !src.Active {
		return nil, httpx.NewError(http.StatusConflict, api.CodeSourcePaused, "the source is paused")
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return nil, httpx.NewError(http.StatusUnsupportedMediaType, api.CodeUnsupportedMedia, "send application/json")
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, httpx.BodyError(err)
	}
	if src.SigningSecret != nil {
		if err := checkSignature(*src.SigningSecret, r.Header, body, time.Now()); err != nil {
			return nil, err
		}
	}
	raws, err := parseDelivery(body)
	if err != nil {
		return nil, err
	}
	return db.InTenantValue(r.Context(), s.db, src.TenantID, func(ctx context.Context, tx bun.Tx) (*api.IntakeResult, error) {
		source, err := load(ctx, tx, sourceID)
		if err != nil {
			return nil, err
		}
		res, _, err := deliverIn(ctx, tx, source, raws)
		return res, err
	})
}

// deliverIn maps and stores the leads of a delivery in tx, and returns the result and the IDs of the leads
// stored (by index; uuid.Nil for rejected ones).
func deliverIn(ctx context.Context, tx bun.Tx, source *Source, raws []rawLead) (*api.IntakeResult, []uuid.UUID, error) {
	m := newMapper(source.Mapping)
	res := &api.IntakeResult{Items: make([]api.IntakeItemResult, len(raws))}
	var items []lead.Incoming
	var at []int
	froms := make([]map[string]string, len(raws))
	for i, raw := range raws {
		in, from, bad := m.item(raw)
		froms[i] = from
		res.Items[i] = api.IntakeItemResult{Index: i, ExternalID: capName(raw.ExternalID)}
		if len(bad) > 0 {
			res.Items[i].Status, res.Items[i].Fields = api.IntakeRejected, bad
			continue
		}
		items, at = append(items, withTitle(in)), append(at, i)
	}
	ids := make([]uuid.UUID, len(raws))
	if len(items) > 0 {
		outcomes, err := lead.Deliver(ctx, tx, lead.Delivery{TenantID: source.TenantID, SourceID: source.ID,
			SourceName: source.Name, PipelineID: source.PipelineID, StageID: source.StageID,
			Assign: assigner{rules: source.Rules, fallback: source.FallbackOwnerID}.assign}, items)
		if err != nil {
			return nil, nil, err
		}
		for j, o := range outcomes {
			i := at[j]
			it := &res.Items[i]
			it.Status, it.PossibleDuplicate = o.Status, o.PossibleDuplicate
			if o.LeadID != uuid.Nil && o.Status != api.IntakeRejected {
				it.LeadID, ids[i] = o.LeadID.String(), o.LeadID
			}
			if len(o.Fields) > 0 {
				it.Fields = map[string]api.FieldCode{}
				for f, c := range o.Fields {
					it.Fields[sourceName(froms[i], f)] = c
				}
			}
		}
	}
	for _, it := range res.Items {
		switch it.Status {
		case api.IntakeCreated:
			res.Created++
		case api.IntakeUpdated:
			res.Updated++
		case api.IntakeUnchanged:
			res.Unchanged++
		default:
			res.Rejected++
		}
	}
	return res, ids, nil
}

// sourceName names a lead field's problem by the source's field that filled it (a lead field the delivery did
// not fill keeps its own name, e.g. a required custom field).
func sourceName(from map[string]string, field string) string {
	if n, ok := from[field]; ok {
		return n
	}
	return field
}

// checkSignature checks a signed delivery: X-Signature-Timestamp (Unix seconds, within signatureSkew of now) and
// X-Signature, "sha256=" and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the source's secret.
func checkSignature(secret string, h http.Header, body []byte, now time.Time) error {
	bad := httpx.NewError(http.StatusUnauthorized, api.CodeSignatureInvalid, "missing, wrong or stale signature")
	ts := h.Get("X-Signature-Timestamp")
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return bad
	}
	if d := now.Sub(time.Unix(sec, 0)); d > signatureSkew || d < -signatureSkew {
		return bad
	}
	got, ok := strings.CutPrefix(h.Get("X-Signature"), "sha256=")
	if !ok {
		return bad
	}
	sig, err := hex.DecodeString(got)
	if err != nil {
		return bad
	}
	if !hmac.Equal(sig, Sign(secret, ts, body)) {
		return bad
	}
	return nil
}

// Sign is the signature of a delivery (the simulator signs with it).
func Sign(secret, timestamp string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp))
	mac.Write([]byte("."))
	mac.Write(body)
	return mac.Sum(nil)
}

// delivery is a delivery as the admin sees it later.
type delivery struct {
	tenant, source uuid.UUID
	status         int
	code           api.ErrorCode
	result         *api.IntakeResult
	took           time.Duration
}

// record notes a delivery of an authenticated source (the outcome counts and the field codes of at most 20
// rejected leads, never values).
func (s *Service) record(ctx context.Context, d delivery) error {
	return db.InTenant(ctx, s.db, d.tenant, func(ctx context.Context, tx bun.Tx) error {
		row := map[string]any{"tenant_id": d.tenant, "source_id": d.source, "status": d.status, "code": string(d.code),
			"duration_ms": d.took.Milliseconds()}
		rejections := []api.IntakeItemResult{}
		if r := d.result; r != nil {
			row["items"], row["created"], row["updated"] = len(r.Items), r.Created, r.Updated
			row["unchanged"], row["rejected"] = r.Unchanged, r.Rejected
			for _, it := range r.Items {
				if it.Status == api.IntakeRejected && len(rejections) < 20 {
					rejections = append(rejections, it)
				}
			}
		}
		raw, err := json.Marshal(rejections)
		if err != nil {
			return err
		}
		row["rejections"] = string(raw)
		if _, err = tx.NewInsert().Model(&row).TableExpr("lead_deliveries").Exec(ctx); err != nil {
			return err
		}
		// After the delivery's own transaction: a source's row is not held while its leads are written.
		_, err = tx.NewUpdate().TableExpr("lead_sources").Set("last_delivery_at = now()").Where("id = ?", d.source).Exec(ctx)
		return err
	})
}
