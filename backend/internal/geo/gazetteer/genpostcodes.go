//go:build ignore

// genpostcodes writes data/postcodes-dach.tsv.gz, the centre of every postal code of Germany, Austria and
// Switzerland, from the GeoNames postal code extracts (CC BY 4.0) as the repository
// zauberware/postal-codes-json-xml-csv publishes them (data/DE.zip, AT.zip, CH.zip: zipcodes.<cc>.csv). A code
// that GeoNames lists for several places is placed at their mean. See gen-postcodes.sh.
package main

import (
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("in", "", "folder with zipcodes.de.csv, zipcodes.at.csv and zipcodes.ch.csv")
	out := flag.String("out", "data/postcodes-dach.tsv.gz", "output file")
	flag.Parse()
	type sum struct {
		lat, lng float64
		n        int
	}
	sums := map[string]*sum{}
	for _, cc := range []string{"de", "at", "ch"} {
		f, err := os.Open(filepath.Join(*dir, "zipcodes."+cc+".csv"))
		if err != nil {
			log.Fatal(err)
		}
		r := csv.NewReader(f)
		header, err := r.Read()
		if err != nil {
			log.Fatal(err)
		}
		col := func(name string) int {
			i := slices.Index(header, name)
			if i < 0 {
				log.Fatalf("zipcodes.%s.csv has no column %s", cc, name)
			}
			return i
		}
		country, code, lat, lng := col("country_code"), col("zipcode"), col("latitude"), col("longitude")
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				log.Fatal(err)
			}
			la, err1 := strconv.ParseFloat(rec[lat], 64)
			ln, err2 := strconv.ParseFloat(rec[lng], 64)
			if err1 != nil || err2 != nil || strings.TrimSpace(rec[code]) == "" {
				continue
			}
			k := rec[country] + "\t" + strings.TrimSpace(rec[code])
			s := sums[k]
			if s == nil {
				s = &sum{}
				sums[k] = s
			}
			s.lat, s.lng, s.n = s.lat+la, s.lng+ln, s.n+1
		}
		f.Close()
	}
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	for _, k := range keys {
		s := sums[k]
		fmt.Fprintf(zw, "%s\t%.4f\t%.4f\n", k, s.lat/float64(s.n), s.lng/float64(s.n))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d postal codes", len(keys))
}
