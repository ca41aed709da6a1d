const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * `requestTime` in Common Log Format, always UTC: `dd/MMM/yyyy:HH:mm:ss +0000`
 * (e.g. `11/Nov/2024:11:35:24 +0000`). English month names whatever the locale.
 */
export function formatRequestTime(epochMs: number): string {
  const date = new Date(epochMs);
  const day = twoDigits(date.getUTCDate());
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(twoDigits).join(':');
  return `${day}/${month}/${date.getUTCFullYear()}:${time} +0000`;
}
