// The production image installs dependencies only (npm ci --omit=dev) and runs dist/, compiled from src/ alone:
// src/ must not load a devDependency or anything from dev/ (the fake Slack server and the demo) at run time.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Module specifiers a file loads at run time (type-only imports are erased by the compiler). */
function runtimeImports(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly === true ||
        (clause !== undefined &&
          clause.name === undefined &&
          named !== undefined &&
          ts.isNamedImports(named) &&
          named.elements.length > 0 &&
          named.elements.every((element) => element.isTypeOnly));
      if (!onlyTypes) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? specifier);
}

const files = sourceFiles(path.join(ROOT, 'src'));
const builtins = new Set(builtinModules);

describe('the production build', () => {
  it('compiles src/ only, so dist/ holds no demo or fake Slack code', () => {
    const build = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(build.include).toEqual(['src']);
    expect(fs.existsSync(path.join(ROOT, 'src', 'dev'))).toBe(false);
  });

  it('src/ loads only production dependencies and nothing outside src/ at run time', () => {
    const outside = files.flatMap((file) =>
      runtimeImports(file)
        .filter((specifier) => !allowedAtRunTime(file, specifier))
        .map((specifier) => `${path.relative(ROOT, file)} → ${specifier}`),
    );
    expect(outside).toEqual([]);
  });

  it('tells run-time imports from erased type imports', () => {
    const text = [
      "import { WebSocket } from 'ws';",
      "import type { Config } from 'jest';",
      "import { type Server } from 'node:http';",
      "import { startFakeSlack } from '../dev/fake-slack-server';",
      "export { parse } from 'yaml';",
    ].join('\n');
    const file = path.join(ROOT, 'src', 'probe.ts');
    const imports = runtimeImports(file, text);
    expect(imports).toEqual(['ws', '../dev/fake-slack-server', 'yaml']);
    expect(imports.filter((specifier) => !allowedAtRunTime(file, specifier))).toEqual(imports);
  });
});

function allowedAtRunTime(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) {
    return path.resolve(path.dirname(file), specifier).startsWith(path.join(ROOT, 'src') + path.sep);
  }
  const name = packageName(specifier.replace(/^node:/, ''));
  return builtins.has(name) || pkg.dependencies[name] !== undefined;
}
