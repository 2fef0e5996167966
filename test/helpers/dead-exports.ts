// Exported values (functions, classes, constants, enums) that nothing uses: no other file imports
// them (tests and benchmarks count as users) and their own file does not use them either. Type
// exports are left alone: a type in an exported signature is part of that signature.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { resolveImport, sourceFiles } from './import-graph';

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The exported value names a file declares, with how often each name occurs in the file. */
function exportedValues(sf: ts.SourceFile): Map<string, number> {
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!isExported(st)) continue;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (
      (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) &&
      st.name
    ) {
      names.push(st.name.text);
    }
  }
  const counts = new Map(names.map((n) => [n, 0]));
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && counts.has(node.text)) counts.set(node.text, counts.get(node.text)! + 1);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return counts;
}

/** "file: name" for each dead export of the files under `dirs`, users searched under `userDirs`. */
export function deadExports(root: string, dirs: string[], userDirs: string[]): string[] {
  const checked = dirs.flatMap((d) => sourceFiles(join(root, d)));
  const files = [...new Set([...checked, ...userDirs.flatMap((d) => sourceFiles(join(root, d)))])];
  const used = new Map<string, Set<string>>();
  const allUsed = new Set<string>();
  const use = (file: string | null, name: string): void => {
    if (file === null) return;
    if (!used.has(file)) used.set(file, new Set());
    used.get(file)!.add(name);
  };
  const sources = new Map<string, ts.SourceFile>();
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    sources.set(file, sf);
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const target = resolveImport(file, node.moduleSpecifier.text);
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          if (target) allUsed.add(target);
        } else if (bindings) {
          for (const el of bindings.elements) use(target, (el.propertyName ?? el.name).text);
        }
        if (node.importClause?.name) use(target, 'default');
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        const target = resolveImport(file, node.moduleSpecifier.text);
        if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) {
          if (target) allUsed.add(target);
        } else {
          for (const el of node.exportClause.elements) use(target, (el.propertyName ?? el.name).text);
        }
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        const target = resolveImport(file, node.arguments[0].text);
        if (target) allUsed.add(target);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const dead: string[] = [];
  for (const file of checked) {
    if (allUsed.has(file)) continue;
    for (const [name, count] of exportedValues(sources.get(file)!)) {
      if (count <= 1 && !used.get(file)?.has(name)) dead.push(`${relative(root, file)}: ${name}`);
    }
  }
  return dead;
}
