// `npm run deck`: builds data/decks/amazon-engineer.json from the source page; `--check` verifies the committed file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDeckFile, serializeDeckFile } from '../domain/deck';
import { ParseError } from '../domain/errors';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = resolve(ROOT, 'data/sources/000_73ed9ad871d776c6.txt');
const DEFAULT_OUTPUT = resolve(ROOT, 'data/decks/amazon-engineer.json');

function main(args: string[]): number {
  const check = args.includes('--check');
  // `--out <path>` lets tests build and check a scratch copy instead of the committed file.
  const outIndex = args.indexOf('--out');
  const outArg = outIndex === -1 ? undefined : args[outIndex + 1];
  if (outIndex !== -1 && outArg === undefined) {
    console.error('--out needs a path.');
    return 2;
  }
  const output = outArg === undefined ? DEFAULT_OUTPUT : resolve(outArg);
  const shown = relative(ROOT, output);
  let json: string;
  try {
    const file = buildDeckFile(readFileSync(SOURCE, 'utf8'), { id: 'amazon-engineer', source: 'builtin' });
    json = serializeDeckFile(file);
  } catch (error) {
    if (error instanceof ParseError) {
      console.error(`${relative(ROOT, SOURCE)} could not be parsed:\n${error.message}`);
      return 1;
    }
    throw error;
  }

  if (check) {
    const committed = existsSync(output) ? readFileSync(output, 'utf8') : null;
    if (committed === json) {
      console.log(`${shown} is up to date.`);
      return 0;
    }
    console.error(
      committed === null
        ? `${shown} is missing: run \`npm run deck\` and commit it.`
        : `${shown} differs from what the parser produces from the source: run \`npm run deck\` and commit the result.`,
    );
    return 1;
  }

  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, json);
  console.log(`Wrote ${shown} (${JSON.parse(json).cards.length} cards).`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
