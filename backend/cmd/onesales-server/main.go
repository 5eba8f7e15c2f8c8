// Command onesales-server is the 1sales backend: `serve` runs the API, `migrate` applies the schema, `seed`
// creates the German demo company on first run.
package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/1sales/app/backend/internal/app"
	"github.com/1sales/app/backend/internal/auth"
	"github.com/1sales/app/backend/internal/backfill"
	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/buildinfo"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/backend/internal/db"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/backend/internal/invitation"
	"github.com/1sales/app/backend/internal/secretbox"
	"github.com/1sales/app/backend/internal/seed"
	"github.com/1sales/app/backend/internal/supplier"
	"github.com/1sales/app/shared/api"
)

const usage = `usage: onesales-server <command>

commands:
  serve    run the HTTP API (ONESALES_DATABASE_URL, ONESALES_TOKEN_SECRET, ONESALES_SECRET_KEY, ONESALES_ADDR; documents in
           ONESALES_BLOB_DIR, or ONESALES_BLOB=s3 with ONESALES_S3_*; HTTPS with ONESALES_TLS_CERT_FILE and
           ONESALES_TLS_KEY_FILE; metrics on ONESALES_METRICS_ADDR; see docs/operations.md)
  version  print the server's version
  migrate  apply the database migrations under a lock (ONESALES_MIGRATION_DATABASE_URL); with ONESALES_SECRET_KEY
           also seal the stored secrets not sealed with it
  seed     create the demo company unless present (ONESALES_MIGRATION_DATABASE_URL)
  create-tenant -name NAME -plan basic|professional -admin-email EMAIL -admin-name NAME [-invite] [-language de|en]
           create a customer company with its first admin; the password is read from
           ONESALES_ADMIN_PASSWORD or the first line of standard input (ONESALES_MIGRATION_DATABASE_URL);
           with -invite the admin gets an invitation by e-mail instead (its link starts with
           ONESALES_PUBLIC_URL; a running server's mail worker sends it)
  backup -to DIR
           write a consistent backup of the database and the document store into the new folder DIR
           (ONESALES_MIGRATION_DATABASE_URL, the document store's settings; pg_dump from ONESALES_PG_BIN_DIR or PATH)
  restore -from DIR
           check the backup in DIR and restore it into an empty database and document store; exit code 3: the
           backup is corrupt, 4: the database or store is not empty (nothing written in either case)
  simulate-supplier -url URL -source ID [-batches N] [-size N] [-prefix P] [-seed N]
           deliver realistic German leads to a lead source as a supplier such as 1leads would; the source's
           API key from ONESALES_SOURCE_KEY, its signing secret (if it signs) from ONESALES_SOURCE_SECRET
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1], os.Args[2:]); err != nil {
		slog.Error("onesales-server failed", "command", os.Args[1], "err", err)
		os.Exit(exitCode(err))
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	if cmd == "version" {
		fmt.Println(buildinfo.Version())
		return nil
	}
	if cmd == "simulate-supplier" { // a client of a running backend: no configuration of its own
		return simulateSupplier(ctx, args)
	}
	switch cmd {
	case "serve", "migrate", "seed", "create-tenant", "backup", "restore":
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	cfg, err := config.Load(cmd == "serve")
	if err != nil {
		return err
	}
	log := slog.New(httpx.LogRequestID(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))
	slog.SetDefault(log)
	switch cmd {
	case "serve":
		pool, err := db.Open(ctx, cfg.DatabaseURL, log, db.WithSlowQuery(cfg.SlowQuery))
		if err != nil {
			return err
		}
		defer pool.Close()
		store, err := blob.New(cfg.Blob)
		if err != nil {
			return err
		}
		// The store must be there (folder writable, bucket existing) and this installation's before anything is
		// served or cleaned up: a wrong setting stops the start with a message instead of failing uploads later.
		if err := store.Check(ctx); err != nil {
			return err
		}
		a := app.New(cfg, pool, log, app.WithBlobStore(store))
		if err := a.ClaimDocumentStore(ctx); err != nil {
			return err
		}
		// Secrets stored in plaintext (before encryption) or under a previous key are sealed with the current key;
		// one sealed with a key not configured stops the start.
		if _, err := a.SealSecrets(ctx); err != nil {
			return err
		}
		log.Info("document store", "kind", cmp.Or(cfg.Blob.Kind, blob.KindFS), "dir", cfg.Blob.Dir, "bucket", cfg.Blob.S3.Bucket,
			"prefix", store.Prefix())
		return a.Serve(ctx)
	case "migrate":
		owner, err := db.OpenMaintenance(ctx, cfg.MigrationDatabaseURL, log)
		if err != nil {
			return err
		}
		defer owner.Close()
		if err := db.Migrate(ctx, owner, cfg.AppRole, log); err != nil {
			return err
		}
		if err := backfill.Run(ctx, owner, log); err != nil {
			return err
		}
		// With the secret key configured, migrate seals the stored secrets too (else serve does at its start).
		box, err := cfg.SecretBox()
		if err != nil || box == nil {
			return err
		}
		_, err = secretbox.Reseal(ctx, owner, box, log)
		return err
	case "seed":
		owner, err := db.OpenMaintenance(ctx, cfg.MigrationDatabaseURL, log)
		if err != nil {
			return err
		}
		defer owner.Close()
		return seed.Demo(ctx, owner, log)
	case "backup", "restore":
		return backupOrRestore(ctx, cmd, cfg, log, args)
	default:
		return createTenant(ctx, cfg, log, args)
	}
}

// createTenant provisions a customer company with its default roles, a root unit and the first admin.
func createTenant(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("create-tenant", flag.ContinueOnError)
	name := fs.String("name", "", "company name")
	plan := fs.String("plan", string(api.PlanBasic), "plan: basic or professional")
	email := fs.String("admin-email", "", "e-mail of the first admin")
	adminName := fs.String("admin-name", "", "name of the first admin")
	invite := fs.Bool("invite", false, "invite the first admin by e-mail instead of reading a password")
	language := fs.String("language", string(api.LanguageDE), "with -invite: the language of the company's mails, de or en")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *invite {
		return inviteTenant(ctx, cfg, log, api.OperatorTenantCreate{Name: *name, Plan: api.Plan(*plan), AdminEmail: *email,
			AdminName: *adminName, Language: api.Language(*language)})
	}
	if *name == "" || *email == "" || *adminName == "" {
		return errors.New("create-tenant: -name, -admin-email and -admin-name are required")
	}
	if p := api.Plan(*plan); p != api.PlanBasic && p != api.PlanProfessional {
		return fmt.Errorf("create-tenant: unknown plan %q", *plan)
	}
	password := os.Getenv("ONESALES_ADMIN_PASSWORD")
	if password == "" {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("create-tenant: read password from standard input: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	switch auth.PasswordProblem(password) {
	case "":
	case api.FieldRequired, api.FieldTooShort:
		return fmt.Errorf("create-tenant: the password needs at least %d characters", auth.MinPasswordLength)
	case api.FieldTooLong:
		return fmt.Errorf("create-tenant: the password may have at most %d characters", auth.MaxPasswordLength)
	default:
		return errors.New("create-tenant: the password is one of the most common passwords; choose another")
	}
	owner, err := db.OpenMaintenance(ctx, cfg.MigrationDatabaseURL, log)
	if err != nil {
		return err
	}
	defer owner.Close()
	p, err := seed.Provision(ctx, owner, seed.TenantSpec{
		Name: *name, Plan: api.Plan(*plan), NewCustomer: true,
		Units: []seed.UnitSpec{{Name: *name}},
		Users: []seed.UserSpec{{Email: *email, Name: *adminName, Password: password, Role: "Administrator", Unit: *name}},
	})
	if err != nil {
		return err
	}
	log.Info("tenant created", "tenantId", p.TenantID, "admin", *email)
	return nil
}

// inviteTenant creates a customer company whose first admin is invited by e-mail (invitation.CreateTenant, as
// the operator API does), as the schema owner. The mail is queued; a running server sends it.
func inviteTenant(ctx context.Context, cfg config.Config, log *slog.Logger, in api.OperatorTenantCreate) error {
	if cfg.PublicURL == "" {
		return errors.New("create-tenant -invite: ONESALES_PUBLIC_URL is required (the invitation's link starts with it)")
	}
	owner, err := db.OpenMaintenance(ctx, cfg.MigrationDatabaseURL, log)
	if err != nil {
		return err
	}
	defer owner.Close()
	svc := invitation.NewService(owner, auth.NewHasher(0, 0), invitation.Options{PublicURL: cfg.PublicURL, Log: log})
	out, err := svc.CreateTenant(ctx, owner, in, cfg.PublicURL)
	if e, ok := httpx.AsError(err); ok {
		return fmt.Errorf("create-tenant -invite: %s %v", e.Message, e.Fields)
	}
	if err != nil {
		return err
	}
	fmt.Printf("tenant %s created; invitation %s queued to the first admin\n", out.TenantID, out.InvitationID)
	return nil
}

// simulateSupplier delivers leads to a running backend's intake API (supplier.Run).
func simulateSupplier(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("simulate-supplier", flag.ContinueOnError)
	o := supplier.Options{Key: os.Getenv("ONESALES_SOURCE_KEY"), Secret: os.Getenv("ONESALES_SOURCE_SECRET")}
	fs.StringVar(&o.URL, "url", "http://127.0.0.1:8421", "the backend's base URL")
	fs.StringVar(&o.SourceID, "source", "", "the lead source's ID")
	fs.IntVar(&o.Batches, "batches", 1, "how many batches")
	fs.IntVar(&o.Size, "size", 10, "leads per batch (at most 500)")
	fs.StringVar(&o.Prefix, "prefix", "", "the supplier IDs' prefix (default: one per run; repeat it to deliver the same leads again)")
	fs.Uint64Var(&o.Seed, "seed", 1, "the seed of the made-up leads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.SourceID == "" || o.Key == "" {
		return errors.New("simulate-supplier needs -source and ONESALES_SOURCE_KEY")
	}
	return supplier.Run(ctx, o, os.Stdout)
}
