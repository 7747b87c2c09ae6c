/**
 * Compares two API reports of @microsoft/api-extractor (`etc/<package>.api.md`) declaration by declaration,
 * with the TypeScript parser: a new export is a minor, a removed or changed one is breaking. A changed type
 * that is not exported itself but is reachable from the exports (api-extractor lists it without `export`)
 * is breaking too. Exports that are zod schemas are compared by what they accept (exports/zod-schemas.json),
 * so their static type's text changing is only noted here.
 */
import ts from 'typescript';
import type { ContractChange } from '../changes';

interface Declaration {
  exported: boolean;
  text: string;
}

/** The TypeScript code of the report: the body of its ```ts block(s). */
function reportCode(report: string): string {
  return [...report.matchAll(/```ts\r?\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

function declarationName(statement: ts.Statement): string | undefined {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((d) => d.name.getText()).join(', ');
  }
  const named = statement as ts.Statement & { name?: ts.Node };
  return named.name ? named.name.getText() : undefined;
}

/** Every top-level declaration of a report, by name, with whitespace and comments normalised away. */
export function reportDeclarations(report: string): Map<string, Declaration> {
  const source = ts.createSourceFile('report.d.ts', reportCode(report), ts.ScriptTarget.Latest, true);
  const printer = ts.createPrinter({ removeComments: true });
  const declarations = new Map<string, Declaration>();
  const reExported = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement)) {
      if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          const local = (element.propertyName ?? element.name).getText();
          reExported.add(local);
          if (element.propertyName) {
            declarations.set(element.name.getText(), {
              exported: true,
              text: `export { ${local} as ${element.name.getText()} }`,
            });
          }
        }
      }
      continue;
    }
    const name = declarationName(statement);
    if (!name) continue;
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const text = printer
      .printNode(ts.EmitHint.Unspecified, statement, source)
      .replace(/^export\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    const previous = declarations.get(name);
    // Overloads and merged declarations (interface + namespace) share a name: compare them as one.
    declarations.set(name, {
      exported: exported || previous?.exported === true,
      text: previous ? `${previous.text}\n${text}` : text,
    });
  }
  for (const name of reExported) {
    const declaration = declarations.get(name);
    if (declaration) declaration.exported = true;
  }
  return declarations;
}

/** The two texts around where they first differ, so that a long declaration's change is visible. */
function differing(before: string, after: string): [string, string] {
  let at = 0;
  while (at < before.length && before[at] === after[at]) at++;
  const start = Math.max(0, at - 40);
  const cut = (text: string) =>
    `${start > 0 ? '…' : ''}${text.slice(start, at + 80)}${text.length > at + 80 ? '…' : ''}`;
  return [cut(before), cut(after)];
}

/**
 * @param entry the report's file name, e.g. `events.api.md`, used in the subject
 * @param zodSchemaExports names of exports that are zod schemas (compared by their JSON Schema instead)
 */
export function compareApiReports(
  before: string,
  after: string,
  entry: string,
  zodSchemaExports: ReadonlySet<string>,
): ContractChange[] {
  const b = reportDeclarations(before);
  const a = reportDeclarations(after);
  const changes: ContractChange[] = [];
  const subject = (name: string, exported: boolean) =>
    exported ? `export \`${name}\` (${entry})` : `type \`${name}\` used by the exports (${entry})`;
  for (const [name, declaration] of a) {
    const old = b.get(name);
    if (!old) {
      if (declaration.exported)
        changes.push({ level: 'minor', subject: subject(name, true), message: 'is new' });
      continue;
    }
    if (old.exported && !declaration.exported) {
      changes.push({ level: 'major', subject: subject(name, true), message: 'is no longer exported' });
      continue;
    }
    if (!old.exported && declaration.exported) {
      changes.push({ level: 'minor', subject: subject(name, true), message: 'is now exported' });
    }
    if (old.text === declaration.text) continue;
    if (zodSchemaExports.has(name)) {
      changes.push({
        level: 'patch',
        subject: subject(name, declaration.exported),
        message: 'its static type changed; what the schema accepts is compared on its own',
      });
      continue;
    }
    changes.push({
      level: 'major',
      subject: subject(name, declaration.exported),
      message: (([was, is]) => `changed: was \`${was}\`, is \`${is}\``)(
        differing(old.text, declaration.text),
      ),
    });
  }
  for (const [name, declaration] of b) {
    if (a.has(name) || !declaration.exported) continue;
    changes.push({ level: 'major', subject: subject(name, true), message: 'was removed' });
  }
  return changes;
}
