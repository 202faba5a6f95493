/**
 * The compiler refuses what a reader should never have to read: unused
 * locals and unused parameters.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoPath } from './repo';

describe('tsconfig.json', () => {
  const file = repoPath('tsconfig.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);

  it('parses', () => {
    expect(error?.messageText).toBeUndefined();
  });

  it.each(['noUnusedLocals', 'noUnusedParameters'])('turns %s on', (option) => {
    expect(config?.compilerOptions?.[option], `compilerOptions.${option}`).toBe(true);
  });
});
