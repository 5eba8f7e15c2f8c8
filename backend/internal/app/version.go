package app

import (
	"net/http"

	"github.com/1sales/app/backend/internal/buildinfo"
	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// version answers GET /api/v1/version.
func (a *App) version(w http.ResponseWriter, _ *http.Request) error {
	return httpx.JSON(w, http.StatusOK, api.ServerVersion{Version: buildinfo.Version(), APILevel: api.APILevel,
		MinDesktopVersion: a.cfg.Desktops.MinVersion, DesktopDownloadURL: a.cfg.Desktops.DownloadURL})
}

// ungated are the paths a desktop of any version may call: the probes and the version itself (which tells a
// desktop that is too old where to get a new one).
var ungated = map[string]bool{"/healthz": true, "/readyz": true, "/api/v1/version": true}

// versionGate answers a desktop older than cfg.Desktops.MinVersion 426 client.too_old instead of serving it, so
// that it shows "please update" rather than failing on a changed API. Requests without the desktop's header
// (api.ClientHeader: scripts, suppliers delivering leads, probes) pass.
func (a *App) versionGate(next http.Handler) http.Handler {
	min := a.cfg.Desktops.MinVersion
	if min == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v, ok := api.ClientVersion(r.Header.Get(api.ClientHeader)); ok && api.VersionLess(v, min) && !ungated[r.URL.Path] {
			httpx.WriteError(w, r, a.log, httpx.NewError(http.StatusUpgradeRequired, api.CodeClientTooOld,
				"this desktop version is older than "+min+", the oldest this server serves; update it"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
