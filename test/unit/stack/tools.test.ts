import { afterEach, describe, expect, it } from 'vitest';
import { StackError } from '../../../local/stack/errors.js';
import { requireTool } from '../../../local/stack/tools.js';

describe('requireTool', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('names the missing program and how to install it in one line', async () => {
    process.env.PATH = '/nonexistent';

    const check = requireTool('mvn');

    await expect(check).rejects.toBeInstanceOf(StackError);
    await expect(check).rejects.toThrow(/^`mvn` was not found on PATH: install Apache Maven 3\.8\+[^\n]*$/);
  });
});
