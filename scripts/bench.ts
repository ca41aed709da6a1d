/** `npm run bench`: every benchmark, printed as figures and ratios to a same-run baseline. */
import { benchGenerator } from '../bench/generator.ts';
import { benchLocalStack } from '../bench/local-stack/index.ts';

for (const line of await benchGenerator()) console.log(line);
console.log('');
for (const line of await benchLocalStack()) console.log(line);
