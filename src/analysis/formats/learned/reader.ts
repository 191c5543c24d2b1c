/**
 * The learned reader: a LogFormat that applies a HeaderProfile to each line. The learning happens once on a
 * sample; per line it only scans the few leading fields.
 */
import { isContinuation } from '../generic';
import { inferLevel } from '../infer-level';
import { messageFrom } from '../fields';
import { Level } from '../levels';
import type { LogFormat, ParsedLine } from '../types';
import { createHeaderFields, type HeaderProfile, readHeader } from './header';
import { learnHeader } from './learn';

export const LEARNED_FORMAT_NAME = 'learned';

/** How the summary shows the learned structure: `timestamp · name · program[pid] · message`. */
export function describeStructure(profile: HeaderProfile): string {
  return profile.structure.length === 0 ? 'message only, no header found' : [...profile.structure, 'message'].join(' · ');
}

export function createLearnedFormat(profile: HeaderProfile): LogFormat {
  const header = createHeaderFields();
  const { timeRequired } = profile;
  return {
    name: LEARNED_FORMAT_NAME,
    label: `Learned (${describeStructure(profile)})`,
    hasYear: profile.hasYear,
    headerProfile: profile,
    parse(line: string, out: ParsedLine): boolean {
      if (line.length === 0 || isContinuation(line)) return false;
      readHeader(line, profile, header);
      // Where headers have timestamps, a line without one nor another strong field continues the entry above.
      if (timeRequired && Number.isNaN(header.timestamp) && header.strong === 0) return false;
      out.timestamp = header.timestamp;
      out.timestampStart = header.timestampStart;
      out.timestampEnd = header.timestampEnd;
      out.component = header.componentEnd > header.componentStart ? line.slice(header.componentStart, header.componentEnd) : '';
      messageFrom(line, header.messageStart, out);
      out.level = header.level !== Level.unknown ? header.level : inferLevel(out.message);
      return true;
    },
  };
}

/** Learns the header of a sample and returns its reader. */
export function fitLearnedFormat(sample: readonly string[]): LogFormat {
  return createLearnedFormat(learnHeader(sample));
}
