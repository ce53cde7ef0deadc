import { UnsupportedTemplateError } from './errors.js';

/** What `Ref` and `Fn::GetAtt` of the template's resources stand for locally. */
export interface ReferenceTargets {
  /** The local value of `{ Ref: logicalId }` (pseudo parameters included), or undefined when unknown. */
  readonly ref: (logicalId: string) => string | undefined;
  /** The local value of `{ "Fn::GetAtt": [logicalId, attribute] }`, or undefined when unknown. */
  readonly getAtt: (logicalId: string, attribute: string) => string | undefined;
}

/**
 * Evaluates a template value (a literal, `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Select`, `Fn::Sub`)
 * against local targets. A reference with no local equivalent throws, naming where it was found,
 * so start-up stops rather than handing a function a value that means nothing on the laptop.
 */
export function resolveValue(value: unknown, targets: ReferenceTargets, where: string): string {
  const fail = (detail: string): never => {
    throw new UnsupportedTemplateError(where, JSON.stringify(value), detail);
  };
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('is not a template value');
  const entries = Object.entries(value);
  if (entries.length !== 1) return fail('is not a template value');
  const [fn, arg] = entries[0] as [string, unknown];
  switch (fn) {
    case 'Ref': {
      const resolved = targets.ref(String(arg));
      return resolved ?? fail(`has no local equivalent (Ref ${String(arg)})`);
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
      const resolved = targets.getAtt(id as string, attribute as string);
      return resolved ?? fail(`has no local equivalent (GetAtt ${id}.${attribute})`);
    }
    case 'Fn::Join': {
      const [separator, parts] = arg as [string, unknown[]];
      return parts.map((part) => resolveValue(part, targets, where)).join(separator);
    }
    case 'Fn::Select': {
      const [index, list] = arg as [unknown, unknown[]];
      const item = Array.isArray(list) ? list[Number(resolveValue(index, targets, where))] : undefined;
      return item === undefined ? fail('selects from no literal list') : resolveValue(item, targets, where);
    }
    case 'Fn::Sub': {
      const [text, variables] = (typeof arg === 'string' ? [arg, {}] : arg) as [
        string,
        Record<string, unknown>,
      ];
      return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
        if (name in variables) return resolveValue(variables[name], targets, where);
        const [id, attribute] = name.split('.');
        return resolveValue(attribute ? { 'Fn::GetAtt': [id, attribute] } : { Ref: id }, targets, where);
      });
    }
    default:
      return fail(`uses ${fn}, which the local pipeline does not evaluate`);
  }
}
