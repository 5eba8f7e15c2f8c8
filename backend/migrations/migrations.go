// Package migrations embeds the SQL migration files. Schema changes happen only here.
package migrations

import "embed"

// Files are the migration files, named <timestamp>_<name>.up.sql / .down.sql.
//
//go:embed *.sql
var Files embed.FS
