// Reads a page, route handler or server-action module with the TypeScript compiler and tells whether each of its
// entry points goes through a request guard of lib/auth/guards.ts. Used by tests/e2e/guards.spec.ts on
// every entry point that the production build's manifests list.
import ts from "typescript";

export const PAGE_GUARDS = ["customerPage", "staffPage", "publicPage"] as const;
export const ROUTE_GUARDS = ["customerRoute", "staffRoute", "publicRoute"] as const;
export const ACTION_GUARDS = ["customerAction", "staffAction", "accountAction", "publicAction", "publicFormAction", "publicCall"] as const;
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type GuardFinding = { entry: string; problem: string };

function parse(source: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Whether `node` contains a call to one of `names` (awaited or not, alone or inside Promise.all). */
function callsOneOf(node: ts.Node, names: readonly string[]): boolean {
  let found = false;
  const visit = (n: ts.Node) => {
    if (found) return;
    if (ts.isCallExpression(n) && names.includes(calleeName(n) ?? "")) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function hasExportModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function hasDefaultModifier(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
}

/** The module's top-level functions by name, so that `export const x = factory(…)` can be followed into `factory`. */
function localFunctions(file: ts.SourceFile): Map<string, ts.Node> {
  const functions = new Map<string, ts.Node>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
          functions.set(d.name.text, d.initializer);
  }
  return functions;
}

/** An initializer is guarded when it is a guard call, or a call to a local factory whose result is a guard call. */
function isGuardedInitializer(expression: ts.Expression | undefined, guards: readonly string[], functions: Map<string, ts.Node>): boolean {
  if (!expression) return false;
  while (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression) || ts.isParenthesizedExpression(expression)) expression = expression.expression;
  if (!ts.isCallExpression(expression)) return false;
  const name = calleeName(expression) ?? "";
  if (guards.includes(name)) return true;
  const factory = functions.get(name);
  if (!factory) return false;
  let returnsGuard = false;
  const visit = (n: ts.Node) => {
    if (returnsGuard) return;
    // Only the factory's own return statements: a guard called in a nested helper does not count.
    if (n !== factory && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n))) return;
    if (ts.isReturnStatement(n) && n.expression && ts.isCallExpression(n.expression) && guards.includes(calleeName(n.expression) ?? "")) returnsGuard = true;
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(factory, visit);
  if (!returnsGuard && ts.isArrowFunction(factory) && !ts.isBlock(factory.body)) returnsGuard = isGuardedInitializer(factory.body, guards, new Map());
  return returnsGuard;
}

function exportedConst(file: ts.SourceFile, name: string): { declaration?: ts.VariableDeclaration; asFunction: boolean } {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement) && hasExportModifier(statement))
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return { declaration: d, asFunction: false };
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name?.text === name) return { asFunction: true };
  }
  return { asFunction: false };
}

/** A page: its default export must call a page guard in its own body. */
export function checkPage(source: string, fileName: string): GuardFinding[] {
  const file = parse(source, fileName);
  const page = file.statements.find((s) => ts.isFunctionDeclaration(s) && hasExportModifier(s) && hasDefaultModifier(s)) as ts.FunctionDeclaration | undefined;
  if (!page?.body) return [{ entry: "default", problem: "no default-exported page function found" }];
  return callsOneOf(page.body, PAGE_GUARDS) ? [] : [{ entry: "default", problem: `the page calls none of ${PAGE_GUARDS.join(", ")}` }];
}

/** A route handler: every exported HTTP method must be `export const METHOD = customerRoute(…)` / `staffRoute(…)`. */
export function checkRoute(source: string, fileName: string): GuardFinding[] {
  const file = parse(source, fileName);
  const functions = localFunctions(file);
  const findings: GuardFinding[] = [];
  let methods = 0;
  for (const statement of file.statements) {
    const names: { name: string; initializer?: ts.Expression }[] = [];
    if (ts.isFunctionDeclaration(statement) && hasExportModifier(statement) && statement.name) names.push({ name: statement.name.text });
    if (ts.isVariableStatement(statement) && hasExportModifier(statement))
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push({ name: d.name.text, initializer: d.initializer });
    if (ts.isExportDeclaration(statement))
      findings.push({ entry: "export { … }", problem: "re-exported handlers cannot be checked: export each method as a guard call" });
    for (const { name, initializer } of names) {
      if (!HTTP_METHODS.has(name)) continue;
      methods++;
      if (!isGuardedInitializer(initializer, ROUTE_GUARDS, functions)) findings.push({ entry: name, problem: `not a ${ROUTE_GUARDS.join(" / ")} call` });
    }
  }
  if (methods === 0) findings.push({ entry: "-", problem: "no HTTP method exported" });
  return findings;
}

/** A server action: `export const name = <action guard>(…)`, or a local factory that returns one. */
export function checkAction(source: string, fileName: string, exportedName: string): GuardFinding[] {
  const file = parse(source, fileName);
  const { declaration, asFunction } = exportedConst(file, exportedName);
  if (asFunction) return [{ entry: exportedName, problem: "a plain exported function: wrap it in an action guard" }];
  if (!declaration) return [{ entry: exportedName, problem: "export not found" }];
  return isGuardedInitializer(declaration.initializer, ACTION_GUARDS, localFunctions(file))
    ? []
    : [{ entry: exportedName, problem: `not a call to ${ACTION_GUARDS.join(" / ")}` }];
}
