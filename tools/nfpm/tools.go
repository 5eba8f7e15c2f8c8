//go:build tools

// Package tools pins the nfpm command (github.com/goreleaser/nfpm/v2/cmd/nfpm).
package tools

import _ "github.com/goreleaser/nfpm/v2/cmd/nfpm"
