package app_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

func orgNames(os []api.Organization) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.Name
	}
	return out
}

func (c *client) search(q string) api.SearchResult {
	c.t.Helper()
	return answer[api.SearchResult](c, "GET", "/api/v1/search?q="+url.QueryEscape(q), nil, 200)
}

// The global search finds by word prefix whatever the case and umlaut spelling: names, an e-mail address from
// its start, a phone number from its national digits, a hyphenated name's second part, several words in any
// order, a person through the name of the organisation; a part inside a word still through the trigram search.
func TestSearchFindsByWordPrefix(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	org := admin.createOrg(api.OrganizationCreate{Name: "Bäckerei Groß KG"})
	admin.createPerson(api.PersonCreate{FirstName: "Anna", LastName: "Müller", Emails: []api.ContactPoint{{Value: "anna.mueller@firma.example"}},
		Phones: []api.ContactPoint{{Value: "+49 89 1234567"}}, Organizations: []api.MembershipInput{{OrganizationID: org.ID}}})
	admin.createPerson(api.PersonCreate{FirstName: "Jörg", LastName: "Müller-Lüdenscheid"})
	admin.createPerson(api.PersonCreate{FirstName: "Eva", LastName: "Schmidt", Phones: []api.ContactPoint{{Value: "030 555 0101"}}})
	both := []string{"Anna Müller", "Jörg Müller-Lüdenscheid"}
	for _, tc := range []struct {
		q       string
		persons []string
		orgs    []string
	}{
		{"Müll", both, nil},
		{"mueller", both, nil},
		{"MÜLLER", both, nil},
		{"anna.m", []string{"Anna Müller"}, nil},
		{"anna.mueller@fir", []string{"Anna Müller"}, nil},
		{"0891", []string{"Anna Müller"}, nil},
		{"089 123", []string{"Anna Müller"}, nil},
		{"+49 891", []string{"Anna Müller"}, nil},
		{"Anna Mül", []string{"Anna Müller"}, nil},
		{"Mül Anna", []string{"Anna Müller"}, nil},
		{"lüdensch", []string{"Jörg Müller-Lüdenscheid"}, nil},
		{"Bäck", []string{"Anna Müller"}, []string{"Bäckerei Groß KG"}},
		{"gross k", []string{"Anna Müller"}, []string{"Bäckerei Groß KG"}},
		{"ller", both, nil},                       // inside a word: the trigram search
		{"5550101", []string{"Eva Schmidt"}, nil}, // the digits of the number as stored
		{"muellerin", nil, nil},
	} {
		res := admin.search(tc.q)
		if got := names(res.Persons); !slices.Equal(got, tc.persons) && !(len(got) == 0 && len(tc.persons) == 0) {
			t.Errorf("search %q: persons %v, want %v", tc.q, got, tc.persons)
		}
		if got := orgNames(res.Organizations); !slices.Equal(got, tc.orgs) && !(len(got) == 0 && len(tc.orgs) == 0) {
			t.Errorf("search %q: organisations %v, want %v", tc.q, got, tc.orgs)
		}
	}
}

// A field rep finds by prefix neither another rep's person nor his own person through an organisation he may not
// see, also when the prefix matches fill a page (the scope narrows the token lookup before its limit).
func TestPrefixSearchKeepsToTheCallersScope(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	lena := signIn(t, env, apptest.FieldRepSued)

	secret := lena.createOrg(api.OrganizationCreate{Name: "Geheimkunde GmbH"})
	for _, first := range []string{"Ada", "Ben", "Cem", "Dora", "Emil", "Fritz", "Gabi", "Hugo", "Ida", "Jan", "Kai", "Lea"} {
		lena.createPerson(api.PersonCreate{FirstName: first, LastName: "Aaberg", Emails: []api.ContactPoint{{Value: strings.ToLower(first) + ".aaberg@kundschaft.example"}}})
	}
	mine := jonas.createPerson(api.PersonCreate{FirstName: "Zora", LastName: "Zander", Emails: []api.ContactPoint{{Value: "zora@kundschaft.example"}}})
	admin.call("PUT", "/api/v1/persons/"+mine.ID+"/organizations/"+secret.ID, api.MembershipInput{}, 200, nil)

	for _, q := range []string{"aab", "Aaberg Ada", "ada.aab"} {
		if res := jonas.search(q); len(res.Persons) != 0 {
			t.Errorf("jonas' search %q: %v", q, names(res.Persons))
		}
	}
	if res := jonas.search("zora@kund"); !slices.Equal(names(res.Persons), []string{"Zora Zander"}) {
		t.Errorf("jonas' own person: %v", names(res.Persons))
	}
	if res := jonas.search("Geheimk"); len(res.Persons) != 0 || len(res.Organizations) != 0 {
		t.Errorf("jonas found through lena's organisation: %v %v", names(res.Persons), orgNames(res.Organizations))
	}
	// Lena sees her twelve: a full page by prefix, in name order.
	if res := lena.search("Aaberg"); len(res.Persons) != 10 || res.Persons[0].Name != "Ada Aaberg" || res.Persons[9].Name != "Jan Aaberg" {
		t.Errorf("lena's search: %v", names(res.Persons))
	}
	// The admin sees Zora through the organisation's name.
	if res := admin.search("geheimkunde"); !slices.Equal(names(res.Persons), []string{"Zora Zander"}) {
		t.Errorf("admin's search: %v", names(res.Persons))
	}
}
