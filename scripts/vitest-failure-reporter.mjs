// A Vitest reporter that records every failure with its message in .test-results/failures.json, so the
// summary at the end of `npm test` can say why something failed: the JSON reporter keeps a failed test's
// message but drops an error raised by a beforeAll/afterAll hook or while loading a file (whose tests it
// then calls "skipped"), and a CI log is often read from its end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const firstLines = (error) =>
  String(error?.message ?? error ?? 'unknown error')
    .split('\n')
    .slice(0, 6)
    .join('\n');

export default class FailureReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const failures = [];
    const add = (where, errors) => {
      for (const error of errors) failures.push({ where, message: firstLines(error) });
    };
    for (const module of testModules) {
      const file = module.relativeModuleId ?? module.moduleId;
      add(`${file} (loading the file or its hooks)`, module.errors());
      for (const suite of module.children.allSuites()) add(`${file} > ${suite.fullName} (a hook)`, suite.errors());
      for (const test of module.children.allTests('failed'))
        add(`${file} > ${test.fullName}`, test.result().errors ?? []);
    }
    add('outside any test (unhandled)', unhandledErrors);
    mkdirSync('.test-results', { recursive: true });
    writeFileSync(join('.test-results', 'failures.json'), `${JSON.stringify(failures, null, 2)}\n`);
  }
}
