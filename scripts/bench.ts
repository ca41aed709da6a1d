/** `npm run bench`: every benchmark, printed as figures and ratios to a same-run baseline. */
import { benchGenerator } from '../bench/generator.ts';

for (const line of await benchGenerator()) console.log(line);
