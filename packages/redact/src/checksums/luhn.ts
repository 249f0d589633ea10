/**
 * The Luhn (mod-10) check of payment card numbers, over the digits of `value` (other
 * characters such as spaces and dashes are skipped). No allocation.
 */
export function luhnValid(value: string): boolean {
  let sum = 0;
  let double = false;
  let count = 0;
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    count++;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return count > 0 && sum % 10 === 0;
}
