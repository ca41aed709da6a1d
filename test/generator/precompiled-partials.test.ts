/**
 * Partials precompiled at build time (generator/render/partial-files.mjs, bin/build-dist.mjs): the renderer uses a
 * specification only for a partial whose source text is the one it was made from, and templates rendered from the
 * precompiled partials are the committed ones byte for byte.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Handlebars from 'handlebars';
import { configFiles, loadConfigFile } from '../../generator/config/load.ts';
import { generateTemplate, renderTemplate } from '../../generator/index.ts';
import { PARTIAL_COMPILE_OPTIONS, precompiledPartialsModule } from '../../generator/render/partial-files.mjs';
import { createPartialRenderer, DEFAULT_TEMPLATES_DIR } from '../../generator/render/partials.ts';
import type { PrecompiledPartial } from '../../generator/render/precompiled-partials.ts';

/** The module build-dist.mjs puts in the bundles, imported as it is. */
async function precompiledPartials(templatesDir: string): Promise<ReadonlyMap<string, PrecompiledPartial>> {
  const code = precompiledPartialsModule(templatesDir, Handlebars);
  const module = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as {
    PRECOMPILED_PARTIALS: ReadonlyMap<string, PrecompiledPartial>;
  };
  return module.PRECOMPILED_PARTIALS;
}

/** A specification that renders `text`, whatever its data. */
function specRendering(text: string): PrecompiledPartial['spec'] {
  // biome-ignore lint/security/noGlobalEval: the precompiled form is JavaScript source, as in the bundles.
  return eval(`(${Handlebars.precompile(text, { ...PARTIAL_COMPILE_OPTIONS })})`);
}

describe('precompiled partials', () => {
  const folder = mkdtempSync(join(tmpdir(), 'partials-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('render every committed template byte for byte', async () => {
    const partials = createPartialRenderer(DEFAULT_TEMPLATES_DIR, await precompiledPartials(DEFAULT_TEMPLATES_DIR));
    for (const file of configFiles(process.cwd())) {
      const loaded = await loadConfigFile(file);
      const yaml = renderTemplate(generateTemplate(loaded.config, { ...loaded, partials }));
      assert.equal(yaml, readFileSync(loaded.templateFile, 'utf8'), file);
    }
  });

  it('are used for a partial with the same source text, and ignored for an edited one', () => {
    writeFileSync(join(folder, 'greeting.txt.hbs'), 'hello {{name}}');
    const marked = (source: string) => new Map([['greeting', { source, spec: specRendering('precompiled') }]]);
    assert.equal(createPartialRenderer(folder, marked('hello {{name}}')).render('greeting', {}), 'precompiled');
    assert.equal(
      createPartialRenderer(folder, marked('hello {{name}} (before an edit)')).render('greeting', { name: 'you' }),
      'hello you',
    );
  });

  it('keep the strict and no-escape options: a missing field throws, HTML characters stay', async () => {
    writeFileSync(join(folder, 'greeting.txt.hbs'), 'hello {{name}}');
    const partials = createPartialRenderer(folder, await precompiledPartials(folder));
    assert.equal(partials.render('greeting', { name: '<&"\'>' }), 'hello <&"\'>');
    assert.throws(() => partials.render('greeting', {}), /"name" not defined/);
  });
});
