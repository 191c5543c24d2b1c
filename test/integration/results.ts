// What a run of the integration suite reports, wherever it ran: the companion extension writes it
// as JSON for the harness, the @vscode/test-electron entry prints it.

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestOutcome {
  /** Full title: suite titles and the test title, joined by spaces. */
  readonly title: string;
  readonly state: TestState;
  readonly durationMs?: number;
  readonly error?: string;
}

export interface SuiteResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly tests: readonly TestOutcome[];
}

/** The JSON file the companion extension keeps up to date while the suite runs. */
export type ResultsFile =
  | { readonly state: 'running'; readonly startedAt: string }
  | ({ readonly state: 'done' } & SuiteResults)
  | { readonly state: 'crashed'; readonly error: string };

/** Environment variable naming the results file; the companion does nothing without it. */
export const RESULTS_FILE_VARIABLE = 'LOG_ANOMALY_INTEGRATION_RESULTS';
