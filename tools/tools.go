//go:build tools

// Package tools pins the versions of the command-line tools the build uses.
// The Wails CLI is built from here (see scripts/deps.sh) rather than with
// `go install`, because the golang.org/x/tools pinned by the Wails release
// does not compile with current Go; this module requires a newer one.
package tools

import (
	_ "github.com/wailsapp/wails/v2/cmd/wails"
)
