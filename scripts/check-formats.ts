/**
 * Dev check of format detection and parsing against loghub's ground truth: for each X_2k.log, prints the detected
 * format, the share of lines whose parsed message equals the Content column of X_2k.log_structured.csv (and whose
 * level equals its Level column, where there is one), and the first mismatches.
 *
 *   npx tsx scripts/check-formats.ts [loghub-dir]     (default ../shared/data/loghub)
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, Level, LEVEL_NAMES, levelFromWord, type ParsedLine } from '../src/analysis';
import { parseCsv } from './loghubCsv';
import { readLogLines } from './logLines';

const SAMPLE_LINES = 500;
const SHOW_MISMATCHES = 5;

const root = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'loghub');
if (!existsSync(root)) {
  console.error(`no loghub directory at ${root}; pass it as the first argument`);
  process.exit(1);
}

for (const name of readdirSync(root).sort()) {
  const logPath = join(root, name, `${name}_2k.log`);
  const csvPath = `${logPath}_structured.csv`;
  if (!existsSync(logPath) || !existsSync(csvPath)) continue;
  const lines = readLogLines(logPath);
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  const contentColumn = header.indexOf('Content');
  const levelColumn = header.indexOf('Level');
  const idColumn = header.indexOf('LineId');
  const format = detectFormat(lines.slice(0, SAMPLE_LINES));
  const parsed: ParsedLine = { timestamp: NaN, level: Level.unknown, component: '', message: '' };
  let messageMatches = 0;
  let levelMatches = 0;
  let headers = 0;
  let timestamps = 0;
  const mismatches: string[] = [];
  for (const row of rows) {
    const line = lines[Number(row[idColumn]) - 1] ?? '';
    const isHeader = format.parse(line, parsed);
    if (isHeader) headers++;
    if (isHeader && !Number.isNaN(parsed.timestamp)) timestamps++;
    const expected = row[contentColumn];
    if (isHeader && parsed.message === expected) messageMatches++;
    else if (mismatches.length < SHOW_MISMATCHES) {
      mismatches.push(`  line ${row[idColumn]}: ${isHeader ? `got ${JSON.stringify(parsed.message)}` : 'not a header'}\n    expected ${JSON.stringify(expected)}`);
    }
    if (levelColumn >= 0 && isHeader && parsed.level === levelFromWord(row[levelColumn])) levelMatches++;
  }
  const pct = (n: number) => `${((100 * n) / rows.length).toFixed(2)}%`;
  const levelText = levelColumn >= 0 ? `, level = Level ${pct(levelMatches)}` : '';
  console.log(`${name}: format ${format.name} (${format.label}), ${rows.length} rows, headers ${pct(headers)}, timestamps ${pct(timestamps)}, message = Content ${pct(messageMatches)}${levelText}`);
  for (const mismatch of mismatches) console.log(mismatch);
  if (headers > 0) {
    format.parse(lines[0], parsed);
    console.log(`  first line: ${new Date(parsed.timestamp).toISOString()} ${LEVEL_NAMES[parsed.level] || '-'} [${parsed.component}] ${parsed.message.slice(0, 60)}`);
  }
}
