// Ids for records that must stay unique across devices (reviews merge by id between backups).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * 128 random bits as 22 url-safe characters. As unique as a UUID, 14 characters shorter: with
 * 100,000 reviews the id is stored in the record and in two index entries, so length is space.
 * `fill` is the random source (crypto by default; the benchmark passes a seeded one).
 */
export function newId(fill: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(16);
  fill(bytes);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += ALPHABET[(value >> bits) & 63];
    }
    value &= (1 << bits) - 1;
  }
  // 128 bits leave 2 over: the last character carries them.
  return bits > 0 ? out + ALPHABET[(value << (6 - bits)) & 63] : out;
}
