package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/1sales/app/backend/internal/backup"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/buildinfo"
	"github.com/1sales/app/backend/internal/config"
)

// Exit codes of backup and restore besides 0 (done) and 1 (failed): the operator's scripts tell them apart.
const (
	exitUsage    = 2
	exitCorrupt  = 3 // the backup is corrupt or incomplete; nothing was written
	exitNotEmpty = 4 // the database or the document store holds data; nothing was overwritten
)

// exitCode is the process's exit status for err.
func exitCode(err error) int {
	var usage usageError
	switch {
	case errors.As(err, &usage):
		return exitUsage
	case errors.Is(err, backup.ErrCorrupt):
		return exitCorrupt
	case errors.Is(err, backup.ErrNotEmpty):
		return exitNotEmpty
	default:
		return 1
	}
}

type usageError struct{ error }

// backupOrRestore runs `backup -to DIR` or `restore -from DIR` with the owner's database URL and the configured
// document store.
func backupOrRestore(ctx context.Context, cmd string, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	var dir string
	if cmd == "backup" {
		fs.StringVar(&dir, "to", "", "the folder to write the backup into (new or empty)")
	} else {
		fs.StringVar(&dir, "from", "", "the folder of the backup")
	}
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if dir == "" || fs.NArg() > 0 {
		return usageError{fmt.Errorf("%s: want %s DIR", cmd, map[string]string{"backup": "-to", "restore": "-from"}[cmd])}
	}
	store, err := blob.New(cfg.Blob)
	if err != nil {
		return err
	}
	if err := store.Check(ctx); err != nil {
		return err
	}
	o := backup.Options{OwnerURL: cfg.MigrationDatabaseURL, AppRole: cfg.AppRole, Store: store,
		StoreKind: cmp.Or(cfg.Blob.Kind, blob.KindFS), Tools: backup.Tools{BinDir: os.Getenv("ONESALES_PG_BIN_DIR")},
		Version: buildinfo.Version(), Log: log}
	if cmd == "backup" {
		_, err = backup.Backup(ctx, o, dir)
	} else {
		_, err = backup.Restore(ctx, o, dir)
	}
	return err
}
