import { PmError } from '@pm/envelope-schemas';

/**
 * The ports the Fetch standard blocks ("bad ports"), which Node's `fetch` (undici) refuses to
 * connect to, as browsers do. Checked against Node 20's `fetch` for every port up to 10,100.
 */
const BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
]);

/**
 * Refuses a `baseURL` on a port `fetch` will not connect to, with `INVALID_ARGUMENT` when the
 * provider is created. `fetch` fails such a request with a bare "bad port" before connecting;
 * read as an unknown connection failure, every attempt was retried and booked at its worst
 * case as possibly billed, though nothing ever left the process.
 */
export function checkFetchPort(url: URL): void {
  const port = Number(url.port); // '' (the scheme's default, 80 or 443) is never blocked
  if (!BLOCKED_PORTS.has(port)) return;
  throw new PmError(
    'INVALID_ARGUMENT',
    `openaiProvider({ baseURL }) uses port ${port}, which fetch refuses to connect to (a port the Fetch standard blocks, as browsers do): every call would fail before reaching the server. Serve the API or gateway on another port (e.g. 8080 or 443).`,
    { details: { field: 'baseURL', port } },
  );
}
