// protocol.ts is generated from the server's JSON Schema (npm run gen:types): this fails when the
// schema changed and the types were not regenerated, so the client never drifts from the server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFromFile } from 'json-schema-to-typescript';
import { expect, it } from 'vitest';

it('protocol.ts is what gen:types makes of shared/protocol/schema', async () => {
  const schema = join(__dirname, '../../../shared/protocol/schema/protocol.schema.json');
  const script = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')).scripts[
    'gen:types'
  ] as string;
  const banner = /--bannerComment "([^"]*)"/.exec(script)?.[1] ?? '';
  const made = await compileFromFile(schema, {
    bannerComment: banner,
    unreachableDefinitions: true,
    additionalProperties: false,
  });
  expect(readFileSync(join(__dirname, 'protocol.ts'), 'utf8')).toBe(made);
}, 30_000);
