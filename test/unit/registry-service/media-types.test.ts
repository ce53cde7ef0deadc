import { describe, expect, it } from 'vitest';
import { negotiateResponseType } from '../../../registry/http/media-types.js';

describe('negotiateResponseType', () => {
  it("answers in Confluent's own type when the client states no preference", () => {
    expect(negotiateResponseType(undefined)).toBe('application/vnd.schemaregistry.v1+json');
    expect(negotiateResponseType('*/*')).toBe('application/vnd.schemaregistry.v1+json');
    expect(negotiateResponseType('application/*')).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('answers in plain JSON when that is what the client asks for', () => {
    expect(negotiateResponseType('application/json')).toBe('application/json');
    expect(negotiateResponseType('application/json, */*;q=0.1')).toBe('application/json');
  });

  it("lets the client's q decide before the server's preference", () => {
    expect(
      negotiateResponseType('application/json;q=0.9, application/vnd.schemaregistry.v1+json;q=0.5'),
    ).toBe('application/json');
    expect(
      negotiateResponseType(
        'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5',
      ),
    ).toBe('application/vnd.schemaregistry.v1+json');
  });

  it('has no type for a client that accepts none of the JSON types', () => {
    expect(negotiateResponseType('text/html')).toBeUndefined();
    expect(negotiateResponseType('application/json;q=0')).toBeUndefined();
  });
});
