/**
 * The engine's front door: what the worker, the CLI, the parsing threads, the editor and the
 * tests use. A log (and optionally a known-good baseline) goes into `analyzeLog`; an
 * `AnalysisReport` comes out, with the helpers that read it, explain it, word it and export it.
 * Tests of one engine piece may import that piece directly; every other caller imports from here.
 */

// Running an analysis, and a baseline fitted once, saved and loaded.
export { analyzeAndFit, analyzeLog, trainBaseline, type AnalysisInput } from './pipeline/analyze';
export { LiveScorer, type ArrivedLines, type ArrivedVectors, type LiveAnomaly, type LiveBatch } from './baseline/liveScorer';
export type { BaselineModel } from './baseline/baselineModel';
export { isSavedModelHead, parseSavedModel, SAVED_MODEL_VERSION, SavedModelError, savedModelJson } from './baseline/savedModel';
export { DEFAULT_OPTIONS, MODEL_NAMES, parseContamination, resolveOptions, SESSION_MODEL_NAMES, type AnalysisOptions, type Contamination, type ModelName, type SessionModelName } from './pipeline/options';
export { AnalysisError, CancelledError, STAGE_LABELS, type AnalysisErrorCode, type AnalysisHooks, type Progress, type Stage } from './pipeline/progress';

// Reading: sources, and the parsing lanes a host may run on threads of its own.
export { bytesSource, decodeLine, textSource, type LogSource } from './reading/sources';
export { HEAD_BYTES, utf16Encoding } from './reading/binary';
export type { AlignedChunk } from './reading/aligner';
export type { LineOffsets } from './reading/collect';
export { ChunkParser, chunkBuffers, inlineLanesOf, trialRead, type LaneFactory, type ParsedChunk, type ParsingLanes, type ReadingSetup } from './reading/chunkParser';
export { BUILTIN_FORMATS, detectFormat, isCustomFormatOption, resolveFormat, type LogFormat, type ParsedLine } from './formats';
export { Level, LEVEL_NAMES, levelFromWord } from './formats/levels';
export { describeStructure, type HeaderProfile } from './formats';
export { isCustomSessionKeyOption, resolveSessionKey } from './sessions/sessionKeys';

// The report and what reads it.
export { entryLineOf, isContinuationLine, isLineFlagged, type AnalysisReport, type LineTable, type ReportStats, type ScoreHistogram, type SessionTable, type TemplateInfo, type Timeline, type VectorTable } from './report/report';
export { describeReason, type Reason, type ReasonKind } from './report/reasons';
export { appendArrived } from './report/appendArrived';
export { explainLine } from './report/explain';
export { lineDetail, reportFormat, templateTextOf, type LineDetail } from './report/display';
export { anomaliesCsv, anomalyRecord, linesCsv, sessionsCsv, templatesCsv, type AnomalyRecord } from './report/export';
export { lineFields, statedTime, type LineFields } from './report/lineFields';
export { expectedTemplateIds, rankedLines } from './scoring/ranking';
export { matchesExpectedTemplate } from './scoring/expected';

// Seeded randomness: the same seed always gives the same choices.
export { createRng, type Rng } from './models/random';

// Numbers and text as every surface writes them.
export { formatCount, formatDuration, formatScore, groupDigits, percent, plural, roundScore, SCORE_DECIMALS, shorten, wordFor, type ScorePrecision } from './util/text';
