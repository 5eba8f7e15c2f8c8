package app

import (
	"strings"

	"github.com/1sales/app/shared/api"
)

// Enums returns the shared string enums in the form Wails' EnumBind expects (a slice of {Value, TSName} per
// enum), so that the generated models.ts has TypeScript enums instead of bare strings.
func Enums() []interface{} {
	return []interface{}{
		enum(api.AllRecordTypes),
		enum(api.AllActions),
		enum(api.AllScopes),
		enum(api.AllPlans),
		enum(api.AllSalutations),
		enum(api.AllContactKinds),
		enum(api.AllFieldKinds),
		enum(api.AllHistoryActions),
		enum(api.AllDealStatuses),
		enum(api.AllLeadStatuses),
		enum(api.AllConvertModes),
		enum(api.AllPrecisions),
		enum(api.AllGeoSources),
	}
}

// enumValue is one member of a TS enum. Generic only on the Go side: Wails reads it by reflection, and the enum
// types themselves cross the bridge as plain strings.
type enumValue[T ~string] struct {
	Value  T
	TSName string
}

func enum[T ~string](values []T) []enumValue[T] {
	out := make([]enumValue[T], len(values))
	for i, v := range values {
		out[i] = enumValue[T]{Value: v, TSName: tsName(string(v))}
	}
	return out
}

// tsName turns "in_progress" into "InProgress".
func tsName(v string) string {
	var b strings.Builder
	for _, part := range strings.Split(v, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
