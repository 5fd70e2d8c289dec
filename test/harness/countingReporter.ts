/**
 * Mocha's spec reporter, closing with the line `<suite>: N passed, N failed` that CI reads, and
 * saving the counts for the total that `npm test` prints last. Used by the unit tests in plain
 * Node and by the integration suite inside the extension host.
 */
import Mocha from 'mocha';
import { countsLine, saveCounts, type SuiteCounts } from './results';

type Options = Omit<Mocha.MochaOptions, 'reporterOptions'> & { reporterOption?: { suite?: string }; reporterOptions?: { suite?: string } };

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Options) {
    super(runner, options);
    const suite = options.reporterOption?.suite ?? options.reporterOptions?.suite ?? 'tests';
    runner.once('end', () => {
      const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const counts: SuiteCounts = { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
      saveCounts(String(suite), counts);
      Mocha.reporters.Base.consoleLog(`\n${countsLine(String(suite), counts)}`);
    });
  }
}

export = CountingReporter;
