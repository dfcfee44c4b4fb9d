/** What the pseudo parameters and each resource's `Ref` and `Fn::GetAtt` are in one deployed stack. */
export interface DeployedValues {
  readonly pseudo: Readonly<Record<string, string>>;
  /** `Ref <logical id>`. */
  readonly refs: Readonly<Record<string, string>>;
  /** `Fn::GetAtt [<logical id>, <attribute>]`, by logical id then attribute. */
  readonly attributes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The value each of the template's conditions has. */
  readonly conditions: Readonly<Record<string, boolean>>;
}

/** Thrown for an intrinsic this resolver does not know: teach it rather than compare an unresolved value. */
export class UnresolvableError extends Error {}

const NO_VALUE = Symbol('AWS::NoValue');

/**
 * `value` as CloudFormation hands it to a resource: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select,
 * Fn::Split, Fn::If (with `AWS::NoValue` dropping the key) and Fn::Equals resolved against `values`,
 * independently of moto, so that comparing moto's resources with the result checks moto's resolution too.
 */
export function resolve(value: unknown, values: DeployedValues): unknown {
  const resolved = resolveAny(value, values);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveAny(value: unknown, values: DeployedValues): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveAny(v, values)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition'))
    return intrinsic(key, argument, values);
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveAny(v, values)]).filter(([, v]) => v !== NO_VALUE));
}

function intrinsic(name: string, argument: unknown, values: DeployedValues): unknown {
  const arg = (v: unknown) => resolveAny(v, values);
  switch (name) {
    case 'Ref':
      return argument === 'AWS::NoValue' ? NO_VALUE : ref(String(argument), values);
    case 'Fn::GetAtt': {
      const [id, attribute] = (Array.isArray(argument) ? argument : String(argument).split('.')) as [string, string];
      return getAtt(id, attribute, values);
    }
    case 'Fn::Sub': {
      const [text, variables = {}] = (Array.isArray(argument) ? argument : [argument]) as [string, Record<string, unknown>?];
      return text.replace(/\$\{([^}]+)\}/g, (whole, expression: string) => {
        if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
        if (expression in variables) return String(arg(variables[expression]));
        const at = expression.indexOf('.');
        return at > 0 && !expression.startsWith('AWS::')
          ? getAtt(expression.slice(0, at), expression.slice(at + 1), values)
          : ref(expression, values);
      });
    }
    case 'Fn::Join': {
      const [delimiter, list] = argument as [string, unknown];
      return (arg(list) as unknown[]).map(String).join(delimiter);
    }
    case 'Fn::Select': {
      const [index, list] = argument as [unknown, unknown];
      return (arg(list) as unknown[])[Number(arg(index))];
    }
    case 'Fn::Split': {
      const [delimiter, text] = argument as [string, unknown];
      return String(arg(text)).split(delimiter);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = argument as [string, unknown, unknown];
      return arg(conditionValue(condition, values) ? whenTrue : whenFalse);
    }
    default:
      throw new UnresolvableError(
        `${name} in ${JSON.stringify(argument)}: the deploy test cannot resolve it yet; teach template-intrinsics.ts`,
      );
  }
}

function ref(id: string, values: DeployedValues): string {
  const value = values.pseudo[id] ?? values.refs[id];
  if (value === undefined) throw new UnresolvableError(`Ref ${id}: not a pseudo parameter nor a resource of the stack`);
  return value;
}

function getAtt(id: string, attribute: string, values: DeployedValues): string {
  const value = values.attributes[id]?.[attribute];
  if (value === undefined) throw new UnresolvableError(`Fn::GetAtt ${id}.${attribute}: unknown; teach the reader of its type to return it`);
  return value;
}

function conditionValue(name: string, values: DeployedValues): boolean {
  const value = values.conditions[name];
  if (value === undefined) throw new UnresolvableError(`condition ${name} is not in the template`);
  return value;
}

/** The value of each condition: Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition over resolvable values. */
export function evaluateConditions(
  conditions: Readonly<Record<string, unknown>>,
  values: Omit<DeployedValues, 'conditions'>,
): Record<string, boolean> {
  const done: Record<string, boolean> = {};
  const evaluate = (expression: unknown): boolean => {
    const [[name, argument] = []] = Object.entries(expression as Record<string, unknown>);
    const list = argument as unknown[];
    switch (name) {
      case 'Condition':
        return named(String(argument));
      case 'Fn::Equals':
        return (
          JSON.stringify(resolve(list[0], { ...values, conditions: done })) ===
          JSON.stringify(resolve(list[1], { ...values, conditions: done }))
        );
      case 'Fn::Not':
        return !evaluate(list[0]);
      case 'Fn::And':
        return list.every(evaluate);
      case 'Fn::Or':
        return list.some(evaluate);
      default:
        throw new UnresolvableError(`condition function ${String(name)}: teach template-intrinsics.ts`);
    }
  };
  const named = (name: string): boolean => (done[name] ??= evaluate(conditions[name]));
  Object.keys(conditions).forEach(named);
  return done;
}
