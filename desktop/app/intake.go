package app

import (
	"context"
	"time"

	"github.com/1sales/app/desktop/client"
	"github.com/1sales/app/shared/api"
)

// Lead sources (issue 13): suppliers and channels that deliver leads through the intake API. Every signed-in user
// may list them (Sales.ListLeadSources, for the lead filter); the rest is the admin's (Admin). The intake itself
// (POST /intake/{sourceId}/leads with a source's API key) is for the suppliers, not the desktop.

// ListLeadSources lists the tenant's lead sources by name.
func (s *Sales) ListLeadSources() (api.LeadSourceList, error) {
	return client.Get[api.LeadSourceList](s.c.ctx, s.c, client.Path("lead-sources"), nil)
}

// AssignedLeads returns the leads that sources assigned to the caller since since (RFC 3339); Until is the next
// since. The desktop asks by itself while signed in and emits EventLeadsAssigned (see notice.go).
func (s *Sales) AssignedLeads(since string) (api.AssignedLeads, error) {
	return client.Get[api.AssignedLeads](s.c.ctx, s.c, client.Path("leads", "assigned"), client.Query("since", since))
}

// CreateLeadSource adds a lead source; an empty Mapping takes the server's default mapping.
func (a *Admin) CreateLeadSource(in api.LeadSourceCreate) (api.LeadSource, error) {
	return client.Create[api.LeadSource](a.c.ctx, a.c, client.Path("lead-sources"), in)
}

func (a *Admin) GetLeadSource(id string) (api.LeadSource, error) {
	return client.Get[api.LeadSource](a.c.ctx, a.c, client.Path("lead-sources", id), nil)
}

// UpdateLeadSource changes a source; Mapping and Rules replace the whole list when present (an empty one clears it).
func (a *Admin) UpdateLeadSource(id string, version int64, patch api.LeadSourcePatch) (api.LeadSource, error) {
	return client.Patch[api.LeadSource](a.c.ctx, a.c, client.Path("lead-sources", id), version, patch)
}

func (a *Admin) DeleteLeadSource(id string, version int64) error {
	return client.Delete(a.c.ctx, a.c, client.Path("lead-sources", id), version)
}

// ListLeadSourceKeys lists a source's API keys, newest first (never their secrets).
func (a *Admin) ListLeadSourceKeys(sourceID string) (api.LeadSourceKeyList, error) {
	return client.Get[api.LeadSourceKeyList](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "keys"), nil)
}

// CreateLeadSourceKey makes a new API key; its secret is in the answer and never again.
func (a *Admin) CreateLeadSourceKey(sourceID string) (api.LeadSourceKeyCreated, error) {
	return client.Create[api.LeadSourceKeyCreated](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "keys"), nil)
}

// RevokeLeadSourceKey revokes a key: deliveries with it are refused from then on.
func (a *Admin) RevokeLeadSourceKey(sourceID, keyID string) error {
	_, err := client.Unlink[struct{}](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "keys", keyID))
	return err
}

// RotateLeadSourceSigningSecret makes a new signing secret (shown once) and requires signed deliveries.
func (a *Admin) RotateLeadSourceSigningSecret(sourceID string) (api.SigningSecret, error) {
	return client.Put[api.SigningSecret](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "signing-secret"), nil)
}

// DisableLeadSourceSigning removes the signing secret: deliveries need no signature any more.
func (a *Admin) DisableLeadSourceSigning(sourceID string) error {
	_, err := client.Unlink[struct{}](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "signing-secret"))
	return err
}

// PreviewLeadSource shows what the source's mapping and rules make of a test payload; nothing is written.
func (a *Admin) PreviewLeadSource(sourceID string, in api.LeadSourcePreviewRequest) (api.LeadSourcePreview, error) {
	return client.Read[api.LeadSourcePreview](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "preview"), in)
}

// LeadSourceDeliveries lists the source's last 50 deliveries, newest first.
func (a *Admin) LeadSourceDeliveries(sourceID string) (api.LeadDeliveryList, error) {
	return client.Get[api.LeadDeliveryList](a.c.ctx, a.c, client.Path("lead-sources", sourceID, "deliveries"), nil)
}

// EventLeadsAssigned is emitted with an api.AssignedLeads (Count > 0) when lead sources assigned new leads to the
// signed-in user.
const EventLeadsAssigned = "leads:assigned"

// defaultNoticeInterval is how often the desktop asks for newly assigned leads while signed in.
const defaultNoticeInterval = 30 * time.Second

// startNotice starts asking cl every interval for the leads assigned since since, and stops the asking of the
// session before. Called with c.mu held.
func (c *core) startNotice(cl *client.Client, since time.Time) {
	c.stopNoticeLocked()
	ctx, cancel := context.WithCancel(c.ctx)
	c.stopNotice = cancel
	interval := c.cfg.NoticeInterval
	if interval <= 0 {
		interval = defaultNoticeInterval
	}
	go c.pollAssigned(ctx, cl, since, interval)
}

// stopNoticeLocked ends the asking for assigned leads; called with c.mu held.
func (c *core) stopNoticeLocked() {
	if c.stopNotice != nil {
		c.stopNotice()
		c.stopNotice = nil
	}
}

// pollAssigned asks until ctx ends. A failed ask is logged and repeated with the same since at the next tick, so
// that no assignment is missed; an expired session ends the polling through expired.
func (c *core) pollAssigned(ctx context.Context, cl *client.Client, since time.Time, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		got, err := client.Get[api.AssignedLeads](ctx, cl, client.Path("leads", "assigned"),
			client.Query("since", since.UTC().Format(time.RFC3339Nano)))
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			c.log.Info("asking for assigned leads failed", "err", err)
			continue
		}
		if !got.Until.IsZero() {
			since = got.Until
		}
		if got.Count > 0 {
			c.emit(EventLeadsAssigned, got)
		}
	}
}
