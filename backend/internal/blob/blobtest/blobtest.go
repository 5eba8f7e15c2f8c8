// Package blobtest gives tests S3-compatible stores: a real S3 server outside the process (SeaweedFS, which
// scripts/test.sh starts and describes in the ONESALES_TEST_S3_* variables) and gofakes3 in the process.
package blobtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/1sales/app/backend/internal/blob"
)

// The variables that describe the external S3 server: an endpoint URL (http://127.0.0.1:PORT), an existing bucket,
// credentials and a region (optional).
const (
	EnvEndpoint  = "ONESALES_TEST_S3_ENDPOINT"
	EnvBucket    = "ONESALES_TEST_S3_BUCKET"
	EnvAccessKey = "ONESALES_TEST_S3_ACCESS_KEY"
	EnvSecretKey = "ONESALES_TEST_S3_SECRET_KEY"
	EnvRegion    = "ONESALES_TEST_S3_REGION"
)

// External returns the configuration of the S3 server the ONESALES_TEST_S3_* variables describe, with a key prefix
// of the test's own (tests share the bucket). Without the variables the test fails under CI (CI=true: make test
// always provides them) and is skipped elsewhere, saying how to run it.
func External(t testing.TB) blob.S3Config {
	t.Helper()
	cfg := blob.S3Config{Endpoint: os.Getenv(EnvEndpoint), Bucket: os.Getenv(EnvBucket), AccessKey: os.Getenv(EnvAccessKey),
		SecretKey: os.Getenv(EnvSecretKey), Region: os.Getenv(EnvRegion), PathStyle: true, Prefix: "test-" + Random()}
	if cfg.Endpoint == "" || cfg.Bucket == "" {
		msg := EnvEndpoint + " and " + EnvBucket + " are not set: run the tests through `make test` (or scripts/test.sh go-backend), " +
			"which starts SeaweedFS and sets them"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return cfg
}

// Fake serves gofakes3, an S3 server implementation in Go, over TLS on 127.0.0.1 until t ends, with the bucket
// "docs", and returns its configuration (prefix "1sales"). TLS because over plain HTTP minio-go signs streamed
// parts chunk by chunk (aws-chunked), which gofakes3 does not decode for multipart parts.
func Fake(t testing.TB) blob.S3Config {
	t.Helper()
	cfg, _ := FakeServer(t)
	return cfg
}

// FakeServer is Fake, with the server (to stop it: the store then becomes unreachable).
func FakeServer(t testing.TB) (blob.S3Config, *httptest.Server) {
	t.Helper()
	backend := s3mem.New()
	srv := httptest.NewUnstartedServer(gofakes3.New(backend).Server())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // clients hanging up mid-test are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	if err := backend.CreateBucket("docs"); err != nil {
		t.Fatal(err)
	}
	return blob.S3Config{Endpoint: srv.URL, Bucket: "docs", AccessKey: "test", SecretKey: "test-secret",
		Region: "eu-central-1", PathStyle: true, Prefix: "1sales", Transport: srv.Client().Transport}, srv
}

// Client is a plain S3 client for cfg's server, for what a test does behind the store's back (objects outside
// its prefix, unfinished multipart uploads).
func Client(t testing.TB, cfg blob.S3Config) *minio.Core {
	t.Helper()
	host, secure, err := blob.ParseS3Endpoint(cfg.Endpoint, cfg.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	c, err := minio.NewCore(host, &minio.Options{Creds: credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Region: cfg.Region, BucketLookup: minio.BucketLookupPath, Secure: secure, Transport: cfg.Transport})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Random is 12 random hex digits, for names of the test's own.
func Random() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Objects lists the keys below prefix in cfg's bucket ("" for all).
func Objects(t testing.TB, c *minio.Core, bucket, prefix string) []string {
	t.Helper()
	var keys []string
	for o := range c.Client.ListObjects(context.Background(), bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if o.Err != nil {
			t.Fatalf("list %s: %v", prefix, o.Err)
		}
		keys = append(keys, o.Key)
	}
	return keys
}
