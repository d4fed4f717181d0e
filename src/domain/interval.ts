// How long an interval reads on grade buttons, Home and lists: one home for "10m", "4d", "1.5mo".

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Average month and year, so that "1.5mo" and "2.3y" read right whatever the calendar.
const MONTH = (365.25 / 12) * DAY;
const YEAR = 365.25 * DAY;

/**
 * A short human interval for grade buttons and lists. Each unit is chosen by the rounded value,
 * so 59.6 minutes reads "1h", not "60m":
 *
 * | interval            | label                    |
 * |---------------------|--------------------------|
 * | < 1 minute          | "<1m"                    |
 * | < 1 hour            | "Nm"   (whole minutes)   |
 * | < 1 day             | "Nh"   (whole hours)     |
 * | < 30 days           | "Nd"   (whole days)      |
 * | < 365 days          | "N.Nmo" (months, ".0" dropped: "1mo", "1.5mo") |
 * | otherwise           | "N.Ny"  (years, ".0" dropped: "1y", "2.3y")    |
 */
export function formatInterval(ms: number): string {
  if (ms < MINUTE) return '<1m';
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${oneDecimal(ms / MONTH)}mo`;
  return `${oneDecimal(ms / YEAR)}y`;
}

function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
