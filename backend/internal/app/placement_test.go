package app_test

import (
	"slices"
	"testing"

	"github.com/1sales/app/backend/internal/apptest"
	"github.com/1sales/app/shared/api"
)

// markerOf finds a record's marker on a map answer.
func markerOf(m api.RecordMap, id string) (api.MapMarker, bool) {
	for _, it := range m.Items {
		if it.ID == id {
			return it, true
		}
	}
	return api.MapMarker{}, false
}

// hiddenScene is the set-up of the placement tests: the admin, Jonas (a field rep) and his manager signed in, and
// Lena's organisation in München, which Jonas may not see.
type hiddenScene struct {
	env                   *apptest.Env
	admin, jonas, manager *client
	jonasID, lenaID       string
	hidden                api.Organization
}

func newHiddenScene(t *testing.T) hiddenScene {
	env := apptest.Start(t)
	s := hiddenScene{env: env, admin: signIn(t, env, apptest.Admin), jonas: signIn(t, env, apptest.FieldRepNord),
		manager: signIn(t, env, apptest.Manager), jonasID: env.Demo.Users[apptest.FieldRepNord].String(),
		lenaID: env.Demo.Users[apptest.FieldRepSued].String()}
	s.hidden = s.admin.createOrg(api.OrganizationCreate{Name: "Geheim München AG", OwnerID: s.lenaID,
		Address: api.Address{Street: "Leopoldstraße 12", PostalCode: "80802", City: "München", Country: "DE"}})
	return s
}

// A person without an address of its own sits at its primary organisation's position, marked as placed there,
// but only for users who may see that organisation: a field rep who sees the person and not the organisation
// learns neither the organisation's name nor its address nor its position (no marker, no via, no city).
func TestPersonWithoutAddressSitsAtItsVisibleOrganisation(t *testing.T) {
	sc := newHiddenScene(t)
	env, admin, jonas, manager, jonasID, hidden := sc.env, sc.admin, sc.jonas, sc.manager, sc.jonasID, sc.hidden
	own := admin.createOrg(api.OrganizationCreate{Name: "Nord Augsburg GmbH", OwnerID: jonasID,
		Address: api.Address{Street: "Maximilianstraße 1", PostalCode: "86150", City: "Augsburg", Country: "DE"}})
	member := func(first string, org api.Organization) api.Person {
		return admin.createPerson(api.PersonCreate{FirstName: first, LastName: "Beispiel", OwnerID: jonasID,
			Organizations: []api.MembershipInput{{OrganizationID: org.ID, Primary: true}}})
	}
	atOwn, atHidden := member("Anton", own), member("Berta", hidden)
	withAddress := admin.createPerson(api.PersonCreate{FirstName: "Carla", LastName: "Beispiel", OwnerID: jonasID,
		Address:       api.Address{City: "Hamburg", Country: "DE"},
		Organizations: []api.MembershipInput{{OrganizationID: own.ID, Primary: true}}})
	drain(t, env)

	// The manager sees both organisations: both persons sit at them, marked as such; Carla at her own address.
	var m api.RecordMap
	manager.call("POST", "/api/v1/persons/map", api.ListQuery{}, 200, &m)
	for _, tc := range []struct {
		person api.Person
		org    api.Organization
		lat    float64
		lng    float64
	}{{atOwn, own, 48.37, 10.90}, {atHidden, hidden, munichLat, munichLng}} {
		mk, ok := markerOf(m, tc.person.ID)
		if !ok || mk.PlacedAt != api.PlacedOrganization || mk.ViaID != tc.org.ID || mk.ViaName != tc.org.Name ||
			!near(&api.Position{Lat: mk.Lat, Lng: mk.Lng}, tc.lat, tc.lng, 10) || mk.Precision != api.PrecisionPostalCode {
			t.Fatalf("manager's marker of %s: %+v (found %v)", tc.person.FirstName, mk, ok)
		}
	}
	if mk, ok := markerOf(m, withAddress.ID); !ok || mk.PlacedAt != api.PlacedOwn || mk.ViaID != "" ||
		!near(&api.Position{Lat: mk.Lat, Lng: mk.Lng}, 53.55, 10.0, 10) {
		t.Fatalf("a person with an address of its own sits there, not at its organisation: %+v", mk)
	}
	var p api.Person
	manager.call("GET", "/api/v1/persons/"+atHidden.ID, nil, 200, &p)
	if p.Via == nil || p.Via.OrganizationName != hidden.Name || p.Via.Address.City != "München" || p.Via.Position == nil || p.Position != nil {
		t.Fatalf("manager's person: via %+v, position %+v", p.Via, p.Position)
	}
	manager.call("GET", "/api/v1/persons/"+withAddress.ID, nil, 200, &p)
	if p.Via != nil || p.Position == nil {
		t.Fatalf("a person with an address of its own has no via: %+v", p.Via)
	}

	// Jonas sees all three persons but only his own organisation.
	jonas.call("POST", "/api/v1/persons/map", api.ListQuery{}, 200, &m)
	if mk, ok := markerOf(m, atOwn.ID); !ok || mk.ViaName != own.Name {
		t.Fatalf("Jonas's marker at his own organisation: %+v (found %v)", mk, ok)
	}
	if mk, ok := markerOf(m, atHidden.ID); ok {
		t.Fatalf("a person sits at an organisation Jonas may not see: %+v", mk)
	}
	jonas.call("GET", "/api/v1/persons/"+atHidden.ID, nil, 200, &p)
	if p.Via != nil || len(p.Organizations) != 0 {
		t.Fatalf("Jonas learns of the hidden organisation: via %+v, memberships %+v", p.Via, p.Organizations)
	}
	page := jonas.persons(api.ListQuery{City: "München"})
	if len(page.Items) != 0 {
		t.Fatalf("the city filter finds a person by the city of an organisation Jonas may not see: %d", len(page.Items))
	}
	page = manager.persons(api.ListQuery{City: "München"})
	if len(page.Items) != 1 || page.Items[0].ID != atHidden.ID {
		t.Fatalf("the manager's city filter: %d persons", len(page.Items))
	}

	// Moving the hidden organisation to the trash takes the person off the manager's map too.
	var org api.Organization
	manager.call("GET", "/api/v1/organizations/"+hidden.ID, nil, 200, &org)
	admin.call("DELETE", "/api/v1/organizations/"+hidden.ID, nil, 204, nil, "If-Match", etagOf(org.Version))
	manager.call("POST", "/api/v1/persons/map", api.ListQuery{}, 200, &m)
	if mk, ok := markerOf(m, atHidden.ID); ok {
		t.Fatalf("a person sits at an organisation in the trash: %+v", mk)
	}
}

// The person list's city column shows the person's own city, else its organisation's (when visible); the city
// order sorts by exactly that value, and pages continue after it.
func TestCitySortFollowsTheShownCity(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	jonas := signIn(t, env, apptest.FieldRepNord)
	manager := signIn(t, env, apptest.Manager)
	jonasID := env.Demo.Users[apptest.FieldRepNord].String()
	lenaID := env.Demo.Users[apptest.FieldRepSued].String()
	bremen := admin.createOrg(api.OrganizationCreate{Name: "Weser GmbH", OwnerID: jonasID, Address: api.Address{City: "Bremen", Country: "DE"}})
	zwickau := admin.createOrg(api.OrganizationCreate{Name: "Sachsen AG", OwnerID: lenaID, Address: api.Address{City: "Zwickau", Country: "DE"}})
	mk := func(first, city string, org *api.Organization) {
		in := api.PersonCreate{FirstName: first, LastName: "Sortierung", OwnerID: jonasID, Address: api.Address{City: city}}
		if org != nil {
			in.Organizations = []api.MembershipInput{{OrganizationID: org.ID, Primary: true}}
		}
		admin.createPerson(in)
	}
	mk("Köln", "Köln", nil)
	mk("Bremen über Firma", "", &bremen)
	mk("Aachen trotz Firma", "Aachen", &zwickau)
	mk("Zwickau über Firma", "", &zwickau)
	mk("Ohne", "", nil)
	mk("Öhringen", "Öhringen", nil)

	shown := func(p api.Person) string {
		if p.Address.City != "" || p.Via == nil {
			return p.Address.City
		}
		return p.Via.Address.City
	}
	for _, tc := range []struct {
		name string
		who  *client
		sort string
		want []string
	}{
		{"manager ascending", manager, "city", []string{"", "Aachen", "Bremen", "Köln", "Öhringen", "Zwickau"}},
		{"manager descending", manager, "-city", []string{"Zwickau", "Öhringen", "Köln", "Bremen", "Aachen", ""}},
		{"Jonas does not see Sachsen AG", jonas, "city", []string{"", "", "Aachen", "Bremen", "Köln", "Öhringen"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole := tc.who.persons(api.ListQuery{Search: "Sortierung", Sort: tc.sort})
			var cities []string
			for _, p := range whole.Items {
				cities = append(cities, shown(p))
			}
			if !slices.Equal(cities, tc.want) {
				t.Fatalf("shown cities in %s order: %q, want %q", tc.sort, cities, tc.want)
			}
			var paged []string
			q := api.ListQuery{Search: "Sortierung", Sort: tc.sort, Limit: 1}
			for range 10 {
				page := tc.who.persons(q)
				for _, p := range page.Items {
					paged = append(paged, p.ID)
				}
				if page.NextCursor == "" {
					break
				}
				q.Cursor = page.NextCursor
			}
			var ids []string
			for _, p := range whole.Items {
				ids = append(ids, p.ID)
			}
			if !slices.Equal(paged, ids) {
				t.Fatalf("one by one the pages list %d persons in another order", len(paged))
			}
		})
	}
}

// A deal without an organisation has the city "" in the city order, as its cursor says: paging by city goes on
// past it (the order read NULL while the cursor held "", and the list ended there).
func TestDealCityOrderPagesPastDealsWithoutOrganisation(t *testing.T) {
	env := apptest.Start(t)
	admin := signIn(t, env, apptest.Admin)
	pl := makePipeline(admin, api.RecordDeal, "Verkauf", 10)
	koeln := admin.createOrg(api.OrganizationCreate{Name: "Dom GmbH", Address: api.Address{City: "Köln", Country: "DE"}})
	solo := admin.createPerson(api.PersonCreate{FirstName: "Ohne", LastName: "Firma"})
	for _, d := range []api.DealCreate{
		{Title: "Ohne Firma 1", PipelineID: pl.ID, PersonID: solo.ID},
		{Title: "Mit Firma", PipelineID: pl.ID, OrganizationID: koeln.ID},
		{Title: "Ohne Firma 2", PipelineID: pl.ID, PersonID: solo.ID},
	} {
		admin.call("POST", "/api/v1/deals", d, 201, nil)
	}
	for _, sort := range []string{"city", "-city"} {
		var got []string
		q := api.ListQuery{Sort: sort, Limit: 1}
		for range 10 {
			var page api.DealPage
			admin.call("POST", "/api/v1/deals/query", q, 200, &page)
			for _, d := range page.Items {
				got = append(got, d.Title)
			}
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
		if len(got) != 3 {
			t.Fatalf("%s one by one: %q", sort, got)
		}
		if (sort == "city") != (got[2] == "Mit Firma") {
			t.Fatalf("%s: %q", sort, got)
		}
	}
}

// A deal lies at its organisation, else at its person: each only when the user may see it. A field rep whose deal
// belongs to another rep's organisation finds the deal at its person (his own) on the map and near a point, never at
// the organisation's position, and a deal with nothing he may see placed has no marker and is near nothing; a
// manager who sees the organisation finds both there.
func TestADealLiesOnlyWhereItsUserMaySee(t *testing.T) {
	sc := newHiddenScene(t)
	env, admin, jonas, manager, jonasID, hidden := sc.env, sc.admin, sc.jonas, sc.manager, sc.jonasID, sc.hidden
	paula := admin.createPerson(api.PersonCreate{FirstName: "Paula", LastName: "Beispiel", OwnerID: jonasID,
		Address: api.Address{Street: "Maximilianstraße 1", PostalCode: "86150", City: "Augsburg", Country: "DE"}})
	drain(t, env)
	pl := makePipeline(admin, api.RecordDeal, "Vertrieb", 10)
	var withPerson, orgOnly api.Deal
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Projekt mit Paula", OrganizationID: hidden.ID, PersonID: paula.ID,
		PipelineID: pl.ID, OwnerID: jonasID}, 201, &withPerson)
	admin.call("POST", "/api/v1/deals", api.DealCreate{Title: "Projekt ohne Person", OrganizationID: hidden.ID,
		PipelineID: pl.ID, OwnerID: jonasID}, 201, &orgOnly)

	const augsburgLat, augsburgLng = 48.37, 10.90
	at := func(m api.RecordMap, id string, lat, lng float64) bool {
		mk, ok := markerOf(m, id)
		return ok && near(&api.Position{Lat: mk.Lat, Lng: mk.Lng}, lat, lng, 10)
	}
	ids := func(p api.DealPage) []string {
		out := []string{}
		for _, d := range p.Items {
			out = append(out, d.ID)
		}
		return out
	}
	nearMunich := api.ListQuery{Near: &api.Near{Lat: new(float64(munichLat)), Lng: new(float64(munichLng)), RadiusKm: 20}}
	nearAugsburg := api.ListQuery{Near: &api.Near{Lat: new(float64(augsburgLat)), Lng: new(float64(augsburgLng)), RadiusKm: 20}}

	// The manager sees the organisation: both deals lie in München.
	var m api.RecordMap
	manager.call("POST", "/api/v1/deals/map", api.ListQuery{}, 200, &m)
	if !at(m, withPerson.ID, munichLat, munichLng) || !at(m, orgOnly.ID, munichLat, munichLng) {
		t.Fatalf("manager's deal map: %+v", m.Items)
	}
	var page api.DealPage
	manager.call("POST", "/api/v1/deals/query", nearMunich, 200, &page)
	if got := ids(page); len(got) != 2 || page.Total != 2 {
		t.Fatalf("manager's deals near München: %v (total %d)", got, page.Total)
	}

	// Jonas may not see the organisation: the deal with his person lies in Augsburg, the other nowhere.
	jonas.call("POST", "/api/v1/deals/map", api.ListQuery{}, 200, &m)
	if !at(m, withPerson.ID, augsburgLat, augsburgLng) {
		t.Fatalf("Jonas's deal map: the deal is not at its person: %+v", m.Items)
	}
	if mk, ok := markerOf(m, orgOnly.ID); ok {
		t.Fatalf("Jonas's deal map places a deal at an organisation he may not see: %+v", mk)
	}
	for _, q := range []api.ListQuery{nearMunich, {Near: nearMunich.Near, Sort: "-distance"}, {Near: nearMunich.Near, Limit: 1}} {
		jonas.call("POST", "/api/v1/deals/query", q, 200, &page)
		if got := ids(page); len(got) != 0 || page.Total != 0 {
			t.Fatalf("Jonas's deals near München (%+v): %v (total %d)", q, got, page.Total)
		}
		jonas.call("POST", "/api/v1/deals/map", q, 200, &m)
		if len(m.Items) != 0 {
			t.Fatalf("Jonas's deal map near München: %+v", m.Items)
		}
	}
	jonas.call("POST", "/api/v1/deals/query", nearAugsburg, 200, &page)
	if got := ids(page); len(got) != 1 || got[0] != withPerson.ID || page.Total != 1 ||
		page.Items[0].DistanceKm == nil || *page.Items[0].DistanceKm > 5 {
		t.Fatalf("Jonas's deals near Augsburg: %+v (total %d)", page.Items, page.Total)
	}
	// As a reference, the deal lies where its user finds it.
	var persons api.PersonPage
	nearDeal := api.ListQuery{Near: &api.Near{RecordType: api.RecordDeal, RecordID: withPerson.ID, RadiusKm: 10}}
	jonas.call("POST", "/api/v1/persons/query", nearDeal, 200, &persons)
	if len(persons.Items) != 1 || persons.Items[0].ID != paula.ID {
		t.Fatalf("Jonas's persons near his deal: %+v", persons.Items)
	}
	manager.call("POST", "/api/v1/persons/query", nearDeal, 200, &persons)
	if len(persons.Items) != 0 {
		t.Fatalf("the manager's deal lies in München, 55 km from Paula: %+v", persons.Items)
	}
}
