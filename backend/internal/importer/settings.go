package importer

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/record"
	"github.com/1sales/app/shared/api"
)

// plan is a checked set of settings: the mapped columns (ignored ones left out) and the default owner.
type plan struct {
	set      fieldSet
	settings api.ImportSettings
	maps     []mapping
	byTarget map[string]mapping
	owner    uuid.UUID
	// places are the pipelines of deals and leads.
	places *places
}

// mapping is a column mapped to a target.
type mapping struct {
	api.ImportMapping
	field field
}

// check validates settings against the file's columns and the targets of the record type (422 with the fields
// named in api.ImportSettings), and the default owner against the actor's create scope.
func check(ctx context.Context, tx bun.IDB, a *access.Actor, rt api.RecordType, set fieldSet, columns int, s api.ImportSettings) (*plan, error) {
	p := &plan{set: set, settings: s, byTarget: map[string]mapping{}}
	var v httpx.Validation
	seenCol := map[int]bool{}
	for i, m := range s.Columns {
		key := fmt.Sprintf("columns[%d]", i)
		if m.Column < 0 || m.Column >= columns {
			v.Field(key+".column", api.FieldInvalid)
			continue
		}
		if seenCol[m.Column] {
			v.Field(key+".column", api.FieldDuplicate)
			continue
		}
		seenCol[m.Column] = true
		if m.Target == "" || m.Target == string(api.TargetIgnore) {
			continue
		}
		f, ok := set.byTarget(m.Target)
		switch {
		case !ok:
			v.Field(key+".target", api.FieldUnknown)
			continue
		case p.byTarget[m.Target].field.Target != "":
			v.Field(key+".target", api.FieldDuplicate)
			continue
		}
		switch f.Kind {
		case api.ImportValueNumber:
			if m.Number == "" {
				v.Field(key+".number", api.FieldRequired)
			} else if !slices.Contains(api.AllImportNumberFormats, m.Number) {
				v.Field(key+".number", api.FieldInvalid)
			}
		case api.ImportValueDate:
			if m.Date == "" {
				v.Field(key+".date", api.FieldRequired)
			} else if !slices.Contains(api.AllImportDateFormats, m.Date) {
				v.Field(key+".date", api.FieldInvalid)
			}
		}
		mm := mapping{ImportMapping: m, field: f}
		p.maps = append(p.maps, mm)
		p.byTarget[m.Target] = mm
	}
	mapped := func(t api.ImportTarget) bool { _, ok := p.byTarget[string(t)]; return ok }
	switch rt {
	case api.RecordPerson:
		if !mapped(api.TargetLastName) && !mapped(api.TargetFirstName) && !mapped(api.TargetFullName) && !mapped(api.TargetEmail) {
			v.Field(string(api.TargetLastName), api.FieldRequired)
		}
	case api.RecordOrganization:
		if !mapped(api.TargetName) {
			v.Field(string(api.TargetName), api.FieldRequired)
		}
	case api.RecordLead:
		if !mapped(api.TargetTitle) && !mapped(api.TargetCompany) && !mapped(api.TargetFullName) && !mapped(api.TargetFirstName) &&
			!mapped(api.TargetLastName) {
			v.Field(string(api.TargetTitle), api.FieldRequired)
		}
	case api.RecordDeal:
		if !mapped(api.TargetTitle) {
			v.Field(string(api.TargetTitle), api.FieldRequired)
		}
		if !mapped(api.TargetPerson) && !mapped(api.TargetOrganization) {
			v.Field(string(api.TargetPerson), api.FieldRequired)
			v.Field(string(api.TargetOrganization), api.FieldRequired)
		}
	}
	if rt == api.RecordPerson || rt == api.RecordDeal {
		for _, m := range p.maps {
			if strings.HasPrefix(m.Target, "organization.") && !mapped(api.TargetOrganization) {
				v.Field(string(api.TargetOrganization), api.FieldRequired)
				break
			}
		}
	}
	if rt == api.RecordDeal || rt == api.RecordLead {
		var err error
		if p.places, err = loadPlaces(ctx, tx, rt, s, &v); err != nil {
			return nil, err
		}
	}
	for _, f := range set.list {
		if f.custom != nil && f.Required && !mapped(api.ImportTarget(f.Target)) {
			v.Field(f.Target, api.FieldRequired)
		}
	}
	d := s.Duplicates
	if !slices.Contains(api.AllImportDuplicateActions, d.Action) {
		v.Field("duplicates.action", api.FieldInvalid)
	}
	if d.Target != "" {
		f, ok := set.byTarget(d.Target)
		switch {
		case !ok || !f.Duplicates:
			v.Field("duplicates.target", api.FieldInvalid)
		case !mapped(api.ImportTarget(d.Target)):
			v.Field("duplicates.target", api.FieldRequired)
		}
	}
	p.owner = record.Owner(ctx, tx, a, rt, api.ActionCreate, s.OwnerID, &v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return p, nil
}
