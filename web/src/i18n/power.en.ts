// Settings -> System -> Restart or shut down.
export const powerEn = {
  'power.title': 'Restart or shut down',
  'power.lead': 'The box has no power button. Restart it if something seems stuck, and shut it down before you unplug it or move it: pulling the plug while it writes can damage its memory card.',
  'power.unavailable': 'Restart and shut down work only on the CozyBox itself, not on this development machine.',
  'power.restart': 'Restart',
  'power.shutdown': 'Shut down',
  'power.confirmRestartTitle': 'Restart the box?',
  'power.confirmRestart': 'Everyone using it is disconnected for a minute or two. Uploads in progress carry on when it is back.',
  'power.confirmShutdownTitle': 'Shut down the box?',
  'power.confirmShutdown': 'It stays off until you unplug it and plug it back in. Nobody can reach their files until then.',
  'power.restarting': 'Restarting… This page notices by itself when the box is back, usually within two minutes.',
  'power.back': 'The box is back. Everything works again.',
  'power.restartStuck': 'The box has not come back after 5 minutes. Unplug it, wait ten seconds and plug it back in.',
  'power.shuttingDown': 'Shutting down…',
  'power.off': 'The box is off. Wait until its green light has stopped blinking, then unplug it.',
  'power.shutdownStuck': 'The box is still answering after 2 minutes: it did not shut down. Try again, or unplug it if it must go off now.',
} as const;
