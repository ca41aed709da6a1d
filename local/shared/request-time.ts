const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `requestTime` in Common Log Format, always UTC: `dd/MMM/yyyy:HH:mm:ss +0000`
 * (e.g. `11/Nov/2024:11:35:24 +0000`). English month names whatever the locale.
 */
export function formatRequestTime(epochMs: number): string {
  const date = new Date(epochMs);
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return (
    `${twoDigits(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${twoDigits(date.getUTCHours())}:` +
    `${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())} +0000`
  );
}
