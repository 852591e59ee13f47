// Canonical JSON form shared by every script and by the C# interop tests.
// { "columns": [{ "name", "type" }], "rows": [[v, ...], ...] } where a value is:
//   null | true/false | integers as decimal strings (64-bit exact) | floats as JSON numbers
//   ("NaN", "Infinity", "-Infinity", "-0" as strings) | text as strings | bytes as lowercase hex |
//   dates "YYYY-MM-DD" | times "HH:MM:SS.fffffffff" | timestamps "YYYY-MM-DDTHH:MM:SS.fffffffffZ" (UTC,
//   always 9 fraction digits) | decimals as strings with exactly `scale` fraction digits | lists as arrays.
import { writeFileSync } from 'node:fs';

export function canonicalFloat(x) {
  if (x === null || x === undefined) return null;
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

// Formats epoch nanoseconds (BigInt) as an ISO-8601 UTC string with 9 fraction digits.
export function isoFromEpochNanos(nanos) {
  const billion = 1_000_000_000n;
  let seconds = nanos / billion;
  let fraction = nanos % billion;
  if (fraction < 0n) { fraction += billion; seconds -= 1n; }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return `${iso.slice(0, 19)}.${fraction.toString().padStart(9, '0')}Z`;
}

export function timeFromNanos(nanos) {
  const n = BigInt(nanos);
  const fraction = (n % 1_000_000_000n).toString().padStart(9, '0');
  const total = Number(n / 1_000_000_000n);
  const pad = (v) => String(v).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}.${fraction}`;
}

export function decimalString(unscaled, scale) {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

export function toJson(canonical) {
  return JSON.stringify(canonical);
}

export function writeCanonical(path, canonical) {
  writeFileSync(path, toJson(canonical));
}
