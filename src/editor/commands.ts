/**
 * Every command the extension contributes, by name. package.json declares the same ids under
 * `contributes.commands` and uses them in its menus (test/unit/editor/commands.test.ts keeps the
 * two in step); code names a command only through this table. Pure: no `vscode`.
 */
export const COMMANDS = {
  detect: 'logAnomaly.detect',
  detectFile: 'logAnomaly.detectFile',
  detectAgainstBaseline: 'logAnomaly.detectAgainstBaseline',
  follow: 'logAnomaly.follow',
  stopFollowing: 'logAnomaly.stopFollowing',
  clear: 'logAnomaly.clear',
  export: 'logAnomaly.export',
  showDashboard: 'logAnomaly.showDashboard',
  resetExpected: 'logAnomaly.resetExpected',
  markExpected: 'logAnomaly.markExpected',
  groupAnomalies: 'logAnomaly.groupAnomalies',
  /** Not in the palette: the trees' items run it with a log and a 0-based line. */
  revealLine: 'logAnomaly.revealLine',
} as const;

export type CommandName = keyof typeof COMMANDS;
