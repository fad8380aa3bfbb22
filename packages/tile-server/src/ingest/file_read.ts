import type { DataDates } from './data_dates.js';
import type { IngestedFeature, SourceSummary, ValidationProblem } from './ingest_types.js';

/** What a reader hands to validation: projected features, read-time problems and facts about the file. */
export interface FileRead {
  features: IngestedFeature[];
  problems: ValidationProblem[];
  format: SourceSummary['format'];
  encoding: string;
  crs: string;
  /** Rows or features read, accepted or not. */
  rows: number;
  header?: string[];
  dates: DataDates;
  /** Korean names or a Korean CRS: the data is checked against Korea unless a region is declared. */
  korean: boolean;
}
