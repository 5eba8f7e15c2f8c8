package seed

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/lostreason"
	"github.com/1sales/app/backend/internal/pipeline"
	"github.com/1sales/app/shared/api"
)

// pipelines seeds the demo company's deal pipeline "Bestellung auf Rechnung", a lead pipeline and lost reasons,
// once (when it has no pipeline yet).
func pipelines(ctx context.Context, owner *bun.DB, log *slog.Logger) error {
	var tenantID, adminID, unitID uuid.UUID
	if err := owner.NewRaw("SELECT tenant_id, id, unit_id FROM users WHERE lower(email) = lower(?)", DemoTenant().Users[0].Email).
		Scan(ctx, &tenantID, &adminID, &unitID); err != nil {
		return fmt.Errorf("seed: pipelines: %w", err)
	}
	n, err := owner.NewSelect().Table("pipelines").Where("tenant_id = ?", tenantID).Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	admin := access.NewActor(tenantID, adminID, uuid.Nil, unitID, uuid.Nil, []uuid.UUID{unitID}, true, nil)
	ps := pipeline.NewService(owner)
	for _, in := range []api.PipelineCreate{
		{RecordType: api.RecordDeal, Name: "Bestellung auf Rechnung", Stages: []api.StageInput{
			{Name: "Erste Kontaktaufnahme", Probability: 10}, {Name: "Anfrage eingegangen", Probability: 25},
			{Name: "Angebot verschickt", Probability: 50}, {Name: "Verhandlungen geführt", Probability: 75},
			{Name: "Bestellung eingegangen", Probability: 95}}},
		{RecordType: api.RecordLead, Name: "Lead-Qualifizierung", Stages: []api.StageInput{
			{Name: "Neu", Probability: 10}, {Name: "Kontaktiert", Probability: 30}, {Name: "Bedarf geklärt", Probability: 60},
			{Name: "Qualifiziert", Probability: 90}}},
	} {
		if _, err := ps.Create(ctx, admin, in); err != nil {
			return fmt.Errorf("seed: pipeline %s: %w", in.Name, err)
		}
	}
	rs := lostreason.NewService(owner)
	for _, in := range []api.LostReasonCreate{
		{RecordType: api.RecordDeal, Name: "Preis zu hoch", Description: "Das Angebot lag über dem Budget des Kunden."},
		{RecordType: api.RecordDeal, Name: "Wettbewerber gewählt", Description: "Der Kunde hat sich für einen anderen Anbieter entschieden."},
		{RecordType: api.RecordDeal, Name: "Kein Bedarf mehr", Description: "Das Projekt wurde abgesagt oder verschoben."},
		{RecordType: api.RecordLead, Name: "Nicht erreichbar", Description: "Mehrere Kontaktversuche ohne Antwort."},
		{RecordType: api.RecordLead, Name: "Kein Interesse", Description: ""},
		{RecordType: api.RecordLead, Name: "Falsche Zielgruppe", Description: "Passt nicht zu unserem Angebot."},
	} {
		if _, err := rs.Create(ctx, admin, in); err != nil {
			return fmt.Errorf("seed: lost reason %s: %w", in.Name, err)
		}
	}
	log.Info("seed: demo pipelines and lost reasons created")
	return nil
}
