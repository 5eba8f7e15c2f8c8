// Package version names the build a program runs: the server's and the desktop's version for the help screen and
// support requests.
package version

import "runtime/debug"

// Current is the main module's version when it was built from a tagged module, else the commit it was built from
// (12 hex digits, "+dirty" with uncommitted changes), else "dev" (go test, go run without VCS information).
func Current() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "dev"
	}
	return rev[:min(len(rev), 12)] + dirty
}
