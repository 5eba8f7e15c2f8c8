/** German texts of positions, maps and the nearby search (assembled in index.ts). */
export const mapsDe = {
  maps: {
    views: {
      list: 'Liste',
      map: 'Karte',
    },
    precision: {
      address: 'genau (Adresse)',
      street: 'Straße',
      postal_code: 'PLZ-Gebiet',
      city: 'Stadt',
      not_found: 'nicht gefunden',
    },
    sources: {
      nominatim: 'OpenStreetMap (Nominatim)',
      gazetteer: 'Ortsverzeichnis (GeoNames)',
    },
    card: {
      title: 'Karte',
      precision: 'Genauigkeit',
      source: 'Quelle',
      pending: 'Adresse wird gesucht…',
      notFound: 'nicht gefunden',
      notFoundHint: 'Die Adresse konnte nicht auf der Karte verortet werden. Prüfen Sie Straße, PLZ und Ort.',
      noAddress: 'Keine Adresse hinterlegt.',
      ofOrganization: 'Position der Organisation „{{name}}“',
      ofPerson: 'Position der Person „{{name}}“',
      viaOrganization: 'Keine eigene Adresse: Position der Organisation „{{name}}“',
      dealNoPlace: 'Dieser Deal ist weder mit einer Organisation noch mit einer Person verknüpft.',
      dealHiddenPlace: 'Der Deal liegt dort, wo dieser Datensatz liegt; Sie dürfen ihn nicht sehen.',
      nearby: 'In der Nähe',
      nearbyHint: 'Organisationen im Umkreis von {{radius}} km',
    },
    map: {
      label: 'Karte',
      count_one: '{{count}} Eintrag auf der Karte',
      count_other: '{{count}} Einträge auf der Karte',
      truncated:
        'Es werden nur die ersten {{count}} Treffer gezeigt. Grenzen Sie die Liste mit Filtern ein, um alle zu sehen.',
      empty: 'Keiner der Treffer hat eine Position.',
      open: 'Öffnen',
      distance: '{{distance}} entfernt',
      offline: 'Kartenkacheln nicht erreichbar: Es werden Länder- und Bundesländergrenzen gezeigt.',
      offlineAttribution: 'Natural Earth · Bundesländer © GeoBasis-DE / BKG',
      via: 'über {{name}}',
      legend: 'Legende',
      legendOwn: 'eigene Adresse',
      legendVia: 'ohne eigene Adresse: bei der Organisation',
    },
    columns: {
      distance: 'Entfernung',
      cityVia: 'über {{name}}',
    },
    km: '{{value}} km',
    tiles: {
      title: 'Kartenkacheln',
      hint: 'Leer lassen für die Karten von OpenStreetMap. Eigener Kachelserver: eine Adresse mit {z}, {x} und {y}. Ohne Verbindung zeigen die Karten Länder- und Bundesländergrenzen.',
      fromEnv: 'Der Kachelserver ist für diesen Rechner fest eingestellt (ONESALES_TILE_URL).',
      url: 'Adresse der Kacheln',
      saved: 'Der Kachelserver wurde gespeichert.',
    },
    near: {
      title: 'Umkreis',
      modeRecord: 'Um eine Organisation',
      modeAddress: 'Um eine Adresse',
      organization: 'Organisation im Mittelpunkt',
      address: 'Adresse im Mittelpunkt',
      addressPlaceholder: 'z. B. Marienplatz 1, 80331 München',
      search: 'Adresse suchen',
      radius: 'Umkreis in km',
      clear: 'Umkreis entfernen',
      active: 'Im Umkreis von {{radius}} km um',
      found: 'Gefunden: {{label}} ({{precision}})',
      addressNotFound: 'Diese Adresse wurde nicht gefunden.',
      addressRequired: 'Bitte geben Sie eine Adresse ein.',
      addressTooLong: 'Die Adresse ist zu lang (höchstens 300 Zeichen).',
      noPosition: 'Diese Organisation hat noch keine Position.',
      radiusRange: 'Der Umkreis muss größer als 0 und höchstens 500 km sein.',
      unknownRecord: 'Datensatz',
    },
  },
};

/** Texts for the field errors of the nearby condition and the tile setting (spread into fields.specific in codes.de.ts). */
export const mapsFieldsDe = {
  tileUrl: {
    invalid: 'Bitte geben Sie eine http(s)-Adresse mit {z}, {x} und {y} ein.',
  },
  near: {
    invalid: 'Bitte wählen Sie genau einen Bezugspunkt für den Umkreis: einen Datensatz oder eine Adresse.',
    radiusKm: {
      range: 'Der Umkreis muss größer als 0 und höchstens 500 km sein.',
    },
    recordType: {
      invalid: 'Um diese Art von Datensatz kann nicht gesucht werden.',
    },
    recordId: {
      invalid: 'Der Bezugsdatensatz des Umkreises ist ungültig.',
      no_position:
        'Der Bezugsdatensatz hat noch keine Position (die Adresse fehlt, wird noch gesucht oder wurde nicht gefunden).',
      not_found: 'Den Bezugsdatensatz des Umkreises gibt es nicht mehr, oder Sie dürfen ihn nicht sehen.',
    },
    address: {
      not_geocoded: 'Die Adresse wurde noch nicht gesucht. Bitte klicken Sie auf „Adresse suchen“.',
      no_position: 'Diese Adresse wurde nicht gefunden.',
      too_long: 'Die Adresse ist zu lang (höchstens 300 Zeichen).',
      required: 'Bitte geben Sie eine Adresse ein.',
    },
    lat: {
      range: 'Der Bezugspunkt liegt außerhalb der Karte.',
    },
  },
};
