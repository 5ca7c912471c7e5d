// The search box's strings, spread into the dictionaries (web/src/i18n/en.ts
// and fr.ts) so that they stay one set of keys checked by the type system.

export const searchEn = {
  'search.label': 'Search',
  'search.placeholder': 'Search files, photos, documents…',
  'search.open': 'Search',
  'search.close': 'Close the search',
  'search.clear': 'Clear the search',
  'search.results': 'Search results',
  'search.hint': 'Type a name, or a word inside a document.',
  'search.searching': 'Searching…',
  'search.none': 'Nothing found for “{q}”.',
  'search.noneFiltered': 'Nothing found for “{q}” with these filters.',
  'search.failed': 'Search is not available right now.',
  'search.count': { one: '{count} result', other: '{count} results' },
  'search.filters': 'Filters',
  'search.kinds': 'Type',
  'search.from': 'From',
  'search.to': 'To',
  'search.resetFilters': 'All types and dates',
  'search.keys': '↑ ↓ to move, Enter to open, Esc to close',
  'search.in': 'in {folder}',
  'search.kind.folder': 'Folders',
  'search.kind.document': 'Documents',
  'search.kind.photo': 'Photos',
  'search.kind.video': 'Videos',
  'search.kind.file': 'Other files',
  'search.kind.other': 'Other',
} as const;

type Plural = { readonly one: string; readonly other: string };
export type SearchMessages = { readonly [K in keyof typeof searchEn]: (typeof searchEn)[K] extends string ? string : Plural };

// French typography: a narrow no-break space (U+202F) before : ; ! ? and inside « ».
export const searchFr: SearchMessages = {
  'search.label': 'Rechercher',
  'search.placeholder': 'Rechercher fichiers, photos, documents…',
  'search.open': 'Rechercher',
  'search.close': 'Fermer la recherche',
  'search.clear': 'Effacer la recherche',
  'search.results': 'Résultats de la recherche',
  'search.hint': 'Tapez un nom, ou un mot contenu dans un document.',
  'search.searching': 'Recherche…',
  'search.none': 'Aucun résultat pour «\u202f{q}\u202f».',
  'search.noneFiltered': 'Aucun résultat pour «\u202f{q}\u202f» avec ces filtres.',
  'search.failed': 'La recherche n’est pas disponible pour le moment.',
  'search.count': { one: '{count} résultat', other: '{count} résultats' },
  'search.filters': 'Filtres',
  'search.kinds': 'Type',
  'search.from': 'Du',
  'search.to': 'Au',
  'search.resetFilters': 'Tous types et toutes dates',
  'search.keys': '↑ ↓ pour choisir, Entrée pour ouvrir, Échap pour fermer',
  'search.in': 'dans {folder}',
  'search.kind.folder': 'Dossiers',
  'search.kind.document': 'Documents',
  'search.kind.photo': 'Photos',
  'search.kind.video': 'Vidéos',
  'search.kind.file': 'Autres fichiers',
  'search.kind.other': 'Autres',
};
