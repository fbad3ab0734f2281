import * as path from 'path';
import type { Problem } from '../model/problem';
import type { SampleCache } from '../samples/sampleCache';
import { sampleEncodingProblem } from '../samples/sampleEncoding';
import type { Analysis } from './analysis';

/** A late check of a filters file: do its sample events write timestamps the way `source.timestamps` says? Late,
 * because it reads the sample files (cached, re-read when they change). */
export function sampleEncodingProblems(samples: SampleCache): (analysis: Analysis) => Problem[] {
  return (analysis) => {
    if (!analysis.schema) return [];
    const set = samples.get(analysis.file);
    const dir = path.dirname(analysis.file);
    const problem = sampleEncodingProblem(analysis.doc, analysis.schema, set.events, (f) => path.relative(dir, f));
    return problem ? [problem] : [];
  };
}
