import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { configFiles, loadConfigFile } from '../../generator/config/load.ts';
import { renderTemplateYaml } from '../../generator/index.ts';

describe('golden templates', () => {
  for (const file of configFiles(process.cwd())) {
    const name = relative(process.cwd(), file);
    it(`${name} generates its committed template.yaml byte for byte`, async () => {
      const loaded = await loadConfigFile(file);
      const yaml = renderTemplateYaml(loaded.config, loaded);
      assert.equal(yaml, readFileSync(loaded.templateFile, 'utf8'));
    });
    it(`${name} renders identical bytes twice in one process`, async () => {
      const loaded = await loadConfigFile(file);
      const first = renderTemplateYaml(loaded.config, loaded);
      const second = renderTemplateYaml(structuredClone(loaded.config), {
        ...loaded,
        handlers: new Map(loaded.handlers),
      });
      assert.equal(first, second);
    });
  }
});
