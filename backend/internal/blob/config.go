package blob

import "fmt"

// Kinds of store.
const (
	KindFS = "fs"
	KindS3 = "s3"
)

// Config selects and configures the store (ONESALES_BLOB and friends, see package config).
type Config struct {
	// Kind is KindFS (default) or KindS3.
	Kind string
	// Dir is the file system store's folder.
	Dir string
	S3  S3Config
}

// New builds the configured store. It does no I/O: call Check before serving.
func New(cfg Config) (Store, error) {
	switch cfg.Kind {
	case "", KindFS:
		return NewFS(cfg.Dir)
	case KindS3:
		return NewS3(cfg.S3)
	default:
		return nil, fmt.Errorf("blob: unknown store %q (want %s or %s)", cfg.Kind, KindFS, KindS3)
	}
}
