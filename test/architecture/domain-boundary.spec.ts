// libs/domain stays pure: no framework, no database or broker client, no clock. Read from the
// sources themselves so a new file cannot slip past.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DOMAIN = join(ROOT, 'libs', 'domain', 'src');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

const FORBIDDEN_IMPORTS = /from\s+'(@nestjs\/[^']*|typeorm|pg|kafkajs|@eventstore\/[^']*|fastify|@fastify\/[^']*|#(?!domain)[a-z-]+)'/g;
const CLOCK = /Date\.now\(\)|new Date\(\s*\)|performance\.now\(\)/g;
const IO_MODULES = /from\s+'node:(fs|net|http|https|child_process|dgram|dns|worker_threads)[^']*'/g;
const ANY = /:\s*any\b|as\s+any\b|<any>/g;

const violations = (pattern: RegExp): string[] =>
  sourceFiles(DOMAIN).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map((match) => `${relative(ROOT, file)}: ${match[0]}`));

describe('libs/domain boundary', () => {
  it('has source files to check', () => {
    expect(sourceFiles(DOMAIN).length).toBeGreaterThan(10);
  });

  it('imports no framework, database, broker or other lib', () => {
    expect(violations(FORBIDDEN_IMPORTS)).toEqual([]);
  });

  it('reads no clock: time comes in with the command', () => {
    expect(violations(CLOCK)).toEqual([]);
  });

  it('does no I/O', () => {
    expect(violations(IO_MODULES)).toEqual([]);
  });

  it('has no `any` escapes', () => {
    expect(violations(ANY)).toEqual([]);
  });

  it('catches a forbidden import when there is one', () => {
    expect("import { Injectable } from '@nestjs/common';".match(FORBIDDEN_IMPORTS)).not.toBeNull();
    expect('const t = Date.now();'.match(CLOCK)).not.toBeNull();
  });
});
