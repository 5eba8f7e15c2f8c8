package backup

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Tools runs PostgreSQL's pg_dump and pg_restore (the client package of PostgreSQL 15 or newer: postgresql-client
// on Debian).
type Tools struct {
	// BinDir is the folder of pg_dump and pg_restore (ONESALES_PG_BIN_DIR); "" looks in PATH, then in
	// /usr/lib/postgresql/<newest>/bin.
	BinDir string
}

// find returns the path of a PostgreSQL program.
func (t Tools) find(name string) (string, error) {
	if t.BinDir != "" {
		p := filepath.Join(t.BinDir, name)
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("backup: %s not found in ONESALES_PG_BIN_DIR (%s): %w", name, t.BinDir, err)
		}
		return p, nil
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.Reverse(dirs) // the newest version first (10 sorts after 9 only by luck; all supported ones have two digits)
	for _, d := range dirs {
		if p := filepath.Join(d, name); fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("backup: %s not found: install PostgreSQL's client programs (apt-get install postgresql-client) "+
		"or set ONESALES_PG_BIN_DIR to their folder", name)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// libpq turns a database URL into one for libpq without the password, which goes into PGPASSWORD instead: a
// password on a command line is visible to every user of the machine (ps).
func libpq(dsn string) (string, []string, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, errors.New("backup: the database URL must be a postgres:// URL")
	}
	env := os.Environ()
	if u.User != nil {
		if pw, ok := u.User.Password(); ok {
			env = append(env, "PGPASSWORD="+pw)
			u.User = url.User(u.User.Username())
		}
	}
	return u.String(), env, nil
}

// run runs a PostgreSQL program and returns its standard output; its standard error goes into the error.
func (t Tools) run(ctx context.Context, dsn, name string, args ...string) ([]byte, error) {
	bin, err := t.find(name)
	if err != nil {
		return nil, err
	}
	env := os.Environ()
	if dsn != "" {
		var conn string
		if conn, env, err = libpq(dsn); err != nil {
			return nil, err
		}
		args = append(args, "--no-password", "--dbname="+conn)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stdout bytes.Buffer
	var stderr limitedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("backup: %s: %w: %s", name, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// dump writes the database in pg_dump's custom format to path, from the exported snapshot.
func (t Tools) dump(ctx context.Context, dsn, snapshot, path string) error {
	_, err := t.run(ctx, dsn, "pg_dump", "--format=custom", "--snapshot="+snapshot, "--lock-wait-timeout=60000", "--file="+path)
	return err
}

// restore restores the dump at path in one transaction: pg_restore turns it into SQL, which psql runs. The owner
// of the objects becomes the connecting role (--no-owner); privileges are restored as dumped (the REVOKEs from
// PUBLIC of the definer functions matter). On the way the comments on extensions are left out (restoreFilter):
// only an extension's owner may set them, and a superuser created the untrusted ones. The script keeps pg_dump's
// empty search path, as a plain pg_restore by an operator would run it: a function that an index evaluates and
// that calls another without its schema fails the restore (and the drill), see the migration
// 20261211130000_restorable_functions.
func (t Tools) restore(ctx context.Context, dsn, path string) error {
	pgRestore, err := t.find("pg_restore")
	if err != nil {
		return err
	}
	psql, err := t.find("psql")
	if err != nil {
		return err
	}
	conn, env, err := libpq(dsn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dump := exec.CommandContext(ctx, pgRestore, "--no-owner", "--file=-", path)
	var dumpErr, psqlErr limitedBuffer
	dump.Stderr = &dumpErr
	script, err := dump.StdoutPipe()
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	run := exec.CommandContext(ctx, psql, "-X", "-q", "--no-password", "-v", "ON_ERROR_STOP=1", "--single-transaction",
		"--dbname="+conn, "--file=-")
	run.Env = env
	run.Stderr = &psqlErr
	in, err := run.StdinPipe()
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := dump.Start(); err != nil {
		return fmt.Errorf("backup: pg_restore: %w", err)
	}
	if err := run.Start(); err != nil {
		cancel()
		_ = dump.Wait()
		return fmt.Errorf("backup: psql: %w", err)
	}
	filterErr := restoreFilter(script, in)
	_ = in.Close()
	if filterErr != nil {
		cancel() // psql must not commit a script that was cut short
	}
	runErr := run.Wait()
	if filterErr != nil {
		_ = dump.Wait()
		return fmt.Errorf("backup: pg_restore output: %w", filterErr)
	}
	if err := dump.Wait(); err != nil {
		return fmt.Errorf("backup: pg_restore: %w: %s", err, dumpErr.String())
	}
	if runErr != nil {
		return fmt.Errorf("backup: psql: %w: %s", runErr, psqlErr.String())
	}
	return nil
}

// restoreFilter copies pg_restore's script without the comments on extensions, leaving the data of COPY blocks
// as they are.
func restoreFilter(r io.Reader, w io.Writer) error {
	br := bufio.NewReaderSize(r, 1<<20)
	bw := bufio.NewWriterSize(w, 1<<20)
	inCopy := false
	for {
		line, err := br.ReadString('\n')
		if len(line) > 0 {
			switch {
			case inCopy:
				inCopy = line != "\\.\n"
			case strings.HasPrefix(line, "COPY ") && strings.HasSuffix(line, " FROM stdin;\n"):
				inCopy = true
			case strings.HasPrefix(line, "COMMENT ON EXTENSION "):
				line = ""
			}
			if _, werr := bw.WriteString(line); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return bw.Flush()
		}
		if err != nil {
			return err
		}
	}
}

// limitedBuffer keeps the first 4,000 bytes written to it (a program's standard error).
type limitedBuffer struct{ b bytes.Buffer }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 4000 - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string { return strings.TrimSpace(l.b.String()) }
