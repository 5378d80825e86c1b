/** "il y a 3 minutes", "dans 40 secondes": how far an instant is from now, in French. */
export function formatRelative(iso: string | null, now: number): string {
  if (!iso) return '';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' });
  const abs = Math.abs(seconds);
  // The screen's clock and the office's may differ by a moment: never "dans 2 secondes" for the past.
  if (abs < 10) return 'à l’instant';
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}
