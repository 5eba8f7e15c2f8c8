package document

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/1sales/app/backend/internal/blob"
)

// sweepLockID is the advisory lock that lets one instance at a time sweep the store for orphans.
const sweepLockID = 0x15a1e6

// cleanupBatch is how many rows one transaction claims.
const cleanupBatch = 100

// CleanupReport says what a cleanup removed.
type CleanupReport struct {
	// Rows is the number of document rows removed with their bytes: uploads that never finished (their lease ran
	// out), documents of purged records and documents 30 days in the trash.
	Rows int
	// Orphans is the number of objects removed from the store that no row knew (a server killed mid-write).
	Orphans int
}

// Cleanup removes what is due, safely with several instances at once: rows are claimed with SKIP LOCKED, the
// bytes deleted, then the rows (releasing their quota); the store is swept for orphans when sweep is set and no
// other instance is sweeping.
func (s *Service) Cleanup(ctx context.Context, sweep bool) (CleanupReport, error) {
	var rep CleanupReport
	for {
		claimed, removed, err := s.cleanupRows(ctx)
		rep.Rows += removed
		if err != nil {
			return rep, err
		}
		if claimed < cleanupBatch || removed == 0 {
			break
		}
	}
	if sweep {
		n, err := s.sweepOrphans(ctx)
		rep.Orphans = n
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// cleanupRows claims one batch of due rows, deletes their bytes and then those rows whose bytes are gone.
func (s *Service) cleanupRows(ctx context.Context) (claimed, removed int, err error) {
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []struct {
			ID         uuid.UUID `bun:"id"`
			StorageKey string    `bun:"storage_key"`
		}
		if err := tx.NewRaw("SELECT id, storage_key FROM document_cleanup_claim(?)", cleanupBatch).
			Scan(ctx, &rows); err != nil {
			return fmt.Errorf("document: cleanup: claim: %w", err)
		}
		claimed = len(rows)
		var gone []uuid.UUID
		for _, r := range rows {
			if err := s.store.Delete(ctx, r.StorageKey); err != nil {
				s.log.Warn("document: cleanup: deleting bytes failed; the row stays for the next run", "document", r.ID, "err", err)
				continue
			}
			gone = append(gone, r.ID)
		}
		if len(gone) == 0 {
			return nil
		}
		return tx.NewRaw("SELECT document_cleanup_delete(?)", pgdialect.Array(gone)).Scan(ctx, &removed)
	})
	if err != nil {
		return claimed, 0, fmt.Errorf("document: cleanup: %w", err)
	}
	return claimed, removed, nil
}

// sweepOrphans deletes objects (and partial writes) older than OrphanGrace that no document row names. Rows are
// committed before their first byte is written, so an object without a row is never an upload in progress.
//
// It touches only what this installation wrote: it first claims the store again (ClaimStore: the folder or prefix
// is marked as this installation's, and nobody else's marker is there), the store lists only below its prefix,
// and of that only keys of the shape newStorageKey makes are considered. Objects of an earlier prefix are not
// swept (their documents are still read and removed through their rows).
func (s *Service) sweepOrphans(ctx context.Context) (int, error) {
	if err := s.ClaimStore(ctx); err != nil {
		return 0, fmt.Errorf("document: cleanup: sweep: %w", err)
	}
	prefix := s.store.Prefix()
	removed := 0
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var locked bool
		if err := tx.NewRaw("SELECT pg_try_advisory_xact_lock(?)", sweepLockID).Scan(ctx, &locked); err != nil {
			return err
		}
		if !locked {
			return nil // another instance is sweeping
		}
		cutoff := s.now().Add(-s.opts.OrphanGrace)
		var batch []string
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			var known []string
			if err := tx.NewRaw("SELECT document_keys_known(?)", pgdialect.Array(batch)).Scan(ctx, pgdialect.Array(&known)); err != nil {
				return err
			}
			isKnown := make(map[string]bool, len(known))
			for _, k := range known {
				isKnown[k] = true
			}
			for _, k := range batch {
				if isKnown[k] {
					continue
				}
				if err := s.store.Delete(ctx, k); err != nil {
					return err
				}
				s.log.Info("document: cleanup: removed bytes without a document", "key", k)
				removed++
			}
			batch = batch[:0]
			return nil
		}
		err := s.store.List(ctx, func(i blob.Info) error {
			rest, ok := strings.CutPrefix(i.Key, prefix)
			if !ok || !ownKey.MatchString(rest) || i.ModTime.After(cutoff) {
				return nil
			}
			batch = append(batch, i.Key)
			if len(batch) >= keysPerQuery {
				return flush()
			}
			return nil
		})
		if err != nil {
			return err
		}
		return flush()
	})
	if err != nil {
		return removed, fmt.Errorf("document: cleanup: sweep: %w", err)
	}
	return removed, nil
}

// keysPerQuery is how many keys the sweep asks document_keys_known about at once (the function takes at most
// 1000).
const keysPerQuery = 500

// ClaimStore marks the document store's folder or prefix as this installation's (its ID from the table
// installation), or fails when another installation's marker is there: two installations that share a folder or
// prefix would each take the other's documents for orphans. serve calls it before it serves; every sweep again.
func (s *Service) ClaimStore(ctx context.Context) error {
	var id string
	if err := s.db.NewRaw("SELECT id::text FROM installation").Scan(ctx, &id); err != nil {
		return fmt.Errorf("document: the installation's ID: %w", err)
	}
	return s.store.Claim(ctx, id)
}
