// Package linkpage serves the small pages the links in the server's mails open (an invitation's, a password
// reset's): plain HTML in German or English, no script, one form that sets a password. The form posts back to the
// page's own path with the token in a hidden field; the token never appears in a path, so logs (which show paths
// only) never see it.
package linkpage

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/1sales/app/backend/internal/httpx"
	"github.com/1sales/app/shared/api"
)

// Kind is what a page does.
type Kind string

// The pages.
const (
	Invitation    Kind = "invitation"
	PasswordReset Kind = "password_reset"
)

// State is which of its three faces a page shows.
type State int

// The states.
const (
	// Form asks for the password (again, with Problem, after a refused one).
	Form State = iota
	// Done says the password is set.
	Done
	// Invalid says the link is unknown, used, revoked or expired.
	Invalid
)

// Page is one page to write.
type Page struct {
	Kind  Kind
	State State
	Lang  api.Language
	// Token goes into the form's hidden field; Email and Company are shown above it (may be "").
	Token, Email, Company string
	// Problem is the field code of a refused password ("": none); Mismatch: the confirmation differs.
	Problem  api.FieldCode
	Mismatch bool
	// MinLength is the shortest password accepted (for the hint and the message).
	MinLength int
}

// Language picks the page's language from the browser's Accept-Language when the link names no tenant: English
// when the browser prefers it to German, German otherwise.
func Language(r *http.Request) api.Language {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		switch {
		case strings.HasPrefix(tag, "de"):
			return api.LanguageDE
		case strings.HasPrefix(tag, "en"):
			return api.LanguageEN
		}
	}
	return api.LanguageDE
}

// Write answers the page with status.
func Write(w http.ResponseWriter, status int, p Page) error {
	t, ok := texts[p.Lang]
	if !ok {
		t = texts[api.LanguageDE]
	}
	data := struct {
		Page
		T        map[string]string
		Title    string
		Message  string
		ShowForm bool
	}{Page: p, T: t, Title: t[string(p.Kind)+".title"], ShowForm: p.State == Form}
	switch {
	case p.State == Done:
		data.Message = t[string(p.Kind)+".done"]
	case p.State == Invalid:
		data.Message = t["invalid"]
	case p.Mismatch:
		data.Message = t["mismatch"]
	case p.Problem != "":
		if m, ok := t["password."+string(p.Problem)]; ok {
			data.Message = m
		} else {
			data.Message = t["password.invalid"]
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	return page.Execute(w, data)
}

// texts are the pages' words, by language.
var texts = map[api.Language]map[string]string{
	api.LanguageDE: {
		"invitation.title":     "Einladung annehmen",
		"invitation.intro":     "Legen Sie Ihr Passwort fest, um der Firma beizutreten.",
		"invitation.done":      "Ihr Konto ist angelegt. Melden Sie sich jetzt in der 1sales-App mit Ihrer E-Mail-Adresse und dem neuen Passwort an.",
		"password_reset.title": "Neues Passwort festlegen",
		"password_reset.intro": "Legen Sie ein neues Passwort fest. Danach sind alle Geräte abgemeldet.",
		"password_reset.done":  "Ihr Passwort ist geändert. Melden Sie sich in der 1sales-App mit dem neuen Passwort an.",
		"invalid":              "Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitten Sie um einen neuen.",
		"company":              "Firma",
		"email":                "E-Mail-Adresse",
		"password":             "Passwort",
		"confirm":              "Passwort wiederholen",
		"hint":                 "Mindestens %d Zeichen; keines der häufigsten Passwörter.",
		"submit":               "Passwort festlegen",
		"mismatch":             "Die beiden Passwörter stimmen nicht überein.",
		"password.required":    "Bitte geben Sie ein Passwort ein.",
		"password.too_short":   "Das Passwort ist zu kurz.",
		"password.too_long":    "Das Passwort ist zu lang.",
		"password.common":      "Dieses Passwort ist zu verbreitet. Wählen Sie ein anderes.",
		"password.invalid":     "Dieses Passwort ist nicht zulässig.",
		"password.taken":       "Für diese E-Mail-Adresse besteht schon ein Konto.",
	},
	api.LanguageEN: {
		"invitation.title":     "Accept the invitation",
		"invitation.intro":     "Set your password to join the company.",
		"invitation.done":      "Your account is ready. Sign in to the 1sales app with your e-mail address and the new password.",
		"password_reset.title": "Set a new password",
		"password_reset.intro": "Set a new password. Every device is signed out afterwards.",
		"password_reset.done":  "Your password is changed. Sign in to the 1sales app with the new password.",
		"invalid":              "This link is invalid, expired or was used already. Ask for a new one.",
		"company":              "Company",
		"email":                "E-mail address",
		"password":             "Password",
		"confirm":              "Repeat the password",
		"hint":                 "At least %d characters; none of the most common passwords.",
		"submit":               "Set password",
		"mismatch":             "The two passwords differ.",
		"password.required":    "Please enter a password.",
		"password.too_short":   "The password is too short.",
		"password.too_long":    "The password is too long.",
		"password.common":      "This password is too common. Choose another.",
		"password.invalid":     "This password is not allowed.",
		"password.taken":       "An account with this e-mail address exists already.",
	},
}

var page = template.Must(template.New("page").Funcs(template.FuncMap{
	"hint": func(t map[string]string, n int) string { return strings.Replace(t["hint"], "%d", strconv.Itoa(n), 1) },
}).Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · 1sales</title>
<style>
/* Colours of at least 4.5:1 on their backgrounds (WCAG 2.1 AA; the e2e suite checks the page with axe-core). */
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f1f3f5;color:#212529;margin:0}
main{max-width:420px;margin:48px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 12px}label{display:block;margin:14px 0 4px;font-weight:600;font-size:14px}
input[type=password]{width:100%;box-sizing:border-box;padding:8px 10px;font-size:15px;border:1px solid #ced4da;border-radius:4px}
button{margin-top:18px;background:#1864ab;color:#fff;border:0;border-radius:4px;padding:10px 18px;font-size:15px;cursor:pointer}
.msg{padding:10px 12px;border-radius:4px;margin:12px 0}.err{background:#fff5f5;color:#c92a2a}.ok{background:#ebfbee;color:#1e6b30}
.hint{color:#5c636a;font-size:13px}dl{font-size:14px}dt{color:#5c636a}dd{margin:0 0 6px}
</style></head>
<body><main>
<h1>{{.Title}}</h1>
{{if .ShowForm}}
<p>{{index .T (printf "%s.intro" .Kind)}}</p>
<dl>{{if .Company}}<dt>{{.T.company}}</dt><dd>{{.Company}}</dd>{{end}}{{if .Email}}<dt>{{.T.email}}</dt><dd id="email">{{.Email}}</dd>{{end}}</dl>
{{if .Message}}<p class="msg err" id="problem" role="alert">{{.Message}}</p>{{end}}
<form method="post" autocomplete="off">
<input type="hidden" name="token" value="{{.Token}}">
<label for="password">{{.T.password}}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required minlength="{{.MinLength}}" maxlength="256">
<label for="confirm">{{.T.confirm}}</label>
<input type="password" id="confirm" name="confirm" autocomplete="new-password" required maxlength="256">
<p class="hint">{{hint .T .MinLength}}</p>
<button type="submit" id="submit">{{.T.submit}}</button>
</form>
{{else if eq .State 1}}<p class="msg ok" id="done" role="status">{{.Message}}</p>
{{else}}<p class="msg err" id="invalid" role="alert">{{.Message}}</p>{{end}}
</main></body></html>
`))

// Flow is a link page's work: Peek describes the link of a token (Form, or Invalid when it cannot be used; Lang
// "" takes the browser's), Set sets the password through it.
type Flow struct {
	Peek func(ctx context.Context, token string) (Page, error)
	Set  func(ctx context.Context, token, password string) error
}

// Serve answers GET (the form, or why the link cannot be used) and POST (the form sent: the password set, or the
// form again with the problem). Every page it writes answers 200: the page is the answer, for a person in a
// browser (the API's routes answer the same outcomes with their status and error envelope); what goes wrong
// otherwise (a body too large, the database away) is the usual envelope.
func (f Flow) Serve(w http.ResponseWriter, r *http.Request) error {
	token := r.URL.Query().Get("token")
	if r.Method == http.MethodPost {
		if err := r.ParseForm(); err != nil {
			return httpx.BodyError(err)
		}
		token = r.PostForm.Get("token")
	}
	p, err := f.Peek(r.Context(), token)
	if err != nil {
		return err
	}
	if p.Lang == "" {
		p.Lang = Language(r)
	}
	if p.State == Invalid {
		return Write(w, http.StatusOK, p)
	}
	if r.Method != http.MethodPost {
		return Write(w, http.StatusOK, p)
	}
	password := r.PostForm.Get("password")
	if password != r.PostForm.Get("confirm") {
		p.Mismatch = true
		return Write(w, http.StatusOK, p)
	}
	err = f.Set(r.Context(), token, password)
	if err == nil {
		p.State = Done
		return Write(w, http.StatusOK, p)
	}
	e, ok := httpx.AsError(err)
	if !ok {
		return err
	}
	switch {
	case e.Code == api.CodeLinkInvalid:
		p.State = Invalid
		return Write(w, http.StatusOK, p)
	case e.Fields["password"] != "":
		p.Problem = e.Fields["password"]
	case e.Fields["email"] != "":
		p.Problem = api.FieldTaken
	default:
		return err
	}
	return Write(w, http.StatusOK, p)
}
