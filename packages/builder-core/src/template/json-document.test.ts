import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonDocument } from './json-document';
import { JsonSyntaxError } from './json-syntax-error';
import { compatTemplatesDir, hasCompatTemplates } from './template-test-helpers';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonDocument(text, 'template.json');
  } catch (error) {
    if (JsonSyntaxError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a syntax error');
}

describe('parseJsonDocument', () => {
  it('parses JSON values as Go encoding/json does', () => {
    const text = '\uFEFF{"a": [1, -2.5e3, true, false, null], "b": {"c": "\\u00e9\\n\\"q\\" \\/"}}';
    expect(parseJsonDocument(text).value).toEqual({ a: [1, -2500, true, false, null], b: { c: 'é\n"q" /' } });
  });

  it('keeps the last of duplicated keys and reports where each duplicate is', () => {
    const document = parseJsonDocument('{\n  "a": 1,\n  "b": {"x": 1, "x": 2},\n  "a": 3\n}');
    expect(document.value).toEqual({ a: 3, b: { x: 2 } });
    expect(document.duplicates).toEqual([
      { path: ['b', 'x'], line: 3, column: 17 },
      { path: ['a'], line: 4, column: 3 },
    ]);
  });

  it('locates values by key path', () => {
    const document = parseJsonDocument('{\n  "builders": [\n    {"type": "osc-bsu",\n     "omi_name": "x"}\n  ]\n}');
    expect(document.locate(['builders', 0, 'omi_name'])).toEqual({ line: 4, column: 6 });
    expect(document.locate(['builders', 0])).toEqual({ line: 3, column: 5 });
    expect(document.locate(['nope'])).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'expected a quoted key, got "}"; a trailing comma is not allowed in JSON'],
    ['[1, 2,]', 1, 7, 'unexpected "]"; a trailing comma is not allowed in JSON'],
    ['{"a": 1 "b": 2}', 1, 9, 'expected "," or "}" after the value of "a", got "\\""'],
    ['{"a" 1}', 1, 6, 'expected ":" after the key "a", got "1"'],
    ['{"a": "unterminated}', 1, 7, 'unterminated string'],
    ['{"a": "bad \\q escape"}', 1, 12, 'invalid escape "\\q" in string'],
    ['{"a": "tab\there"}', 1, 11, 'control character in string (write newlines as \\n and tabs as \\t)'],
    [
      '{\n  // comment\n  "a": 1\n}',
      2,
      3,
      'comments are not allowed in JSON (Packer accepts root keys starting with "_" as comments)',
    ],
    ["{'a': 1}", 1, 2, 'expected a quoted key, got "\'"'],
    ['{"a": \'x\'}', 1, 7, 'strings must be written with double quotes'],
    ['{"a": tru}', 1, 7, 'unexpected "t" where a value was expected'],
    ['{"a": 01}', 1, 8, 'expected "," or "}" after the value of "a", got "1"'],
    ['{"a": 1} {}', 1, 10, 'unexpected "{" after the end of the JSON document'],
    ['{"a": [1, 2', 1, 12, 'expected "," or "]" after a list item, got the end of the file'],
    ['', 1, 1, 'unexpected end of file where a value was expected'],
  ])('reports %j at line %i, column %i', (text, line, column, reason) => {
    const error = syntaxError(text);
    expect({ line: error.line, column: error.column, reason: error.reason }).toEqual({ line, column, reason });
    expect(error.message).toContain(`template.json: ${reason} at line ${line}, column ${column}:`);
  });

  it('prints the offending line and the one before, with a caret under the column', () => {
    const error = syntaxError('{\n  "type": "osc-bsu",\n}');
    expect(error.excerpt).toBe('    2:   "type": "osc-bsu",\n    3: }\n       ^');
  });

  it.skipIf(!hasCompatTemplates)('points at the trailing comma of the compat osc-auth-x509 fragment', () => {
    const text = readFileSync(join(compatTemplatesDir, 'osc-auth-x509.fragment.json'), 'utf8');
    const error = syntaxError(text);
    expect({ line: error.line, column: error.column }).toEqual({ line: 6, column: 1 });
    expect(error.excerpt).toContain('    5:   "type": "osc-bsu",\n    6: }\n       ^');
  });

  it.skipIf(!hasCompatTemplates)(
    'keeps the last launch_block_device_mappings of the duplicate-key compat fragment',
    () => {
      const file = 'plugin-doc-outscale-bsu-launch-mappings-duplicate-key.fragment.json';
      const document = parseJsonDocument(readFileSync(join(compatTemplatesDir, file), 'utf8'));
      const value = document.value as { launch_block_device_mappings: { device_name: string }[] };
      expect(value.launch_block_device_mappings.map((m) => m.device_name)).toEqual(['/dev/sdb', '/dev/sdc']);
      expect(document.duplicates).toEqual([{ path: ['launch_block_device_mappings'], line: 18, column: 3 }]);
    },
  );
});
