import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/** The workspace root. */
const ROOT = join(__dirname, '..', '..', '..', '..');

/** An AWS action a function's code can send, and the adapter class it is sent through (none for a plain function). */
export interface ReachableAction {
  /** `service:Action`, as IAM names it, e.g. `dynamodb:PutItem`. */
  readonly action: string;
  /** The class implementing a port through which the call is reached, e.g. `DynamoDbAuditLog`. */
  readonly adapter?: string;
}

/** The IAM service prefix of each AWS SDK package the adapters use. */
const SERVICE_OF_PACKAGE: Readonly<Record<string, string>> = {
  'client-account': 'account',
  'client-organizations': 'organizations',
  'client-dynamodb': 'dynamodb',
  'lib-dynamodb': 'dynamodb',
  'client-sqs': 'sqs',
  'client-sns': 'sns',
  'client-secrets-manager': 'secretsmanager',
};

/** The document client's commands, by the DynamoDB operation each sends. */
const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/**
 * The AWS actions each entry module's code can reach, found in its source by the TypeScript checker:
 * from the module's top level, every function, method, getter and function-valued property it
 * refers to is followed, transitively; a call on a port (an interface method) is followed into every
 * class of the program that implements that interface, and what is reached from there is attributed
 * to that class. An SDK command constructed (`new PutCommand`) or paginated (`paginateListAccounts`)
 * is an action. This over-approximates what runs (every branch counts), and it sees only what the
 * source names: constructors and code reached through a dynamic lookup (a container resolving a
 * class) are followed only where a call names them, so the handlers, which call their use cases by
 * name, are the roots. An entry's `closed` gates are names (a setting, a variable) that are never
 * set on its paths: a branch conditioned on one (`env.fingerprintSecretArn ? …`, `if (x && only)`)
 * is not followed; its `skipped` methods and functions (`Reconcile.plan`, `listPages`) are never
 * entered on its paths.
 */
export interface EntryPaths {
  readonly closed: ReadonlySet<string>;
  readonly skipped: ReadonlySet<string>;
}

export function reachableActions(
  entries: Readonly<Record<string, string>>,
  paths: (entry: string) => EntryPaths,
): Record<string, ReachableAction[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'apps/contact-sync/tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('apps/contact-sync/tsconfig.json cannot be read');
  const files = Object.values(entries).map((file) => join(ROOT, file));
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const ours = (file: ts.SourceFile) => !file.isDeclarationFile && !file.fileName.includes(`${sep}node_modules${sep}`);
  const classes = program
    .getSourceFiles()
    .filter(ours)
    .flatMap((file) => file.statements.filter(ts.isClassDeclaration));

  return Object.fromEntries(
    Object.entries(entries).map(([name, file]) => {
      const source = program.getSourceFile(join(ROOT, file));
      if (!source) throw new Error(`${file} is not in the program`);
      return [name, walk(source, paths(name))];
    }),
  );

  function walk(entry: ts.SourceFile, { closed, skipped }: EntryPaths): ReachableAction[] {
    const found = new Map<string, ReachableAction>();
    const seen = new Set<string>();
    const queue: [ts.Node, string | undefined][] = [[entry, undefined]];
    const follow = (node: ts.Node, adapter: string | undefined) => {
      const key = `${node.getSourceFile().fileName}:${node.pos}:${adapter ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      queue.push([node, adapter]);
    };
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [root, adapter] = next;
      const visit = (node: ts.Node): void => {
        const gate = gateOf(node);
        if (gate && gate.names.some((name) => closed.has(name))) {
          visit(gate.condition);
          if (gate.otherwise) visit(gate.otherwise);
          return;
        }
        if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
        if (ts.isIdentifier(node)) reference(node, adapter);
        ts.forEachChild(node, visit);
      };
      visit(root);
    }
    return [...found.values()].sort((a, b) => `${a.action} ${a.adapter}`.localeCompare(`${b.action} ${b.adapter}`));

    function reference(identifier: ts.Identifier, adapter: string | undefined): void {
      let symbol = checker.getSymbolAtLocation(identifier);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) {
        const file = declaration.getSourceFile();
        const sdk = /[\\/]node_modules[\\/]@aws-sdk[\\/]([a-z-]+)[\\/]/.exec(file.fileName)?.[1];
        if (sdk) {
          const service = SERVICE_OF_PACKAGE[sdk];
          const operation = sdkOperation(identifier, sdk);
          if (service && operation) {
            const action = `${service}:${operation}`;
            found.set(`${action} ${adapter ?? ''}`, { action, ...(adapter ? { adapter } : {}) });
          }
          continue;
        }
        if (!ours(file)) continue;
        if ((ts.isMethodDeclaration(declaration) || ts.isFunctionDeclaration(declaration)) && skipped.has(qualifiedName(declaration)))
          continue;
        // A class of ours constructed (`new PagedListing(…)`): its constructor runs, and what it calls is reached.
        if (ts.isClassDeclaration(declaration) && ts.isNewExpression(identifier.parent) && identifier.parent.expression === identifier)
          for (const member of declaration.members) if (ts.isConstructorDeclaration(member) && member.body) follow(member, adapter);
        // The whole declaration: its parameters' defaults run too (lambdaHandler's root).
        if (
          (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isAccessor(declaration)) &&
          declaration.body
        )
          follow(declaration, adapter);
        else if (ts.isPropertyDeclaration(declaration) && declaration.initializer) follow(declaration.initializer, adapter);
        else if (ts.isVariableDeclaration(declaration) && declaration.initializer && isFunction(declaration.initializer))
          follow(declaration.initializer, adapter);
        // A function body declared through a call (`defineFunction(useCases, async (event, …) => …)`): the call and the body it is given.
        else if (ts.isVariableDeclaration(declaration) && declaration.initializer && isDeclaringCall(declaration.initializer))
          follow(declaration.initializer, adapter);
        else if (ts.isPropertyAssignment(declaration) && isFunction(declaration.initializer)) follow(declaration.initializer, adapter);
        else if (
          (ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) &&
          ts.isInterfaceDeclaration(declaration.parent)
        )
          for (const [implementation, member] of implementationsOf(declaration.parent, identifier.text))
            // A skipped method is skipped however it is reached, through its port too.
            if (!skipped.has(`${implementation}.${identifier.text}`)) follow(member, implementation);
      }
    }
  }

  /** Whether `identifier` names an SDK operation where it stands: a command constructed, or a paginator called. */
  function sdkOperation(identifier: ts.Identifier, sdk: string): string | undefined {
    const parent = identifier.parent;
    const name = identifier.text;
    if (ts.isNewExpression(parent) && parent.expression === identifier && name.endsWith('Command')) {
      const operation = name.slice(0, -'Command'.length);
      return sdk === 'lib-dynamodb' ? (DOCUMENT_COMMANDS[operation] ?? operation) : operation;
    }
    if (ts.isCallExpression(parent) && parent.expression === identifier && name.startsWith('paginate'))
      return name.slice('paginate'.length);
    return undefined;
  }

  /** The members named `name` of every class of the program that implements `port`, with the class's name. */
  function implementationsOf(port: ts.InterfaceDeclaration, name: string): [string, ts.Node][] {
    const portType = checker.getTypeAtLocation(port);
    return classes.flatMap((c) => {
      const implemented = (c.heritageClauses ?? [])
        .filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword)
        .flatMap((h) => h.types)
        .some((t) => implementsType(checker.getTypeAtLocation(t), portType));
      if (!implemented) return [];
      const member = c.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name);
      if (!member) return [];
      const body =
        (ts.isMethodDeclaration(member) || ts.isAccessor(member) ? member.body : undefined) ??
        (ts.isPropertyDeclaration(member) ? member.initializer : undefined);
      return body ? [[c.name?.text ?? 'anonymous class', body] as [string, ts.Node]] : [];
    });
  }

  /** `type` is `port`, or an interface that extends it. */
  function implementsType(type: ts.Type, port: ts.Type): boolean {
    if (type === port) return true;
    return (type.getBaseTypes?.() ?? []).some((base) => implementsType(base, port));
  }
}

const isFunction = (node: ts.Node): boolean => ts.isArrowFunction(node) || ts.isFunctionExpression(node);

/** A call given a function to keep (a function body declared with `defineFunction`): what the declared value runs is in its arguments. */
const isDeclaringCall = (node: ts.Node): boolean => ts.isCallExpression(node) && node.arguments.some(isFunction);

/**
 * A condition on names (`x.setting ? a : b`, `if (a && only) b else c`): the names it requires (the
 * condition itself, or each operand of an `&&`), and the parts that run without them.
 */
function gateOf(node: ts.Node): { names: string[]; condition: ts.Node; otherwise?: ts.Node } | undefined {
  const required = (condition: ts.Expression): string[] => {
    if (ts.isBinaryExpression(condition) && condition.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
      return [...required(condition.left), ...required(condition.right)];
    if (ts.isPropertyAccessExpression(condition)) return [condition.name.text];
    if (ts.isIdentifier(condition)) return [condition.text];
    return [];
  };
  if (ts.isConditionalExpression(node)) return { names: required(node.condition), condition: node.condition, otherwise: node.whenFalse };
  if (ts.isIfStatement(node))
    return {
      names: required(node.expression),
      condition: node.expression,
      ...(node.elseStatement ? { otherwise: node.elseStatement } : {}),
    };
  return undefined;
}

/** `Class.method`, or a function's name. */
function qualifiedName(declaration: ts.MethodDeclaration | ts.FunctionDeclaration): string {
  if (ts.isFunctionDeclaration(declaration)) return declaration.name?.text ?? '';
  const owner = ts.isClassDeclaration(declaration.parent) ? (declaration.parent.name?.text ?? '') : '';
  return `${owner}.${declaration.name.getText()}`;
}

/** A path relative to the workspace, for messages. */
export const workspacePath = (path: string): string => relative(ROOT, path);
