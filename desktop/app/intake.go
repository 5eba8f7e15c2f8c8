package app

import (
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
