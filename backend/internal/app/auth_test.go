package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/backend/internal/config"
	"github.com/1sales/app/shared/api"
)

func login(env *apptest.Env, email, password string) *apptest.Response {
	return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: email, Password: password}})
}

func TestLoginRejectsWrongPasswordAndUnknownUserAlike(t *testing.T) {
	env := apptest.Start(t)
	for _, tc := range []struct{ name, email, password string }{
		{"wrong password", apptest.Admin, "falsch-falsch"},
		{"unknown user", "niemand@nordlicht.example", apptest.Password},
		{"e-mail of another case still needs the password", "CLAUDIA.BECKER@nordlicht.example", "nope-nope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := login(env, tc.email, tc.password)
			if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeInvalidCredentials {
				t.Fatalf("got %d %s, want 401 %s", resp.Status, resp.Body, api.CodeInvalidCredentials)
			}
		})
	}
	if resp := login(env, "Claudia.Becker@Nordlicht.example", apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("e-mail is case-insensitive: got %d %s", resp.Status, resp.Body)
	}
}

func loginFrom(env *apptest.Env, addr, email, password string) *apptest.Response {
	return env.DoFrom(addr, apptest.Request{Method: "POST", Path: "/api/v1/auth/login", Body: api.LoginRequest{Email: email, Password: password}})
}

func wantThrottled(t *testing.T, resp *apptest.Response, maxWait int) {
	t.Helper()
	if resp.Status != http.StatusTooManyRequests || resp.Error(t).Code != api.CodeThrottled {
		t.Fatalf("got %d %s, want 429 %s", resp.Status, resp.Body, api.CodeThrottled)
	}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || ra < 1 || ra > maxWait {
		t.Fatalf("Retry-After = %q, want 1..%d", resp.Header.Get("Retry-After"), maxWait)
	}
}

// The lock-out the probe found: five wrong passwords for the victim's e-mail from one address refused the
// victim's right password from everywhere. The hard limit is per account and address now.
func TestFailedSignInsFromOneAddressDoNotLockTheOwnerOutElsewhere(t *testing.T) {
	env := apptest.Start(t, func(c *config.Config) { c.LoginThrottleWindow = 2 * time.Second })
	const attacker, owner = "127.0.0.2", "127.0.0.3"
	for i := range 5 {
		if resp := loginFrom(env, attacker, apptest.FieldRepNord, "wrong-"+strconv.Itoa(i)); resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d %s", i, resp.Status, resp.Body)
		}
	}
	// The attacker's address is refused, even with the right password, and told when to try again.
	wantThrottled(t, loginFrom(env, attacker, apptest.FieldRepNord, apptest.Password), 2)
	// The owner, elsewhere, signs in.
	if resp := loginFrom(env, owner, apptest.FieldRepNord, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("owner from another address: got %d %s", resp.Status, resp.Body)
	}
	// Their success clears their own address's failures, not the attacker's.
	wantThrottled(t, loginFrom(env, attacker, apptest.FieldRepNord, apptest.Password), 2)
	// Another account from the attacker's address is not affected by one account's failures.
	if resp := loginFrom(env, attacker, apptest.FieldRepSued, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("other account: got %d %s", resp.Status, resp.Body)
	}
	// Once the window has passed, the attacker's address may try again: nothing is locked for good.
	time.Sleep(2100 * time.Millisecond)
	if resp := loginFrom(env, attacker, apptest.FieldRepNord, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("after the window: got %d %s", resp.Status, resp.Body)
	}
}

func TestSprayingManyAccountsFromOneAddressIsRefusedAfterThirty(t *testing.T) {
	env := apptest.Start(t)
	const sprayer = "127.0.0.4"
	for i := range 30 {
		if resp := loginFrom(env, sprayer, fmt.Sprintf("unbekannt%d@nordlicht.example", i), "x-wrong-x"); resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d %s", i, resp.Status, resp.Body)
		}
	}
	wantThrottled(t, loginFrom(env, sprayer, apptest.InsideSales, apptest.Password), 15*60)
	if resp := loginFrom(env, "127.0.0.5", apptest.InsideSales, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("another address: got %d %s", resp.Status, resp.Body)
	}
}

// Attempts on one account from many addresses (each below its own limit) slow the account down, with a delay
// that doubles with every further attempt; the owner's address, from which they signed in before, is exempt.
func TestAnAccountUnderAttackFromManyAddressesIsSlowedButItsOwnerSignsIn(t *testing.T) {
	env := apptest.Start(t)
	const home, stranger = "127.0.0.9", "127.0.3.1"
	if resp := loginFrom(env, home, apptest.FieldRepSued, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("owner at home: %d %s", resp.Status, resp.Body)
	}
	for i := range 10 {
		if resp := loginFrom(env, fmt.Sprintf("127.0.2.%d", i+1), apptest.FieldRepSued, "rate-mal"); resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: got %d %s", i, resp.Status, resp.Body)
		}
	}
	// Ten failures within the hour: the next attempt from an address the account never signed in from waits a
	// second after the latest, whatever the password.
	wantThrottled(t, loginFrom(env, stranger, apptest.FieldRepSued, apptest.Password), 1)
	// The owner at home is not held up.
	if resp := loginFrom(env, home, apptest.FieldRepSued, apptest.Password); resp.Status != http.StatusOK {
		t.Fatalf("owner at home during the attack: got %d %s", resp.Status, resp.Body)
	}
	// After the delay a stranger may try once more; after that failure the delay has doubled.
	time.Sleep(1100 * time.Millisecond)
	if resp := loginFrom(env, stranger, apptest.FieldRepSued, "rate-mal"); resp.Status != http.StatusUnauthorized {
		t.Fatalf("after the delay: got %d %s", resp.Status, resp.Body)
	}
	resp := loginFrom(env, "127.0.3.2", apptest.FieldRepSued, apptest.Password)
	wantThrottled(t, resp, 2)
	if resp.Header.Get("Retry-After") != "2" {
		t.Fatalf("Retry-After after 11 failures = %q, want 2", resp.Header.Get("Retry-After"))
	}
}

// evaluated counts the attempts on an account whose password was compared (auth_signin_finish marks them).
func evaluated(t *testing.T, env *apptest.Env, emails ...string) int {
	t.Helper()
	var n int
	if err := env.DB.Owner.NewRaw("SELECT count(*) FROM login_failures WHERE email IN (?) AND checked_at IS NOT NULL",
		bun.In(emails)).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The probe sent 40 concurrent wrong passwords for one account and 60 from one address, and every one was checked:
// the limits were read before the check and written after it. Attempts are counted before the check now.
func TestConcurrentSignInsCannotOutrunTheLimits(t *testing.T) {
	env := apptest.Start(t)
	type attempt struct{ addr, email string }
	flood := func(attempts []attempt) map[int]int {
		statuses := map[int]int{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		ready := make(chan struct{}) // all at once
		for _, a := range attempts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-ready
				resp, err := env.TryFrom(a.addr, apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
					Body: api.LoginRequest{Email: a.email, Password: "falsch-falsch"}})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					statuses[0]++
					return
				}
				statuses[resp.Status]++
			}()
		}
		close(ready)
		wg.Wait()
		return statuses
	}
	for _, tc := range []struct {
		name     string
		attempts func(i int) attempt
		n, limit int
		delayed  bool // the limit is the per-account delay, which lets one more through after 1 s, 3 s, 7 s...
	}{
		{"one account from one address: 5 per account and address", func(int) attempt { return attempt{"127.0.5.1", apptest.Manager} }, 40, 5, false},
		{"one account from 40 addresses: the account's delay starts after 10", func(i int) attempt {
			return attempt{fmt.Sprintf("127.0.6.%d", i+1), apptest.InsideSales}
		}, 40, 10, true},
		{"60 accounts from one address: 30 per address", func(i int) attempt {
			return attempt{"127.0.7.1", fmt.Sprintf("spray%d@nordlicht.example", i)}
		}, 60, 30, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			attempts := make([]attempt, tc.n)
			emails := map[string]bool{}
			for i := range attempts {
				attempts[i] = tc.attempts(i)
				emails[attempts[i].email] = true
			}
			before, start := env.App.Hasher().Computed(), time.Now()
			statuses := flood(attempts)
			hashes := env.App.Hasher().Computed() - before
			if took := time.Since(start); tc.delayed {
				tc.limit += int(math.Log2(took.Seconds() + 1)) // on a slow machine the attempts may spread over seconds
			}
			var list []string
			for e := range emails {
				list = append(list, e)
			}
			checked := evaluated(t, env, list...)
			t.Logf("%d concurrent attempts: statuses %v; %d passwords compared, %d argon2id computations (limit %d)",
				tc.n, statuses, checked, hashes, tc.limit)
			if statuses[0] > 0 || statuses[http.StatusInternalServerError] > 0 {
				t.Fatalf("failed requests: %v", statuses)
			}
			if checked > tc.limit || hashes > int64(tc.limit) || statuses[http.StatusUnauthorized] > tc.limit {
				t.Fatalf("%d compared, %d computed, %d answered 401: more than the limit %d", checked, hashes,
					statuses[http.StatusUnauthorized], tc.limit)
			}
			if statuses[http.StatusUnauthorized] != checked || checked == 0 {
				t.Fatalf("%d answered 401 but %d were compared", statuses[http.StatusUnauthorized], checked)
			}
			if statuses[http.StatusTooManyRequests]+statuses[http.StatusServiceUnavailable]+checked != tc.n {
				t.Fatalf("statuses %v do not add up to %d", statuses, tc.n)
			}
		})
	}
}

// rss reads the resident set size of this process (the test binary: server and clients) and its peak so far.
func rss() (now, peak int64, err error) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, fmt.Errorf("memory of the process: %w", err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(line, "VmRSS: %d kB", &kb); err == nil {
			now = kb << 10
		} else if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			peak = kb << 10
		}
	}
	if now == 0 {
		return 0, 0, fmt.Errorf("no VmRSS in /proc/self/status")
	}
	return now, peak, nil
}

// The probe's flood: 150 concurrent sign-ins took the server to about 2.4 GB (each argon2id check takes 19 MiB and
// nothing bounded how many ran), made other requests time out and one answered 500. Now at most
// auth.DefaultHashSlots checks run at once, the rest wait up to 2 s and are answered 503 auth.busy.
func TestASignInFloodStaysWithinMemoryAndOtherRequestsAreServed(t *testing.T) {
	env := apptest.Start(t)
	token := env.Token(apptest.Manager)
	const n, budget = 150, 500 << 20
	runtime.GC()
	debug.FreeOSMemory()
	base, _, err := rss()
	if err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var peak atomic.Int64
	var samplers sync.WaitGroup
	samplers.Add(2)
	go func() { // memory, every 5 ms
		defer samplers.Done()
		for {
			if now, _, _ := rss(); now > peak.Load() {
				peak.Store(now)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var others, healthz, me []time.Duration
	var otherFailures []string
	go func() { // other requests meanwhile, one after the other
		defer samplers.Done()
		for i := 0; ; i++ {
			req := apptest.Request{Method: "GET", Path: "/healthz"}
			if i%2 == 1 {
				req = apptest.Request{Method: "GET", Path: "/api/v1/me", Token: token}
			}
			start := time.Now()
			resp, err := env.TryFrom("127.0.0.1", req)
			took := time.Since(start)
			others = append(others, took)
			if i%2 == 1 {
				me = append(me, took)
			} else {
				healthz = append(healthz, took)
			}
			if err != nil || resp.Status != http.StatusOK {
				otherFailures = append(otherFailures, fmt.Sprintf("%s: %v %v", req.Path, err, resp))
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	statuses := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	before := env.App.Hasher().Computed()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every sign-in from an address and for an account of its own, so that none is throttled and each
			// needs a check; every 30th is a real user with the right password.
			email, password := fmt.Sprintf("flut%d@nordlicht.example", i), "falsch-falsch"
			if i%30 == 0 {
				email, password = []string{apptest.Admin, apptest.FieldRepNord, apptest.FieldRepSued, apptest.InsideSales, apptest.OtherAdmin}[i/30], apptest.Password
			}
			resp, err := env.TryFrom(fmt.Sprintf("127.0.1.%d", i+1), apptest.Request{Method: "POST", Path: "/api/v1/auth/login",
				Body: api.LoginRequest{Email: email, Password: password}})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				statuses[0]++
			case resp.Status == http.StatusServiceUnavailable:
				var env api.ErrorEnvelope
				if err := json.Unmarshal(resp.Body, &env); err != nil || env.Error.Code != api.CodeBusy || resp.Header.Get("Retry-After") == "" {
					t.Errorf("503 without auth.busy and Retry-After: %v %s", resp.Header, resp.Body)
				}
				statuses[resp.Status]++
			default:
				statuses[resp.Status]++
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	close(done)
	samplers.Wait()
	_, hwm, _ := rss()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	slowest := slices.Max(others)
	t.Logf("%d concurrent sign-ins in %s with %d hash slots: statuses %v, %d argon2id computations; "+
		"process RSS %d MiB before, peak %d MiB sampled during the flood (VmHWM %d MiB over the whole test binary, heap obtained from the OS %d MiB); "+
		"%d other requests meanwhile, slowest %s (GET /healthz %s, GET /api/v1/me %s)",
		n, took.Round(time.Millisecond), env.App.Hasher().Slots(), statuses, env.App.Hasher().Computed()-before,
		base>>20, peak.Load()>>20, hwm>>20, ms.HeapSys>>20, len(others), slowest.Round(time.Millisecond),
		slices.Max(healthz).Round(time.Millisecond), slices.Max(me).Round(time.Millisecond))
	if statuses[0] > 0 || statuses[http.StatusInternalServerError] > 0 {
		t.Fatalf("failed sign-ins: %v", statuses)
	}
	if statuses[http.StatusOK]+statuses[http.StatusUnauthorized]+statuses[http.StatusServiceUnavailable] != n {
		t.Fatalf("unexpected statuses: %v", statuses)
	}
	if peak.Load() > budget {
		t.Fatalf("the process grew to %d MiB during the flood, over %d MiB", peak.Load()>>20, budget>>20)
	}
	if len(otherFailures) > 0 || len(others) < 3 {
		t.Fatalf("other requests during the flood (%d): failures %v", len(others), otherFailures)
	}
	if slowest > 5*time.Second { // half the request timeout, which the probe's requests ran into
		t.Fatalf("another request took %s during the flood", slowest)
	}
}

func refresh(env *apptest.Env, token string) *apptest.Response {
	return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: api.RefreshRequest{RefreshToken: token}})
}

func TestRefreshTokenRotatesAndReuseRevokesTheChain(t *testing.T) {
	env := apptest.Start(t)
	first := env.Login(apptest.Manager)

	resp := refresh(env, first.RefreshToken)
	if resp.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", resp.Status, resp.Body)
	}
	var second api.Session
	resp.Decode(t, &second)
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" || second.Me.User.Email != apptest.Manager {
		t.Fatalf("refresh did not rotate: %+v", second)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: second.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("new access token: %d", r.Status)
	}

	// Replaying the spent first token is detected and ends the whole session.
	resp = refresh(env, first.RefreshToken)
	if resp.Status != http.StatusUnauthorized || resp.Error(t).Code != api.CodeTokenReused {
		t.Fatalf("reuse: got %d %s", resp.Status, resp.Body)
	}
	if r := refresh(env, second.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("the chain's newest token must die too: got %d", r.Status)
	}
	for _, tok := range []string{first.AccessToken, second.AccessToken} {
		if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: tok}); r.Status != http.StatusUnauthorized {
			t.Fatalf("access token of a revoked session: got %d", r.Status)
		}
	}
	// Other sessions of the same user live on.
	if r := refresh(env, env.Login(apptest.Manager).RefreshToken); r.Status != http.StatusOK {
		t.Fatalf("a fresh session: %d", r.Status)
	}
	if r := refresh(env, "not-a-token"); r.Status != http.StatusUnauthorized || r.Error(t).Code != api.CodeTokenInvalid {
		t.Fatalf("garbage token: %d %s", r.Status, r.Body)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	env := apptest.Start(t)
	s := env.Login(apptest.InsideSales)
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Body: api.LogoutRequest{RefreshToken: s.RefreshToken}}); r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	if r := refresh(env, s.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("refresh after logout: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("access after logout: %d", r.Status)
	}
}

func TestDeactivationEndsSessionsAtOnce(t *testing.T) {
	env := apptest.Start(t)
	admin := env.Token(apptest.Admin)
	rep := env.Login(apptest.FieldRepSued)
	id := env.Demo.Users[apptest.FieldRepSued].String()

	get := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/" + id, Token: admin})
	resp := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + id, Token: admin,
		Header: map[string]string{"If-Match": get.Header.Get("ETag")}, Body: map[string]any{"active": false}})
	if resp.Status != http.StatusOK {
		t.Fatalf("deactivate: %d %s", resp.Status, resp.Body)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: rep.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("access token of a deactivated user: %d", r.Status)
	}
	if r := refresh(env, rep.RefreshToken); r.Status != http.StatusUnauthorized {
		t.Fatalf("refresh of a deactivated user: %d", r.Status)
	}
	if r := login(env, apptest.FieldRepSued, apptest.Password); r.Status != http.StatusUnauthorized {
		t.Fatalf("sign-in of a deactivated user: %d", r.Status)
	}
	// Admins cannot deactivate themselves.
	self := env.Demo.Users[apptest.Admin].String()
	get = env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/" + self, Token: admin})
	r := env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + self, Token: admin,
		Header: map[string]string{"If-Match": get.Header.Get("ETag")}, Body: map[string]any{"active": false}})
	if r.Status != http.StatusUnprocessableEntity || r.Error(t).Fields["active"] != api.FieldInvalid {
		t.Fatalf("self-deactivation: %d %s", r.Status, r.Body)
	}
}

func TestChangeOwnPassword(t *testing.T) {
	env := apptest.Start(t)
	s := env.Login(apptest.FieldRepNord)
	other := env.Login(apptest.FieldRepNord)
	change := func(cur, next string) *apptest.Response {
		return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/me/password", Token: s.AccessToken,
			Body: api.PasswordChange{CurrentPassword: cur, NewPassword: next}})
	}
	if r := change("falsch", "Neu-Passwort-1"); r.Status != 422 || r.Error(t).Fields["currentPassword"] != api.FieldWrongPassword {
		t.Fatalf("wrong current: %d %s", r.Status, r.Body)
	}
	if r := change(apptest.Password, "kurz"); r.Status != 422 || r.Error(t).Fields["newPassword"] != api.FieldTooShort {
		t.Fatalf("too short: %d %s", r.Status, r.Body)
	}
	for _, common := range []string{"password", "12345678", "Passwort123!", "hallo123", "qwertz2024"} {
		if r := change(apptest.Password, common); r.Status != 422 || r.Error(t).Fields["newPassword"] != api.FieldCommon {
			t.Fatalf("common %q: %d %s", common, r.Status, r.Body)
		}
	}
	if r := change(apptest.Password, "Neu-Passwort-1"); r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	if r := login(env, apptest.FieldRepNord, apptest.Password); r.Status != http.StatusUnauthorized {
		t.Fatalf("old password still works: %d", r.Status)
	}
	if r := login(env, apptest.FieldRepNord, "Neu-Passwort-1"); r.Status != http.StatusOK {
		t.Fatalf("new password: %d", r.Status)
	}
	// The session that changed it lives on; the user's other sessions end.
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("own session: %d", r.Status)
	}
	if r := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: other.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("other session: %d", r.Status)
	}
}

// Checking the current password is a sign-in attempt like any other: a stolen access token is no way to guess the
// password without limits.
func TestChangePasswordThrottlesGuessesOfTheCurrentPassword(t *testing.T) {
	env := apptest.Start(t)
	s := env.Login(apptest.InsideSales)
	change := func(cur string) *apptest.Response {
		return env.DoFrom("127.0.0.6", apptest.Request{Method: "POST", Path: "/api/v1/me/password", Token: s.AccessToken,
			Body: api.PasswordChange{CurrentPassword: cur, NewPassword: "Neu-Passwort-1"}})
	}
	for i := range 5 {
		if r := change("geraten-" + strconv.Itoa(i)); r.Status != 422 || r.Error(t).Fields["currentPassword"] != api.FieldWrongPassword {
			t.Fatalf("guess %d: %d %s", i, r.Status, r.Body)
		}
	}
	wantThrottled(t, change(apptest.Password), 15*60)
	// From the owner's usual address the change goes through.
	if r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/me/password", Token: s.AccessToken,
		Body: api.PasswordChange{CurrentPassword: apptest.Password, NewPassword: "Neu-Passwort-1"}}); r.Status != http.StatusNoContent {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
}

func TestAdminsCannotGiveUsersCommonPasswords(t *testing.T) {
	env := apptest.Start(t)
	admin := env.Token(apptest.Admin)
	create := func(email, password string) *apptest.Response {
		return env.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: admin, Body: api.UserCreate{
			Email: email, Name: "Neue Kollegin", Password: password,
			UnitID: env.Demo.Units["Innendienst"].String(), RoleID: env.Demo.Roles["Innendienst"].String()}})
	}
	for _, common := range []string{"password", "12345678", "Passwort1!", "Hallo1234", "schatz2024", "P@ssw0rd"} {
		if r := create("neu@nordlicht.example", common); r.Status != 422 || r.Error(t).Fields["password"] != api.FieldCommon {
			t.Fatalf("create with %q: %d %s", common, r.Status, r.Body)
		}
	}
	// A common password is reported with the other fields' problems.
	r := env.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: admin, Body: api.UserCreate{
		Email: "neu@nordlicht.example", Name: "Neu", Password: "passwort", UnitID: "kaputt", RoleID: env.Demo.Roles["Innendienst"].String()}})
	if r.Status != 422 || r.Error(t).Fields["password"] != api.FieldCommon || r.Error(t).Fields["unitId"] != api.FieldInvalid {
		t.Fatalf("several problems: %d %s", r.Status, r.Body)
	}
	r = create("neu@nordlicht.example", "Blauer-Kran-am-Hafen-7")
	if r.Status != http.StatusCreated {
		t.Fatalf("strong password: %d %s", r.Status, r.Body)
	}
	var u api.User
	r.Decode(t, &u)
	if resp := login(env, "neu@nordlicht.example", "Blauer-Kran-am-Hafen-7"); resp.Status != http.StatusOK {
		t.Fatalf("the new user signs in: %d %s", resp.Status, resp.Body)
	}
	// Setting a new password for a user is held to the same rule.
	patch := func(password string) *apptest.Response {
		get := env.Do(apptest.Request{Method: "GET", Path: "/api/v1/users/" + u.ID, Token: admin})
		return env.Do(apptest.Request{Method: "PATCH", Path: "/api/v1/users/" + u.ID, Token: admin,
			Header: map[string]string{"If-Match": get.Header.Get("ETag")}, Body: map[string]any{"password": password}})
	}
	if r := patch("sommer2024"); r.Status != 422 || r.Error(t).Fields["password"] != api.FieldCommon {
		t.Fatalf("reset to a common password: %d %s", r.Status, r.Body)
	}
	if r := patch("Gruene-Boje-vor-Sylt-3"); r.Status != http.StatusOK {
		t.Fatalf("reset: %d %s", r.Status, r.Body)
	}
	if resp := login(env, "neu@nordlicht.example", "Gruene-Boje-vor-Sylt-3"); resp.Status != http.StatusOK {
		t.Fatalf("sign-in with the reset password: %d %s", resp.Status, resp.Body)
	}
}
