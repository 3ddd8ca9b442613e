import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allowedDependencies } from './allowed-dependencies';

/** One broken rule, with the file it was found in. */
export interface LayeringViolation {
  file: string;
  problem: string;
}

const scope = '@osc-packer/';
const testFile = /\.(test|spec|bench)\.[cm]?tsx?$/;
const skippedDirectories = new Set(['node_modules', 'dist', '__fixtures__', 'test']);

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (!skippedDirectories.has(entry)) sourceFiles(path, out);
    } else if (/\.[cm]?tsx?$/.test(entry) && !testFile.test(entry)) {
      out.push(path);
    }
  }
  return out;
}

// Static imports, re-exports, dynamic import() and require() of a module specifier.
const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Module specifiers a source file imports. */
export function importedSpecifiers(source: string): string[] {
  return [...source.matchAll(specifierPattern)].map((m) => m[1] ?? '');
}

function checkManifest(root: string, name: string, allowed: readonly string[]): LayeringViolation[] {
  const file = join('packages', name, 'package.json');
  const manifest = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, Record<string, string>>;
  const violations: LayeringViolation[] = [];
  if ((manifest.name as unknown as string) !== `${scope}${name}`) {
    violations.push({ file, problem: `package must be named ${scope}${name}` });
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const dependency of Object.keys(manifest[field] ?? {})) {
      if (!dependency.startsWith(scope)) continue;
      const target = dependency.slice(scope.length);
      if (!allowed.includes(target))
        violations.push({ file, problem: `${field} lists ${dependency}, which ${name} may not use` });
    }
  }
  return violations;
}

// Subpaths a package declares in its `exports` map (e.g. `./test`, `./package.json`); importing those is fine.
function exportedSubpaths(root: string, name: string): string[] {
  const file = join(root, 'packages', name, 'package.json');
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { exports?: unknown };
  return manifest.exports && typeof manifest.exports === 'object' ? Object.keys(manifest.exports) : [];
}

function checkImports(root: string, name: string, allowed: readonly string[]): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  const packageDir = join(root, 'packages', name);
  const srcDir = join(packageDir, 'src');
  if (!existsSync(srcDir)) return violations;
  for (const path of sourceFiles(srcDir)) {
    const file = relative(root, path);
    for (const specifier of importedSpecifiers(readFileSync(path, 'utf8'))) {
      if (specifier.startsWith(scope)) {
        const [target, ...rest] = specifier.slice(scope.length).split('/');
        if (target !== name && !allowed.includes(target ?? '')) {
          violations.push({ file, problem: `imports ${specifier}, which ${name} may not use` });
        }
        if (rest.length > 0 && !exportedSubpaths(root, target ?? '').includes(`./${rest.join('/')}`)) {
          violations.push({ file, problem: `deep-imports ${specifier}; import ${scope}${target} through its exports` });
        }
      } else if (specifier.startsWith('.')) {
        const resolved = relative(packageDir, join(path, '..', specifier));
        if (resolved.startsWith('..')) {
          violations.push({ file, problem: `reaches outside its package with ${specifier}` });
        }
      }
    }
  }
  return violations;
}

/**
 * Checks every package under `<root>/packages` against the allowed dependency table: manifests may only
 * depend on packages below them, source files may only import those packages, only through their
 * `exports`, and never reach into another package by relative path. Test files are exempt.
 */
export function checkLayering(root: string): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  const packagesDir = join(root, 'packages');
  const present = readdirSync(packagesDir).filter((entry) => existsSync(join(packagesDir, entry, 'package.json')));
  for (const name of present) {
    const allowed = allowedDependencies[name];
    if (!allowed) {
      violations.push({ file: join('packages', name), problem: `${name} is not in the architecture's package table` });
      continue;
    }
    violations.push(...checkManifest(root, name, allowed), ...checkImports(root, name, allowed));
  }
  for (const name of Object.keys(allowedDependencies)) {
    if (!present.includes(name))
      violations.push({ file: join('packages', name), problem: `package ${name} is missing` });
  }
  return violations;
}
