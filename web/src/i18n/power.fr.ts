// Réglages -> Système -> Redémarrer ou éteindre.
import type { powerEn } from './power.en';

export const powerFr: { readonly [K in keyof typeof powerEn]: string } = {
  'power.title': 'Redémarrer ou éteindre',
  'power.lead': "Le boîtier n’a pas de bouton marche-arrêt. Redémarrez-le si quelque chose semble bloqué, et éteignez-le avant de le débrancher ou de le déplacer : le débrancher pendant qu’il écrit peut abîmer sa carte mémoire.",
  'power.unavailable': 'Redémarrer et éteindre ne fonctionnent que sur le CozyBox lui-même, pas sur cette machine de développement.',
  'power.restart': 'Redémarrer',
  'power.shutdown': 'Éteindre',
  'power.confirmRestartTitle': 'Redémarrer le boîtier ?',
  'power.confirmRestart': 'Toutes les personnes qui l’utilisent sont déconnectées une ou deux minutes. Les envois en cours reprennent à son retour.',
  'power.confirmShutdownTitle': 'Éteindre le boîtier ?',
  'power.confirmShutdown': 'Il reste éteint jusqu’à ce que vous le débranchiez puis le rebranchiez. Personne ne peut accéder à ses fichiers d’ici là.',
  'power.restarting': 'Redémarrage… Cette page voit d’elle-même quand le boîtier est de retour, en général en moins de deux minutes.',
  'power.back': 'Le boîtier est de retour. Tout fonctionne à nouveau.',
  'power.restartStuck': 'Le boîtier n’est pas revenu après 5 minutes. Débranchez-le, attendez dix secondes et rebranchez-le.',
  'power.shuttingDown': 'Extinction…',
  'power.off': 'Le boîtier est éteint. Attendez que son voyant vert ne clignote plus, puis débranchez-le.',
  'power.shutdownStuck': 'Le boîtier répond encore après 2 minutes : il ne s’est pas éteint. Réessayez, ou débranchez-le s’il doit s’arrêter maintenant.',
};
