package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// allLists names the All… list of every string enum of the package. The UI gets its vocabularies from these lists
// (desktop/app binds them), so a constant missing from its list would be a code the UI cannot name or translate.
var allLists = map[string][]string{
	"TwoFactorPolicy":       values(AllTwoFactorPolicies),
	"ChallengeKind":         values(AllChallengeKinds),
	"SecurityAction":        values(AllSecurityActions),
	"ActivityIcon":          values(AllActivityIcons),
	"Action":                values(AllActions),
	"ChangeKind":            values(AllChangeKinds),
	"ChangeTopic":           values(AllChangeTopics),
	"ConditionOp":           values(AllConditionOps),
	"ContactKind":           values(AllContactKinds),
	"ConvertMode":           values(AllConvertModes),
	"DashboardScope":        values(AllDashboardScopes),
	"DealStatus":            values(AllDealStatuses),
	"ErrorCode":             values(AllErrorCodes),
	"FieldCode":             values(AllFieldCodes),
	"FieldKind":             values(AllFieldKinds),
	"GeoSource":             values(AllGeoSources),
	"HistoryAction":         values(AllHistoryActions),
	"HistoryField":          values(AllHistoryFields),
	"IntakeTarget":          values(AllIntakeTargets),
	"IntakeItemStatus":      values(AllIntakeItemStatuses),
	"DuplicateReason":       values(AllDuplicateReasons),
	"LeadStatus":            values(AllLeadStatuses),
	"NotificationKind":      values(AllNotificationKinds),
	"ExportFormat":          values(AllExportFormats),
	"CSVStyle":              values(AllCSVStyles),
	"Language":              values(AllLanguages),
	"ExportColumn":          values(AllExportColumns),
	"OwnerKeyword":          values(AllOwnerKeywords),
	"Plan":                  values(AllPlans),
	"SetupStep":             values(AllSetupSteps),
	"PlacedAt":              values(AllPlacedAt),
	"Precision":             values(AllPrecisions),
	"RecordType":            values(AllRecordTypes),
	"Salutation":            values(AllSalutations),
	"Scope":                 values(AllScopes),
	"SortKey":               values(AllSortKeys),
	"ImportFileFormat":      values(AllImportFileFormats),
	"ImportEncoding":        values(AllImportEncodings),
	"ImportNumberFormat":    values(AllImportNumberFormats),
	"ImportDateFormat":      values(AllImportDateFormats),
	"ImportTarget":          values(AllImportTargets),
	"ImportValueKind":       values(AllImportValueKinds),
	"ImportDuplicateAction": values(AllImportDuplicateActions),
	"ImportOutcome":         values(AllImportOutcomes),
	"ImportStatus":          values(AllImportStatuses),
}

func values[T ~string](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// stringConstants parses the package's Go files (not the tests) and returns the values of the string constants
// of each named type: constants["ErrorCode"] holds "request.malformed_json", ... in source order. Untyped
// constants are left out.
func stringConstants(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	consts := map[string][]string{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.CONST {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				typ, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue // untyped, or of another package's type
				}
				if len(vs.Values) != len(vs.Names) {
					t.Fatalf("%s: constant %s of type %s has no value of its own; write each value out", fset.Position(vs.Pos()), vs.Names[0], typ.Name)
				}
				for i, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						t.Fatalf("%s: constant %s is not a string literal", fset.Position(v.Pos()), vs.Names[i])
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					consts[typ.Name] = append(consts[typ.Name], s)
				}
			}
		}
	}
	return consts
}

func TestEveryConstantIsInItsAllList(t *testing.T) {
	consts := stringConstants(t)
	if len(consts["ErrorCode"]) < 40 || len(consts["FieldCode"]) < 20 {
		t.Fatalf("the parser found too few constants (%d error codes, %d field codes): is the test reading the package?",
			len(consts["ErrorCode"]), len(consts["FieldCode"]))
	}
	for typ, want := range consts {
		t.Run(typ, func(t *testing.T) {
			list, ok := allLists[typ]
			if !ok {
				t.Fatalf("type %s has constants but no All… list in allLists: add the list to the package and to allLists", typ)
			}
			for _, v := range want {
				if !slices.Contains(list, v) {
					t.Errorf("All… list of %s lacks %q", typ, v)
				}
			}
			for i, v := range list {
				if !slices.Contains(want, v) {
					t.Errorf("All… list of %s holds %q, which is no constant of the type", typ, v)
				}
				if slices.Index(list, v) != i {
					t.Errorf("All… list of %s holds %q twice", typ, v)
				}
			}
		})
	}
	for typ := range allLists {
		if _, ok := consts[typ]; !ok {
			t.Errorf("allLists names %s, but the package has no constants of that type", typ)
		}
	}
}

func TestConditionOpsByKindCoverKindsAndOps(t *testing.T) {
	used := map[ConditionOp]bool{}
	for _, kind := range AllFieldKinds {
		ops, ok := ConditionOpsByKind[kind]
		if !ok || len(ops) == 0 {
			t.Errorf("field kind %q has no operators", kind)
		}
		for _, op := range ops {
			if !slices.Contains(AllConditionOps, op) {
				t.Errorf("kind %q: operator %q is not in AllConditionOps", kind, op)
			}
			used[op] = true
		}
	}
	if len(ConditionOpsByKind) != len(AllFieldKinds) {
		t.Errorf("ConditionOpsByKind has %d kinds, AllFieldKinds %d", len(ConditionOpsByKind), len(AllFieldKinds))
	}
	for _, op := range AllConditionOps {
		if !used[op] {
			t.Errorf("operator %q belongs to no field kind", op)
		}
	}
}

// TestEveryRecordKindListsItsHistoryFields: the UI's history table is generated per kind from HistoryFields, and the
// backend refuses a field a kind does not list there.
func TestEveryRecordKindListsItsHistoryFields(t *testing.T) {
	if len(HistoryFields) != len(CustomFieldTypes) {
		t.Fatalf("HistoryFields has %d kinds, the record kinds are %v", len(HistoryFields), CustomFieldTypes)
	}
	for _, rt := range CustomFieldTypes {
		fields := HistoryFields[rt]
		if len(fields) < 10 {
			t.Errorf("%s: %v", rt, fields)
		}
		for i, f := range fields {
			if slices.Index(fields, f) != i || !slices.Contains(AllHistoryFields, f) {
				t.Errorf("%s: %q twice or not in AllHistoryFields", rt, f)
			}
		}
	}
}
