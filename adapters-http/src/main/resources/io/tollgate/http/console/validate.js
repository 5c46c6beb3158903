// The page's checks: the same rules and messages as the API (core's TokenName, Description,
// Expiry and Permission). The API stays the authority; these only spare a round trip.

const OPERATOR_NAME = '_admin';
export const NAME_MAX = 128;
export const DESCRIPTION_MAX = 1024;
const LATEST_EXPIRY_MS = Date.parse('9999-12-31T23:59:59.999Z');
const TOKEN_PATTERN = /^apiv3_[A-Za-z0-9_-]{86}$/;
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const FORMAT = /\p{Cf}/u;
const NO_BREAK_SPACES = '\u00A0\u2007\u202F';

/** Null for a string shaped like a Tollgate token (apiv3_ + 86 base64url characters), else why. */
export function tokenError(text) {
  if (text.length === 0) {
    return 'Paste an admin token to sign in.';
  }
  if (!TOKEN_PATTERN.test(text)) {
    return 'This is not a Tollgate token: a token is apiv3_ followed by 86 letters, digits, - or _.';
  }
  return null;
}

function codePointName(ch) {
  return 'U+' + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
}

// Java's String.isBlank: every character is whitespace (no-break spaces are not).
function isBlank(text) {
  return [...text].every((ch) => /[\p{Zs}\t\n\u000B\f\r\u001C-\u001F]/u.test(ch)
      && !NO_BREAK_SPACES.includes(ch));
}

/** Null for a valid name of a new token (core's TokenName.named), else the API's message. */
export function nameError(name) {
  const length = [...name].length;
  if (length < 1 || length > NAME_MAX) {
    return `token name must be 1 to ${NAME_MAX} characters, got ${length}`;
  }
  for (const ch of name) {
    const cp = ch.codePointAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      return `token name must be valid Unicode, found a lone surrogate ${codePointName(ch)}`;
    }
    if (CONTROL.test(ch)) {
      return 'token name must not contain control characters';
    }
    if (FORMAT.test(ch)) {
      return 'token name must not contain invisible format characters (bidi controls,'
          + ` zero-width characters), found ${codePointName(ch)}`;
    }
  }
  if (isBlank(name)) {
    return 'token name must not be only whitespace';
  }
  if (name !== OPERATOR_NAME && name.normalize('NFKC') === OPERATOR_NAME) {
    return `token name must not look like ${OPERATOR_NAME}, the operator token's name`;
  }
  if (name === OPERATOR_NAME) {
    return `token name ${OPERATOR_NAME} is reserved for the operator token`;
  }
  return null;
}

/** Null for a valid description (core's Description), else the API's message. */
export function descriptionError(text) {
  const length = [...text].length;
  if (length > DESCRIPTION_MAX) {
    return `description must be at most ${DESCRIPTION_MAX} characters, got ${length}`;
  }
  if (/\p{Cc}/u.test(text)) {
    return 'description must not contain control characters';
  }
  return null;
}

export const EXPIRY_UNITS = {
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 7 * 86400,
  years: 31557600, // 365.25 days, as the CLI's --expiry
};

/**
 * The expiry in seconds: {secs: null} for never (an empty amount), {secs: N}, or {error}.
 */
export function expiry(amountText, unit, nowMs = Date.now()) {
  const amount = amountText.trim();
  if (amount === '') {
    return {secs: null};
  }
  if (!/^[0-9]+$/.test(amount) || Number(amount) === 0) {
    return {error: 'expiry must be a whole number greater than 0, or empty for never'};
  }
  const secs = Number(amount) * EXPIRY_UNITS[unit];
  if (!Number.isSafeInteger(secs) || nowMs + secs * 1000 > LATEST_EXPIRY_MS) {
    return {error: 'expiry must not be after year 9999'};
  }
  return {secs};
}

/** The names of a permission's comma-separated list, checked as core's Permission does. */
export function permissionNamesError(names) {
  if (names.length === 0 || (names.length === 1 && names[0] === '')) {
    return 'permission has an empty list of resource names';
  }
  if (names.includes('*') && names.length > 1) {
    return 'mixed wildcard (*) and resource name';
  }
  const seen = new Set();
  for (const name of names) {
    if (name === '*') {
      continue;
    }
    if (name === '') {
      return 'permission has an empty resource name';
    }
    const error = nameError(name);
    if (error !== null && !error.includes('reserved')) {
      return `invalid resource name, the rules of token names apply: ${error}`;
    }
    if (/[\s,:\u00A0\u2007\u202F]/u.test(name)) {
      return `invalid resource name ${name}: no spaces, commas or colons allowed`;
    }
    if (name.includes('*')) {
      return `invalid resource name ${name}: * stands alone, for all names`;
    }
    if (seen.has(name)) {
      return `duplicate resource name ${name}`;
    }
    seen.add(name);
  }
  return null;
}

/** Null when at least one action is chosen, else the API's message. */
export function permissionActionsError(actions) {
  return actions.length === 0 ? 'permission has an empty list of actions' : null;
}
