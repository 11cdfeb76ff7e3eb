/**
 * Date ⇄ ISO-8601 text (`2024-02-29T12:34:56.789Z`, what Date.prototype.toISOString writes), done
 * with integer arithmetic because the built-ins cost about a microsecond per call — the largest
 * single cost of encoding a typical item. The results are identical to toISOString / Date.parse
 * (tested against them); years outside 0000–9999 take the built-in path when writing, and other
 * ISO forms a strict reader of their own (otherIsoForm) when reading.
 */


const DAY = 86_400_000;
/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the range of 4-digit years. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

/** ISO text of a valid time value (ms since the epoch), exactly as toISOString writes it. */
export function isoFromTime(ms: number): string {
  if (ms < MIN_MS || ms > MAX_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  let rest = ms - days * DAY;
  // civil_from_days (H. Hinnant), days since 1970-01-01 → year, month, day
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  // One flat string from its character codes, not a concatenation: `+` of 14 pieces makes a rope
  // (a cons string) that every reader (charCodeAt when it is read back, the SDK's JSON.stringify
  // when it is sent) must flatten first. Measured: ~150 ns less per date, written and read.
  return String.fromCharCode(
    48 + Math.floor(year / 1000), 48 + (Math.floor(year / 100) % 10), 48 + (Math.floor(year / 10) % 10), 48 + (year % 10), 45,
    48 + Math.floor(month / 10), 48 + (month % 10), 45, 48 + Math.floor(day / 10), 48 + (day % 10), 84,
    48 + Math.floor(hour / 10), 48 + (hour % 10), 58, 48 + Math.floor(minute / 10), 48 + (minute % 10), 58,
    48 + Math.floor(second / 10), 48 + (second % 10), 46,
    48 + Math.floor(milli / 100), 48 + (Math.floor(milli / 10) % 10), 48 + (milli % 10), 90,
  );
}

/** days_from_civil (H. Hinnant): days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : -1000; // an impossible value that makes every range check fail
}

/**
 * The time value of ISO text; NaN when it is not a date. The exact form toISOString writes is read
 * by hand first; the other forms by otherIsoForm (strict: never the built-in Date.parse).
 */
export function timeFromIso(text: string): number {
  if (
    text.length === 24 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58 && text.charCodeAt(19) === 46 && text.charCodeAt(23) === 90
  ) {
    const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
    const month = digit(text, 5) * 10 + digit(text, 6);
    const day = digit(text, 8) * 10 + digit(text, 9);
    const hour = digit(text, 11) * 10 + digit(text, 12);
    const minute = digit(text, 14) * 10 + digit(text, 15);
    const second = digit(text, 17) * 10 + digit(text, 18);
    const milli = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22);
    if (
      year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month] && hour >= 0 && hour <= 23 &&
      minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0 &&
      (day <= 28 || month !== 2 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
    ) {
      return daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
    }
  }
  return otherIsoForm(text);
}

/**
 * The other ISO-8601 / RFC 3339 forms dates are stored in by other programs: a date alone
 * (`2020-01-01`), a space or a lowercase `t` for the `T` (SQL, Python's str(datetime)), minutes or
 * seconds without a fraction, fractions of 1 to 9 digits (read to the millisecond a Date
 * holds: `.123456` is `.123`), an offset (`+02:00`, `+0200`, `+02`, `z`) or none (read as UTC, as `Z`: a stored
 * time should not depend on the reading machine's time zone), years of 6 digits with a sign. Not
 * the built-in Date.parse, which takes `2020-02-30` as March 1 and `hello 5` as a date. NaN otherwise.
 */
const ISO_FORM = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

function otherIsoForm(text: string): number {
  const m = ISO_FORM.exec(text);
  if (!m || m[1] === '-000000') return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const milli = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && !leap ? 28 : MONTH_DAYS[month]) || hour > 23 || minute > 59 || second > 59) return NaN;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (hours > 23 || minutes > 59) return NaN;
    offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  const ms = daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli - offset;
  // Beyond what a Date holds (±8.64e15 ms): not a date.
  return ms >= -8.64e15 && ms <= 8.64e15 ? ms : NaN;
}
