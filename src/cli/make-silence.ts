// Writes public/silence.wav: 6 s of silence that listen mode loops so that media keys and the lock screen
// work (they only do while media plays; Chrome for Android shows media controls for sounds of 5 s or more).
// 8-bit mono PCM at 4 kHz: 24 kB on disk, under 100 bytes gzip. Run with `npx tsx src/cli/make-silence.ts`.
import { writeFileSync } from 'node:fs';

const RATE = 4_000;
const SECONDS = 6;
const samples = RATE * SECONDS;
const wav = Buffer.alloc(44 + samples);
wav.write('RIFF', 0, 'ascii');
wav.writeUInt32LE(36 + samples, 4);
wav.write('WAVE', 8, 'ascii');
wav.write('fmt ', 12, 'ascii');
wav.writeUInt32LE(16, 16); // fmt chunk size
wav.writeUInt16LE(1, 20); // PCM
wav.writeUInt16LE(1, 22); // mono
wav.writeUInt32LE(RATE, 24);
wav.writeUInt32LE(RATE, 28); // bytes a second
wav.writeUInt16LE(1, 32); // block align
wav.writeUInt16LE(8, 34); // bits a sample
wav.write('data', 36, 'ascii');
wav.writeUInt32LE(samples, 40);
// 8-bit PCM is unsigned: 128 is silence.
wav.fill(128, 44);
writeFileSync(new URL('../../public/silence.wav', import.meta.url), wav);
