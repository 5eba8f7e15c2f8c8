// Package buildinfo tells the server's version: the one the build stamped in (scripts/lib.sh build_backend:
// -ldflags "-X github.com/1sales/app/backend/internal/buildinfo.version=1.2.3"), else the module version go
// install recorded, else Dev.
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// version is set by the linker; it is the only variable the build writes.
var version string

// Dev is the version of a build that was not stamped (go run, go test, a plain go build).
const Dev = "0.0.0-dev"

// Version is the server's version.
func Version() string {
	if version != "" {
		return strings.TrimPrefix(version, "v")
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return Dev
}
