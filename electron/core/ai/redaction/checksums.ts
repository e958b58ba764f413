/** Check letters used by Unique Pupil Numbers: A–Z without I, O and S, valued 0–22. */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * A UPN is a check letter then 12 characters: 11 digits and a digit (permanent) or a letter
 * (temporary). The check letter is the weighted sum (weights 2..13 on characters 2..13, a final
 * letter counting as its UPN_LETTERS value) modulo 23, written as a letter.
 */
export function isValidUpn(value: string): boolean {
  const upn = value.toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const ch = upn[i]!;
    const n = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    if (n < 0) return false;
    sum += n * (i + 1);
  }
  return UPN_LETTERS[sum % 23] === upn[0];
}

/** The check letter a UPN body (12 characters) needs; used by tests to make valid numbers. */
export function upnCheckLetter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body[i]!.toUpperCase();
    sum += (/\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch)) * (i + 2);
  }
  return UPN_LETTERS[sum % 23]!;
}

/** NHS numbers: 10 digits, the last a modulus 11 check digit (weights 10..2); a result of 10 is never issued. */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== undefined && check === Number(digits[9]);
}

export function nhsCheckDigit(nine: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}
