package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"strings"
	texttemplate "text/template"

	"github.com/1sales/app/shared/api"
)

//go:embed templates
var files embed.FS

// Rendered is a mail's subject and its two bodies.
type Rendered struct {
	Subject, Text, HTML string
}

type templateKey struct {
	name Template
	lang api.Language
}

// set is a mail template in one language: "subject" and "text" of its .txt file (text/template), "body" and
// "footer" of its .html file inside layout.html (html/template, which escapes what it inserts).
type set struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// Templates are the parsed templates, by name and language.
type Templates struct{ sets map[templateKey]set }

// templates are the embedded templates, parsed once; a template that does not parse stops the server at start
// (and fails TestTemplatesParse).
var templates = mustLoad(files)

func mustLoad(fsys fs.FS) *Templates {
	t, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return t
}

// load parses every templates/<name>.<language>.txt with its .html sibling: both must exist, in every language.
func load(fsys fs.FS) (*Templates, error) {
	layout, err := fs.ReadFile(fsys, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("mail: templates: %w", err)
	}
	names, err := fs.Glob(fsys, "templates/*.txt")
	if err != nil {
		return nil, fmt.Errorf("mail: templates: %w", err)
	}
	t := &Templates{sets: map[templateKey]set{}}
	for _, file := range names {
		base := strings.TrimSuffix(path.Base(file), ".txt")
		dot := strings.LastIndexByte(base, '.')
		if dot < 0 {
			return nil, fmt.Errorf("mail: template %s: want <name>.<language>.txt", file)
		}
		key := templateKey{Template(base[:dot]), api.Language(base[dot+1:])}
		text, err := texttemplate.New(base).Option("missingkey=error").ParseFS(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("mail: template %s: %w", file, err)
		}
		html, err := htmltemplate.New("layout").Option("missingkey=error").Parse(string(layout))
		if err == nil {
			html, err = html.ParseFS(fsys, strings.TrimSuffix(file, ".txt")+".html")
		}
		if err != nil {
			return nil, fmt.Errorf("mail: template %s: %w", file, err)
		}
		for _, def := range []string{"subject", "text"} {
			if text.Lookup(def) == nil {
				return nil, fmt.Errorf("mail: template %s defines no %q", file, def)
			}
		}
		for _, def := range []string{"body", "footer"} {
			if html.Lookup(def) == nil {
				return nil, fmt.Errorf("mail: template %s.html defines no %q", base, def)
			}
		}
		t.sets[key] = set{text: text, html: html}
	}
	for k := range t.sets {
		for _, lang := range api.AllLanguages {
			if _, ok := t.sets[templateKey{k.name, lang}]; !ok {
				return nil, fmt.Errorf("mail: template %s has no %s version", k.name, lang)
			}
		}
	}
	return t, nil
}

func (t *Templates) has(name Template, lang api.Language) bool {
	_, ok := t.sets[templateKey{name, lang}]
	return ok
}

// render fills the template name in lang with data. The subject is one line (line breaks become spaces).
func (t *Templates) render(name Template, lang api.Language, data map[string]any) (Rendered, error) {
	s, ok := t.sets[templateKey{name, lang}]
	if !ok {
		return Rendered{}, fmt.Errorf("mail: no template %s in %q", name, lang)
	}
	var out Rendered
	var b bytes.Buffer
	if err := s.text.ExecuteTemplate(&b, "subject", data); err != nil {
		return out, fmt.Errorf("mail: render %s.%s: %w", name, lang, err)
	}
	out.Subject = strings.Join(strings.Fields(b.String()), " ")
	b.Reset()
	if err := s.text.ExecuteTemplate(&b, "text", data); err != nil {
		return out, fmt.Errorf("mail: render %s.%s: %w", name, lang, err)
	}
	out.Text = strings.TrimLeft(b.String(), "\n")
	page := make(map[string]any, len(data)+2)
	for k, v := range data {
		page[k] = v
	}
	page["mailSubject"], page["mailLanguage"] = out.Subject, string(lang)
	b.Reset()
	if err := s.html.ExecuteTemplate(&b, "layout", page); err != nil {
		return out, fmt.Errorf("mail: render %s.%s: %w", name, lang, err)
	}
	out.HTML = b.String()
	return out, nil
}

// Render renders a template in a language as the worker will. Enqueue renders every mail once; a caller that must
// spend the time of queuing a mail without queuing one (a password reset for an unknown address) renders too.
func Render(name Template, lang api.Language, data map[string]any) (Rendered, error) {
	return templates.render(name, lang, data)
}
