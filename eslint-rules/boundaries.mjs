// The module boundaries of STYLE.md as lint rules. ESLint's own no-restricted-imports matches
// import strings only: it cannot tell `../../db/client` from a package, see a "use client" directive, or require an
// import. These rules resolve every specifier (`@/…` and relative) to a project path first, so one policy in
// eslint.config.mjs covers both spellings. Policy entries are project paths without extension: "db" is the folder
// db/ (and a module db.ts), "lib/paging" the module lib/paging.ts.
import { isBuiltin } from "node:module";
import path from "node:path";

// This file sits in <project>/eslint-rules/, whatever folder ESLint runs from.
const ROOT = path.resolve(import.meta.dirname, "..");

function toModuleId(relativePath) {
  return relativePath
    .split(path.sep)
    .join("/")
    .replace(/\.(?:d\.)?[cm]?[jt]sx?$/, "")
    .replace(/\/index$/, "");
}

/** The project path of a file, or null when it lies outside the project. */
function fileId(filename) {
  const relative = path.relative(ROOT, filename);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return null;
  return toModuleId(relative);
}

/** The project path an import specifier points at, or null for a package (or a path outside the project). */
function targetId(specifier, filename) {
  let absolute;
  if (specifier === "@" || specifier.startsWith("@/")) absolute = path.join(ROOT, specifier.slice(2));
  else if (specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../"))
    absolute = path.resolve(path.dirname(filename), specifier);
  else if (path.isAbsolute(specifier)) absolute = specifier;
  else return null;
  return fileId(absolute);
}

function within(id, entries = []) {
  return id !== null && entries.some((entry) => id === entry || id.startsWith(`${entry}/`));
}

function isNodeBuiltin(specifier) {
  return specifier.startsWith("node:") || isBuiltin(specifier);
}

/** Calls `visit(specifier, node, typeOnly)` for every static import, re-export, dynamic import() and require(). */
function importVisitors(visit) {
  const literal = (node) =>
    node?.type === "Literal" && typeof node.value === "string"
      ? node.value
      : node?.type === "TemplateLiteral" && node.expressions.length === 0
        ? node.quasis[0].value.cooked
        : null;
  const check = (source, node, typeOnly) => {
    const specifier = literal(source);
    if (specifier !== null) visit(specifier, source, typeOnly);
  };
  return {
    // Only a declaration-level `import type` is erased for certain; `import { type X }` may leave `import "x"` behind.
    ImportDeclaration: (node) => check(node.source, node, node.importKind === "type"),
    ExportNamedDeclaration: (node) => node.source && check(node.source, node, node.exportKind === "type"),
    ExportAllDeclaration: (node) => check(node.source, node, node.exportKind === "type"),
    ImportExpression: (node) => check(node.source, node, false),
    CallExpression: (node) => {
      if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments.length === 1) check(node.arguments[0], node, false);
    },
  };
}

function directives(program) {
  const found = [];
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") break;
    found.push(statement);
  }
  return found;
}

const importDirection = {
  meta: {
    type: "problem",
    docs: { description: "Pins which project folders may import which (page/action → lib → db, and lib's domains one way)." },
    schema: [
      {
        type: "object",
        properties: {
          rules: {
            type: "array",
            items: {
              type: "object",
              properties: {
                from: { type: "array", items: { type: "string" } },
                disallow: { type: "array", items: { type: "string" } },
                allow: { type: "array", items: { type: "string" } },
                allowTypeOnly: { type: "array", items: { type: "string" } },
                message: { type: "string" },
              },
              required: ["from", "disallow", "message"],
              additionalProperties: false,
            },
          },
        },
        required: ["rules"],
        additionalProperties: false,
      },
    ],
    messages: { restricted: '"{{specifier}}" ({{target}}) may not be imported from {{file}}: {{reason}}' },
  },
  create(context) {
    const file = fileId(context.filename);
    const rules = (context.options[0]?.rules ?? []).filter((rule) => within(file, rule.from));
    if (rules.length === 0) return {};
    return importVisitors((specifier, node, typeOnly) => {
      const target = targetId(specifier, context.filename);
      if (target === null) return;
      for (const rule of rules) {
        if (!within(target, rule.disallow) || within(target, rule.allow) || (typeOnly && within(target, rule.allowTypeOnly))) continue;
        context.report({ node, messageId: "restricted", data: { specifier, target, file, reason: rule.message } });
        return;
      }
    });
  },
};

const clientImports = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" module (or a client-safe lib module) imports no server module.' },
    schema: [
      {
        type: "object",
        properties: {
          clientSafe: { type: "array", items: { type: "string" } },
          serverFolders: { type: "array", items: { type: "string" } },
          serverPackages: { type: "array", items: { type: "string" } },
        },
        required: ["clientSafe", "serverFolders", "serverPackages"],
        additionalProperties: false,
      },
    ],
    messages: {
      serverModule:
        '"{{specifier}}" is server-only and {{file}} is {{why}}. Client code may import only the client-safe lib modules ({{clientSafe}}); ' +
        "pass data from a server component or call a server action instead.",
      serverPackage: '"{{specifier}}" runs on the server only and {{file}} is {{why}}.',
    },
  },
  create(context) {
    const { clientSafe, serverFolders, serverPackages } = context.options[0];
    const file = fileId(context.filename);
    const isClientComponent = directives(context.sourceCode.ast).some((d) => d.directive === "use client");
    const isClientSafe = within(file, clientSafe);
    if (!isClientComponent && !isClientSafe) return {};
    const why = isClientComponent ? 'a client component ("use client")' : "on the client-safe allow-list (eslint.config.mjs)";
    return importVisitors((specifier, node, typeOnly) => {
      // Types are erased at build time: a client component may name the shape a server action returns.
      if (typeOnly) return;
      if (serverPackages.some((p) => specifier === p || specifier.startsWith(`${p}/`)) || isNodeBuiltin(specifier)) {
        context.report({ node, messageId: "serverPackage", data: { specifier, file, why } });
        return;
      }
      const target = targetId(specifier, context.filename);
      if (within(target, serverFolders) && !within(target, clientSafe)) {
        context.report({ node, messageId: "serverModule", data: { specifier, file, why, clientSafe: clientSafe.join(", ") } });
      }
    });
  },
};

const requireServerOnly = {
  meta: {
    type: "problem",
    fixable: "code",
    docs: { description: 'Every server module starts with `import "server-only";` (STYLE.md, data access).' },
    schema: [{ type: "object", properties: { exempt: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
    messages: {
      missing:
        '{{file}} is server code: start it with `import "server-only";` ' +
        "(or, if it is a pure helper that client components need, put it on the client-safe allow-list in eslint.config.mjs).",
      notFirst: '`import "server-only";` must be the first statement of {{file}}, so that nothing else is evaluated in a client bundle.',
    },
  },
  create(context) {
    const file = fileId(context.filename);
    if (file === null || within(file, context.options[0]?.exempt)) return {};
    return {
      Program(program) {
        const prologue = directives(program);
        const isMarker = (s) => s.type === "ImportDeclaration" && s.source.value === "server-only" && s.specifiers.length === 0;
        const first = program.body[prologue.length];
        if (first && isMarker(first)) return;
        const marker = program.body.find(isMarker);
        if (marker) {
          context.report({ node: marker, messageId: "notFirst", data: { file } });
          return;
        }
        const last = prologue.at(-1);
        context.report({
          loc: { line: 1, column: 0 },
          messageId: "missing",
          data: { file },
          fix: (fixer) => (last ? fixer.insertTextAfter(last, '\nimport "server-only";') : fixer.insertTextBeforeRange([0, 0], 'import "server-only";\n')),
        });
      },
    };
  },
};

const boundaries = {
  meta: { name: "boundaries" },
  rules: { "import-direction": importDirection, "client-imports": clientImports, "require-server-only": requireServerOnly },
};

export default boundaries;
