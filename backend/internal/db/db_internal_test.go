package db

import (
	"regexp"
	"strings"
	"testing"
)

// TestNamesConfigTableFindsTheTablesAsWords checks the word search against the regexp it replaced, on statements
// and on texts around word boundaries.
func TestNamesConfigTableFindsTheTablesAsWords(t *testing.T) {
	reference := regexp.MustCompile(`\b(users|roles|units|custom_fields)\b`)
	long := "INSERT INTO leads (title) VALUES " + strings.Repeat("('Kunde_users2'), ('superusers'), ", 2000) + "('x')"
	for _, q := range []string{
		"UPDATE users SET active = false WHERE id = 1",
		"DELETE FROM roles WHERE id = 1",
		"INSERT INTO custom_fields (name) VALUES ('x')",
		"WITH u AS (UPDATE units SET parent_id = NULL RETURNING id) SELECT * FROM u",
		`UPDATE "users" SET name = 'x'`,
		"INSERT INTO leads (title) VALUES ('users')",
		"INSERT INTO leads (title) VALUES ('Kunde_users')",
		"INSERT INTO leads (title) VALUES ('superusers2')",
		"INSERT INTO leads (title) VALUES ('units-Nord')",
		"INSERT INTO leads (title) VALUES ('xunits units2 custom_fieldsx')",
		"INSERT INTO leads (title) VALUES ('ärolesä')",
		"users", "roles_", "_units", "", "custom_field",
		long, long + " units",
	} {
		if got, want := namesConfigTable(q), reference.MatchString(q); got != want {
			t.Errorf("%.80q: %v, the regexp says %v", q, got, want)
		}
	}
}
