/** German texts of documents and the storage quota (assembled in index.ts). */
export const documentsDe = {
  documents: {
    title: 'Dokumente',
    upload: 'Hochladen',
    hint: 'Ziehen Sie Dateien auf diese Seite oder wählen Sie sie über „Hochladen“ aus.',
    empty: 'Noch keine Dokumente.',
    drop: {
      person: 'Loslassen, um die Dateien bei dieser Person abzulegen',
      organization: 'Loslassen, um die Dateien bei dieser Organisation abzulegen',
      deal: 'Loslassen, um die Dateien bei diesem Deal abzulegen',
      lead: 'Loslassen, um die Dateien bei diesem Lead abzulegen',
    },
    uploading: '{{done}} von {{total}} hochgeladen – jetzt: {{name}}',
    uploadingChosen: 'Hochladen über den Dateidialog …',
    uploaded_one: '„{{name}}“ wurde hochgeladen.',
    uploaded_other: '{{count}} Dokumente wurden hochgeladen.',
    failed_one: 'Eine Datei wurde nicht hochgeladen',
    failed_other: '{{count}} Dateien wurden nicht hochgeladen',
    dismiss: 'Ausblenden',
    quotaUsage:
      'Ihr Speicherplatz reicht dafür nicht aus: {{used}} von {{limit}} sind belegt. Gelöschte Dokumente zählen mit, bis sie nach 30 Tagen endgültig entfernt werden.',
    open: '„{{name}}“ öffnen',
    opening: 'Wird geöffnet …',
    actionsFor: 'Aktionen für „{{name}}“',
    saveAs: 'Speichern unter …',
    savedTo: 'Gespeichert unter {{path}}',
    uploadedBy: 'Hochgeladen von {{name}}',
    noApplication: {
      title: 'Kein Programm für diesen Dateityp',
      body: 'Auf diesem Computer ist kein Programm installiert, das „{{name}}“ öffnen kann. Speichern Sie die Datei, um sie woanders zu öffnen oder weiterzugeben.',
    },
    openFailed: {
      title: 'Datei konnte nicht geöffnet werden',
      body: '„{{name}}“ konnte nicht mit dem Standardprogramm geöffnet werden. Speichern Sie die Datei und öffnen Sie sie selbst.',
    },
    openBlocked: {
      title: 'Datei wird nicht geöffnet',
      body: '„{{name}}“ ist ein Programm oder Skript und würde beim Öffnen ausgeführt. Speichern Sie die Datei und prüfen Sie sie, bevor Sie sie öffnen.',
    },
    delete: {
      title: 'Dokument löschen?',
      body: '„{{name}}“ wird in den Papierkorb verschoben und kann 30 Tage lang wiederhergestellt werden.',
      done: '„{{name}}“ wurde in den Papierkorb verschoben.',
      restored: '„{{name}}“ wurde wiederhergestellt.',
    },
    trash: {
      show: 'Gelöschte Dokumente anzeigen',
      hide: 'Gelöschte Dokumente ausblenden',
      empty: 'Keine gelöschten Dokumente, die Sie wiederherstellen können.',
      deletedAt: 'Gelöscht am {{date}}',
    },
    kinds: {
      pdf: 'PDF-Dokument',
      word: 'Textdokument',
      spreadsheet: 'Tabelle',
      presentation: 'Präsentation',
      image: 'Bild',
      archive: 'Archiv',
      text: 'Textdatei',
      email: 'E-Mail',
      audio: 'Audiodatei',
      video: 'Video',
      other: 'Datei',
    },
  },
  storage: {
    title: 'Speicherplatz',
    usage: '{{used}} von {{limit}} belegt',
    reserved: 'Davon {{reserved}} für laufende Uploads reserviert',
    hint: 'Ihre hochgeladenen Dokumente. Gelöschte zählen mit, bis sie nach 30 Tagen endgültig entfernt werden.',
    unavailable: 'Der Speicherplatz konnte nicht abgefragt werden.',
  },
};

/** German texts of the error codes of documents (assembled in index.ts' errors). */
export const documentErrorsDe = {
  quota: {
    exceeded: 'Ihr Speicherplatz reicht für diese Datei nicht aus.',
  },
  document: {
    too_large: 'Die Datei ist größer, als der Server annimmt.',
    length_required: 'Die Größe der Datei war nicht bekannt; sie wurde nicht hochgeladen.',
    type_mismatch: 'Der Inhalt der Datei passt nicht zu ihrem Dateityp (etwa ein PDF mit der Endung .png).',
    incomplete: 'Die Übertragung wurde unterbrochen; die Datei wurde nicht gespeichert. Bitte versuchen Sie es erneut.',
    range_invalid: 'Der angeforderte Teil liegt außerhalb der Datei. Bitte laden Sie sie erneut herunter.',
    checksum_mismatch: 'Die heruntergeladene Datei war beschädigt und wurde verworfen. Bitte versuchen Sie es erneut.',
    open_failed:
      'Die Datei konnte nicht mit dem Standardprogramm geöffnet werden. Speichern Sie sie und öffnen Sie sie selbst.',
    no_application:
      'Auf diesem Computer ist kein Programm für diesen Dateityp installiert. Speichern Sie die Datei stattdessen.',
    open_blocked: 'Programme und Skripte werden nicht mit einem Klick geöffnet. Bitte speichern Sie die Datei.',
  },
  dialog: {
    failed: 'Der Dateidialog konnte nicht geöffnet werden.',
  },
  file: {
    unreadable: 'Die Datei konnte nicht gelesen werden (Ordner lassen sich nicht hochladen).',
    unwritable: 'Die Datei konnte nicht gespeichert werden. Bitte prüfen Sie den Speicherort und den freien Platz.',
  },
};

/** German texts of the network errors of transfers (assembled in index.ts' errors.network). */
export const documentNetworkErrorsDe = {
  stalled: 'Die Übertragung kam nicht mehr voran und wurde abgebrochen. Bitte versuchen Sie es erneut.',
};
