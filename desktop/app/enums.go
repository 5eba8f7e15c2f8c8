package app

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/1sales/app/shared/api"
)

// The vocabularies of shared/api cross to the UI in two generated forms, so that the frontend keeps no copy of its
// own:
//
//   - each enum is bound with EnumBind (Enums), which gives a TypeScript enum in frontend/src/lib/wailsjs/go/models.ts;
//     its members are sorted by name there;
//   - VocabularyTS renders frontend/src/lib/vocabulary.ts: every list below in Go's order (the order the UI shows
//     them in) and the operators of each custom field kind.
//
// scripts/bindings.sh writes both; TestVocabularyFileIsCurrent fails when vocabulary.ts no longer matches.

// vocabulary is one list of an enum's values.
type vocabulary struct {
	// name is the Go variable ("AllRecordTypes"), enum its type ("RecordType").
	name, enum string
	values     []string
	// bind is the list in the form EnumBind takes; nil for a further list of an enum bound with another.
	bind interface{}
}

func vocab[T ~string](name string, values []T) vocabulary {
	return vocabulary{name: name, enum: reflect.TypeFor[T]().Name(), values: strs(values), bind: enum(values)}
}

// subset is a list of some values of an enum that another list binds.
func subset[T ~string](name string, values []T) vocabulary {
	v := vocab(name, values)
	v.bind = nil
	return v
}

func strs[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// vocabularies lists what crosses: every string enum of shared/api with its All… list, and the lists the UI needs
// besides.
func vocabularies() []vocabulary {
	return []vocabulary{
		vocab("AllRecordTypes", api.AllRecordTypes),
		subset("CustomFieldTypes", api.CustomFieldTypes),
		vocab("AllActions", api.AllActions),
		vocab("AllScopes", api.AllScopes),
		vocab("AllPlans", api.AllPlans),
		vocab("AllSalutations", api.AllSalutations),
		vocab("AllContactKinds", api.AllContactKinds),
		vocab("AllFieldKinds", api.AllFieldKinds),
		vocab("AllHistoryActions", api.AllHistoryActions),
		vocab("AllHistoryFields", api.AllHistoryFields),
		vocab("AllDealStatuses", api.AllDealStatuses),
		vocab("AllLeadStatuses", api.AllLeadStatuses),
		vocab("AllConvertModes", api.AllConvertModes),
		vocab("AllPrecisions", api.AllPrecisions),
		vocab("AllGeoSources", api.AllGeoSources),
		vocab("AllPlacedAt", api.AllPlacedAt),
		vocab("AllErrorCodes", api.AllErrorCodes),
		vocab("AllFieldCodes", api.AllFieldCodes),
		vocab("AllSortKeys", api.AllSortKeys),
		vocab("AllConditionOps", api.AllConditionOps),
		vocab("AllOwnerKeywords", api.AllOwnerKeywords),
		vocab("AllActivityIcons", api.AllActivityIcons),
		vocab("AllDashboardScopes", api.AllDashboardScopes),
		vocab("AllIntakeTargets", api.AllIntakeTargets),
		vocab("AllIntakeItemStatuses", api.AllIntakeItemStatuses),
		vocab("AllDuplicateReasons", api.AllDuplicateReasons),
		vocab("AllChangeTopics", api.AllChangeTopics),
		vocab("AllChangeKinds", api.AllChangeKinds),
		vocab("AllNotificationKinds", api.AllNotificationKinds),
		vocab("AllExportFormats", api.AllExportFormats),
		vocab("AllCSVStyles", api.AllCSVStyles),
		vocab("AllLanguages", api.AllLanguages),
		vocab("AllExportColumns", api.AllExportColumns),
		vocab("AllImportFileFormats", api.AllImportFileFormats),
		vocab("AllImportEncodings", api.AllImportEncodings),
		vocab("AllImportNumberFormats", api.AllImportNumberFormats),
		vocab("AllImportDateFormats", api.AllImportDateFormats),
		vocab("AllImportTargets", api.AllImportTargets),
		vocab("AllImportValueKinds", api.AllImportValueKinds),
		vocab("AllImportDuplicateActions", api.AllImportDuplicateActions),
		vocab("AllImportOutcomes", api.AllImportOutcomes),
		vocab("AllImportStatuses", api.AllImportStatuses),
		vocab("AllTwoFactorPolicies", api.AllTwoFactorPolicies),
		vocab("AllChallengeKinds", api.AllChallengeKinds),
		vocab("AllSecurityActions", api.AllSecurityActions),
		vocab("AllSetupSteps", api.AllSetupSteps),
	}
}

// Enums returns the shared string enums in the form Wails' EnumBind expects (a slice of {Value, TSName} per
// enum), so that the generated models.ts has TypeScript enums instead of bare strings.
func Enums() []interface{} {
	var out []interface{}
	for _, v := range vocabularies() {
		if v.bind != nil {
			out = append(out, v.bind)
		}
	}
	// The desktop's own vocabulary: bound for its TS enum (app.LiveStatus), no list in vocabulary.ts.
	return append(out, enum(AllLiveStatuses))
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

// tsName turns a value into the name of its TS enum member: "in_progress" -> "InProgress",
// "request.malformed_json" -> "RequestMalformedJson", "map-pin" -> "MapPin", "createdAt" -> "CreatedAt".
func tsName(v string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// tsListName is the name of a list in vocabulary.ts: "AllRecordTypes" -> "RECORD_TYPES".
func tsListName(goName string) string {
	var b strings.Builder
	for i, r := range strings.TrimPrefix(goName, "All") {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// VocabularyTS renders frontend/src/lib/vocabulary.ts.
func VocabularyTS() string {
	var b strings.Builder
	b.WriteString(`// Code generated by scripts/bindings.sh from shared/api (desktop/app/enums.go). DO NOT EDIT.

/**
 * The vocabularies of shared/api in Go's order, the order the UI shows them in (the enums of ./wailsjs/go/models.ts
 * have their members sorted by name). Each list is typed by its generated enum.
 */
import type { api } from './wailsjs/go/models';
`)
	for _, v := range vocabularies() {
		fmt.Fprintf(&b, "\n/** api.%s */\n", v.name)
		b.WriteString(tsLine("", "export const "+tsListName(v.name)+" = ", v.values, " as const satisfies readonly `${api."+v.enum+"}`[];"))
	}
	b.WriteString("\n/** api.ConditionOpsByKind: the operators of a condition on a custom field of each kind, in the UI's order. */\n")
	b.WriteString("export const CONDITION_OPS_BY_KIND = {\n")
	for _, kind := range api.AllFieldKinds {
		b.WriteString(tsLine("  ", string(kind)+": ", strs(api.ConditionOpsByKind[kind]), ","))
	}
	b.WriteString("} as const satisfies Readonly<Record<`${api.FieldKind}`, readonly `${api.ConditionOp}`[]>>;\n")
	b.WriteString("\n/** api.HistoryFields: the fields the history of each record kind can name, in the order of a change's lines. */\n")
	b.WriteString("export const HISTORY_FIELDS_BY_TYPE = {\n")
	for _, rt := range api.CustomFieldTypes {
		b.WriteString(tsLine("  ", string(rt)+": ", strs(api.HistoryFields[rt]), ","))
	}
	b.WriteString("} as const satisfies Readonly<Partial<Record<`${api.RecordType}`, readonly `${api.HistoryField}`[]>>>;\n")
	return b.String()
}

// tsLine writes indent, head, values as a TS array literal and tail: on one line when that fits 120 characters,
// else with one value a line.
func tsLine(indent, head string, values []string, tail string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "'" + v + "'"
	}
	if line := indent + head + "[" + strings.Join(quoted, ", ") + "]" + tail; len(line) <= 120 {
		return line + "\n"
	}
	var b strings.Builder
	b.WriteString(indent + head + "[\n")
	for _, q := range quoted {
		b.WriteString(indent + "  " + q + ",\n")
	}
	b.WriteString(indent + "]" + tail + "\n")
	return b.String()
}
