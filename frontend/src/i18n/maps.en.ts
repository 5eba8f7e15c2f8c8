import type { mapsDe, mapsFieldsDe } from './maps.de';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of positions, maps and the nearby search (assembled in index.ts). */
export const mapsEn: Shape<typeof mapsDe> = {
  maps: {
    views: { list: 'List', map: 'Map' },
    precision: {
      address: 'exact (address)',
      street: 'street',
      postal_code: 'postal code area',
      city: 'city',
      not_found: 'not found',
    },
    sources: {
      nominatim: 'OpenStreetMap (Nominatim)',
      gazetteer: 'place index (GeoNames)',
    },
    card: {
      title: 'Map',
      precision: 'Precision',
      source: 'Source',
      pending: 'Looking up the address…',
      notFound: 'not found',
      notFoundHint: 'The address could not be placed on the map. Check street, postal code and city.',
      noAddress: 'No address on file.',
      ofOrganization: 'Position of the organisation “{{name}}”',
      viaOrganization: 'No address of their own: position of the organisation “{{name}}”',
      ofPerson: 'Position of the person “{{name}}”',
      dealNoPlace: 'This deal is linked to neither an organisation nor a person.',
      dealHiddenPlace: 'The deal lies where this record lies, which you may not see.',
      nearby: 'Nearby',
      nearbyHint: 'Organisations within {{radius}} km',
    },
    map: {
      label: 'Map',
      count_one: '{{count}} record on the map',
      count_other: '{{count}} records on the map',
      truncated: 'Only the first {{count}} matches are shown. Narrow the list down with filters to see them all.',
      empty: 'None of the matches has a position.',
      open: 'Open',
      distance: '{{distance}} away',
      offline: 'Map tiles cannot be reached: showing country and state borders.',
      offlineAttribution: 'Natural Earth · German states © GeoBasis-DE / BKG',
      via: 'via {{name}}',
      legend: 'Legend',
      legendOwn: 'own address',
      legendVia: 'no address of their own: at the organisation',
    },
    columns: { distance: 'Distance', cityVia: 'via {{name}}' },
    km: '{{value}} km',
    tiles: {
      title: 'Map tiles',
      hint: 'Leave empty for OpenStreetMap’s maps. Your own tile server: an address with {z}, {x} and {y}. Without a connection the maps show country and state borders.',
      fromEnv: 'The tile server is fixed for this computer (ONESALES_TILE_URL).',
      url: 'Tile address',
      saved: 'The tile server was saved.',
    },
    near: {
      title: 'Radius',
      modeRecord: 'Around an organisation',
      modeAddress: 'Around an address',
      organization: 'Organisation at the centre',
      address: 'Address at the centre',
      addressPlaceholder: 'e.g. Marienplatz 1, 80331 München',
      search: 'Look up address',
      radius: 'Radius in km',
      clear: 'Remove radius',
      active: 'Within {{radius}} km of',
      found: 'Found: {{label}} ({{precision}})',
      addressNotFound: 'This address was not found.',
      addressRequired: 'Please enter an address.',
      addressTooLong: 'The address is too long (300 characters at most).',
      noPosition: 'This organisation has no position yet.',
      radiusRange: 'The radius must be more than 0 and at most 500 km.',
      unknownRecord: 'record',
    },
  },
};

/** English texts for the field errors of the nearby condition. */
export const mapsFieldsEn: Shape<typeof mapsFieldsDe> = {
  tileUrl: { invalid: 'Please enter an http(s) address with {z}, {x} and {y}.' },
  near: {
    invalid: 'Please choose exactly one reference for the radius: a record or an address.',
    radiusKm: { range: 'The radius must be more than 0 and at most 500 km.' },
    recordType: { invalid: 'Records of this kind cannot be the centre of a radius.' },
    recordId: {
      invalid: 'The reference record of the radius is invalid.',
      no_position:
        'The reference record has no position yet (its address is missing, still being looked up or was not found).',
      not_found: 'The reference record of the radius no longer exists, or you may not see it.',
    },
    address: {
      not_geocoded: 'The address has not been looked up yet. Please click “Look up address”.',
      no_position: 'This address was not found.',
      too_long: 'The address is too long (300 characters at most).',
      required: 'Please enter an address.',
    },
    lat: { range: 'The reference point lies outside the map.' },
  },
};
