// Command s3bucket waits until the S3 server of the ONESALES_TEST_S3_* variables takes writes, creates the bucket
// and proves it with an object written, read and removed (scripts/test.sh runs it after starting SeaweedFS).
//
//	go run ./internal/blob/blobtest/s3bucket [-wait 90s]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/1sales/app/backend/internal/blob"
	"github.com/1sales/app/backend/internal/blob/blobtest"
)

func main() {
	wait := flag.Duration("wait", 90*time.Second, "how long to wait for the server")
	flag.Parse()
	if err := run(*wait); err != nil {
		fmt.Fprintln(os.Stderr, "s3bucket:", err)
		os.Exit(1)
	}
}

func run(wait time.Duration) error {
	endpoint, bucket := os.Getenv(blobtest.EnvEndpoint), os.Getenv(blobtest.EnvBucket)
	if endpoint == "" || bucket == "" {
		return fmt.Errorf("%s and %s are required", blobtest.EnvEndpoint, blobtest.EnvBucket)
	}
	host, secure, err := blob.ParseS3Endpoint(endpoint, false)
	if err != nil {
		return err
	}
	region := os.Getenv(blobtest.EnvRegion)
	c, err := minio.New(host, &minio.Options{Secure: secure, Region: region, BucketLookup: minio.BucketLookupPath, MaxRetries: 1,
		Creds: credentials.NewStaticV4(os.Getenv(blobtest.EnvAccessKey), os.Getenv(blobtest.EnvSecretKey), "")})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	var last error
	for {
		if last = try(ctx, c, bucket, region); last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not take writes within %s: %w", endpoint, wait, last)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// try creates the bucket unless it is there, then writes, reads and removes an object.
func try(ctx context.Context, c *minio.Client, bucket, region string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ok, err := c.BucketExists(ctx, bucket)
	if err != nil {
		return err
	}
	if !ok {
		if err := c.MakeBucket(ctx, bucket, minio.MakeBucketOptions{Region: region}); err != nil {
			return err
		}
	}
	body := []byte("ready")
	if _, err := c.PutObject(ctx, bucket, ".ready-check", bytes.NewReader(body), int64(len(body)), minio.PutObjectOptions{}); err != nil {
		return err
	}
	o, err := c.GetObject(ctx, bucket, ".ready-check", minio.GetObjectOptions{})
	if err != nil {
		return err
	}
	got, err := io.ReadAll(o)
	o.Close()
	if err != nil {
		return err
	}
	if !bytes.Equal(got, body) {
		return errors.New("read back something else")
	}
	return c.RemoveObject(ctx, bucket, ".ready-check", minio.RemoveObjectOptions{})
}
