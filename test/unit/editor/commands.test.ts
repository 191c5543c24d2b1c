import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS } from '../../../src/editor/commands';

const ROOT = path.resolve(__dirname, '../../..');
const TABLE = path.join(ROOT, 'src', 'editor', 'commands.ts');

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const ids: string[] = Object.values(COMMANDS);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('command table', () => {
  it('names each command once', () => {
    assert.equal(new Set(ids).size, ids.length);
  });

  it('declares the same commands as package.json', () => {
    const declared = manifest.contributes.commands.map((command) => command.command);
    assert.equal(new Set(declared).size, declared.length, 'package.json declares a command twice');
    assert.deepEqual([...declared].sort(), [...ids].sort());
  });

  it('holds every command the menus of package.json use', () => {
    const unknown = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
      items.filter((item) => !ids.includes(item.command)).map((item) => `${menu}: ${item.command}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('is the only place in src/ that spells a command id', () => {
    const spelled = sourceFiles(path.join(ROOT, 'src'))
      .filter((file) => file !== TABLE)
      .flatMap((file) => {
        const text = fs.readFileSync(file, 'utf8');
        return ids.filter((id) => ['"', "'", '`'].some((quote) => text.includes(`${quote}${id}${quote}`))).map((id) => `${path.relative(ROOT, file)}: ${id}`);
      });
    assert.deepEqual(spelled, []);
  });
});
