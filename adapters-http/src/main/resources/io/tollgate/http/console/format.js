// How the tokens table shows a row's values.

const UNITS = [
  ['year', 365.25 * 86400],
  ['month', 30.44 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "in 3 days", "5 minutes ago": the largest unit that gives about 2 of it or more (a token made
 * to expire in 2 weeks still reads "in 2 weeks" a moment later), else seconds.
 */
export function relative(targetMs, nowMs = Date.now()) {
  const secs = Math.abs(targetMs - nowMs) / 1000;
  let [unit, size] = UNITS[UNITS.length - 1];
  for (const [name, length] of UNITS) {
    if (secs >= 2 * length * 0.99) {
      [unit, size] = [name, length];
      break;
    }
  }
  const count = Math.max(1, Math.round(secs / size));
  const text = `${count} ${unit}${count === 1 ? '' : 's'}`;
  return targetMs >= nowMs ? `in ${text}` : `${text} ago`;
}

/** "never", "expired" or "in 3 days". */
export function expires(expiry, nowMs = Date.now()) {
  if (!expiry) {
    return 'never';
  }
  const at = Date.parse(expiry);
  return at <= nowMs ? 'expired' : relative(at, nowMs);
}

/** "never" or "5 minutes ago": when the token last authenticated, as the listing says. */
export function lastUsed(lastUsedAt, nowMs = Date.now()) {
  if (!lastUsedAt) {
    return 'never';
  }
  // a use stamped a moment ahead of this browser's clock still reads as past
  return relative(Math.min(Date.parse(lastUsedAt), nowMs), nowMs);
}

/** operator (_admin), admin (*:*:*) or resource. */
export function kind(row) {
  if (row.name === '_admin') {
    return 'operator';
  }
  return row.permissions === '*:*:*' ? 'admin' : 'resource';
}

/** 2026-12-02 05:10 UTC. */
export function timestamp(text) {
  return text ? text.slice(0, 16).replace('T', ' ') + ' UTC' : '';
}
