// text/template's execution, rule for rule as Go 1.19's: pipelines feed the previous command's
// value in as the last argument; arguments are checked against the function's Go parameter
// types; fields of structs and keys of maps; if/with/range with else, break and continue;
// template calls with their own variables; and errors in Go's words with the position and the
// node they happened at ("template: NAME:1:115: executing "NAME" at <humanize "x">: ...").
//
// Evaluation runs as generators so that one evaluator serves both a synchronous caller and one
// whose query function is asynchronous: a function that returns a promise is yielded, and the
// driver (runSync / runAsync) resumes with its value.
import {
  nodeString,
  type AnyNode,
  type ArgNode,
  type ChainNode,
  type CommandNode,
  type FieldNode,
} from './ast';
import type { IdentifierNode, Node, NumberNode, PipeNode, VariableNode, IfNode, TemplateNode } from './ast';
import type { ParsedTemplates } from './parser';
import { compareGoStrings, goQuote, sprint, sprintf } from './go-fmt';
import {
  GoComplex,
  GoError,
  GoMap,
  GoSlice,
  GoStruct,
  GoTime,
  goTypeName,
  isTrue,
  utf8Length,
  zeroOf,
} from './values';
import type { GoValue } from './values';

/** A Go parameter type: a type's name, 'any' (interface {}) or 'value' (reflect.Value). */
export type ParamType = string;

export interface FuncDef {
  params: readonly ParamType[];
  /** The element type of a trailing ...parameter. */
  variadic?: ParamType;
  /** and/or: arguments evaluated left to right only until the result is known. */
  shortCircuit?: boolean;
  /** Throws GoError (or any Error) for Go's error result; may return a promise. */
  call(args: GoValue[]): GoValue | PromiseLike<GoValue>;
}

/** The functions a template may call, by name. */
export interface FuncMap {
  get(name: string): FuncDef | undefined;
}

export type MissingKey = 'default' | 'zero' | 'error';

export interface ExecOptions {
  missingKey: MissingKey;
  /** Methods a value offers (time.Time's Unix, Format...). */
  methods?: (receiver: GoValue, name: string) => FuncDef | undefined;
  /** Output beyond this many characters fails the execution. */
  maxOutput?: number;
}

export class TemplateExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

export type Step<T> = Generator<PromiseLike<unknown>, T, unknown>;

/** Template calls nest at most this deep (Go allows 100000; JS's stack does not). */
export const MAX_EXEC_DEPTH = 200;
const DEFAULT_MAX_OUTPUT = 16 << 20;

const MISSING: unique symbol = Symbol('missing');
type Final = GoValue | typeof MISSING;

type Signal = 'break' | 'continue' | undefined;

interface Variable {
  name: string;
  value: GoValue;
}

const NIL_TYPES = /^(\*|\[\]|map\[)|^(any|value|untyped|template\.queryResult)$/;

function typeName(t: ParamType): string {
  return t === 'any' ? 'interface {}' : t === 'value' ? 'reflect.Value' : t;
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Executes the template `name` of a parse on `data`. */
export function* execute(
  templates: ParsedTemplates,
  funcs: FuncMap,
  data: GoValue,
  options: ExecOptions,
  name = templates.name,
): Step<string> {
  const state = new State(templates, funcs, options, name, data);
  const root = templates.trees.get(name);
  if (root === undefined) return state.errorf(`${goQuote(name)} is an incomplete or empty template`);
  yield* state.walk(data, root);
  return state.out.join('');
}

class State {
  readonly out: string[] = [];
  private outLength = 0;
  private vars: Variable[];
  private node: AnyNode | undefined;
  private depth = 0;

  constructor(
    private readonly templates: ParsedTemplates,
    private readonly funcs: FuncMap,
    private readonly options: ExecOptions,
    private tmplName: string,
    data: GoValue,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  // --- errors -------------------------------------------------------------------------------

  errorf(message: string): never {
    const name = this.tmplName;
    if (this.node === undefined) throw new TemplateExecError(`template: ${name}: ${message}`);
    const text = this.templates.text.slice(0, this.node.pos);
    const lineStart = text.lastIndexOf('\n') + 1;
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    const byteNum = utf8Length(text.slice(lineStart));
    const context = nodeString(this.node);
    const location = `${this.templates.name}:${line}:${byteNum}`;
    throw new TemplateExecError(
      `template: ${location}: executing ${goQuote(name)} at <${context}>: ${message}`,
    );
  }

  private at(node: AnyNode): void {
    this.node = node;
  }

  // --- variables ----------------------------------------------------------------------------

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking ------------------------------------------------------------------------------

  *walk(dot: GoValue, node: Node): Step<Signal> {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = yield* this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return undefined;
      }
      case 'comment':
        return undefined;
      case 'if':
      case 'with':
        return yield* this.walkIfOrWith(dot, node);
      case 'list':
        for (const n of node.nodes) {
          const sig = yield* this.walk(dot, n);
          if (sig) return sig;
        }
        return undefined;
      case 'range':
        yield* this.walkRange(dot, node);
        return undefined;
      case 'template':
        yield* this.walkTemplate(dot, node);
        return undefined;
      case 'text':
        this.write(node.text);
        return undefined;
      case 'break':
      case 'continue':
        return node.type;
    }
  }

  private write(s: string): void {
    this.outLength += s.length;
    if (this.outLength > (this.options.maxOutput ?? DEFAULT_MAX_OUTPUT)) {
      this.errorf(`output exceeds ${this.options.maxOutput ?? DEFAULT_MAX_OUTPUT} characters`);
    }
    this.out.push(s);
  }

  private *walkIfOrWith(dot: GoValue, node: IfNode): Step<Signal> {
    const mark = this.vars.length;
    try {
      const val = yield* this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) return yield* this.walk(node.type === 'with' ? val : dot, node.list);
      if (node.elseList) return yield* this.walk(dot, node.elseList);
      return undefined;
    } finally {
      this.vars.length = mark;
    }
  }

  private *walkRange(dot: GoValue, r: IfNode): Step<void> {
    this.at(r);
    const outer = this.vars.length;
    try {
      const val = this.indirectPrint(yield* this.evalPipeline(dot, r.pipe));
      const mark = this.vars.length;
      const decl = r.pipe.decl.length;
      const one = function* (this: State, index: GoValue, elem: GoValue): Step<Signal> {
        if (decl > 0) this.vars[this.vars.length - 1].value = elem;
        if (decl > 1) this.vars[this.vars.length - 2].value = index;
        const sig = yield* this.walk(elem, r.list);
        this.vars.length = mark;
        return sig;
      }.bind(this);
      let ran = false;
      if (val instanceof GoSlice) {
        for (let i = 0; i < val.items.length; i++) {
          ran = true;
          if ((yield* one(BigInt(i), val.items[i])) === 'break') break;
        }
      } else if (val instanceof GoMap) {
        for (const k of [...val.entries.keys()].sort(compareGoStrings)) {
          ran = true;
          if ((yield* one(k, val.entries.get(k))) === 'break') break;
        }
      } else if (val !== undefined) {
        this.errorf(`range can't iterate over ${sprintf('%v', [val])}`);
      }
      if (!ran && r.elseList) yield* this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outer;
    }
  }

  /** Pointers print as what they point to (Go's printableValue / indirect). */
  private indirectPrint(v: GoValue): GoValue {
    if (v instanceof GoStruct && v.pointer) return new GoStruct(v.type.slice(1), v.fields);
    if (v instanceof GoTime && v.pointer) return new GoTime(v.ms, false);
    return v;
  }

  private *walkTemplate(dot: GoValue, t: TemplateNode): Step<void> {
    this.at(t);
    const root = this.templates.trees.get(t.name);
    if (root === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? yield* this.evalPipeline(dot, t.pipe) : undefined;
    const saved = { vars: this.vars, name: this.tmplName };
    this.depth++;
    this.tmplName = t.name;
    this.vars = [{ name: '$', value: newDot }];
    try {
      yield* this.walk(newDot, root);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  private printValue(n: AnyNode, v: GoValue): void {
    this.at(n);
    if (v === undefined) this.write('<no value>');
    else this.write(sprint([this.indirectPrint(v)]));
  }

  // --- pipelines and commands -------------------------------------------------------------

  private *evalPipeline(dot: GoValue, pipe: PipeNode): Step<GoValue> {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = yield* this.evalCommand(dot, cmd, value);
    const v = value === MISSING ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.ident[0], v);
      else this.vars.push({ name: d.ident[0], value: v });
    }
    return v;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
    }
  }

  private *evalCommand(dot: GoValue, cmd: CommandNode, final: Final): Step<GoValue> {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field':
        return yield* this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return yield* this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return yield* this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return yield* this.evalPipeline(dot, first);
      case 'variable':
        return yield* this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through (errorf never returns)
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const hexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    const runeInt = n.text.startsWith("'");
    if (n.isComplex) return new GoComplex(n.float, n.imag);
    if (n.isFloat && !hexInt && !runeInt && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    if (n.isFloat) this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  private *evalFieldNode(
    dot: GoValue,
    field: FieldNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    this.at(field);
    return yield* this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private *evalChainNode(
    dot: GoValue,
    chain: ChainNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = yield* this.evalArg(dot, 'untyped', chain.node);
    return yield* this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  private *evalVariableNode(
    dot: GoValue,
    variable: VariableNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return yield* this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private *evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: AnyNode,
    ident: readonly string[],
    args: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++)
      receiver = yield* this.evalField(dot, ident[i], node, null, MISSING, receiver);
    return yield* this.evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  private *evalFunction(
    dot: GoValue,
    node: IdentifierNode,
    cmd: AnyNode,
    args: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    this.at(node);
    const fn = this.funcs.get(node.ident);
    if (fn === undefined) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return yield* this.evalCall(dot, fn, cmd, node.ident, args, final);
  }

  private *evalField(
    dot: GoValue,
    fieldName: string,
    node: AnyNode,
    args: readonly ArgNode[] | null,
    final: Final,
    receiver: GoValue,
  ): Step<GoValue> {
    if (receiver === undefined) {
      if (this.options.missingKey === 'error')
        this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    const method = this.options.methods?.(receiver, fieldName);
    if (method) return yield* this.evalCall(dot, method, node, fieldName, args, final);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoStruct && receiver.fields.has(fieldName)) {
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return receiver.fields.get(fieldName);
    }
    if (receiver instanceof GoMap) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (receiver.entries.has(fieldName)) return receiver.entries.get(fieldName);
      switch (this.options.missingKey) {
        case 'zero':
          return zeroOf(receiver.elemType);
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
      return undefined;
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${goTypeName(receiver)}`);
  }

  private *evalCall(
    dot: GoValue,
    fn: FuncDef,
    node: AnyNode,
    name: string,
    argNodes: readonly ArgNode[] | null,
    final: Final,
  ): Step<GoValue> {
    const args = argNodes ? argNodes.slice(1) : [];
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    let numFixed = args.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
      }
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (fn.shortCircuit) {
      let v: GoValue = undefined;
      for (const arg of args) {
        v = yield* this.evalArg(dot, 'value', arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(yield* this.evalArg(dot, fn.params[i], args[i]));
    if (fn.variadic !== undefined) {
      for (; i < args.length; i++) argv.push(yield* this.evalArg(dot, fn.variadic, args[i]));
    }
    if (final !== MISSING) {
      let t = fn.params[fn.params.length - 1];
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      argv.push(this.validateType(final, t));
    }
    let result: GoValue;
    try {
      const r = fn.call(argv);
      result = isThenable(r) ? ((yield r) as GoValue) : r;
    } catch (err) {
      if (err instanceof TemplateExecError) throw err;
      this.at(node);
      this.errorf(`error calling ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return result;
  }

  private validateType(value: GoValue, typ: ParamType): GoValue {
    if (value === undefined) {
      if (typ === 'untyped' || NIL_TYPES.test(typ)) return undefined;
      this.errorf(`invalid value; expected ${typeName(typ)}`);
    }
    if (typ === 'any' || typ === 'value' || typ === 'untyped') return value;
    if (goTypeName(value) === typ) return value;
    // One dereference, as Go does: a *time.Time where a time.Time is wanted.
    if (value instanceof GoTime && value.pointer && typ === 'time.Time') return new GoTime(value.ms);
    if (value instanceof GoStruct && value.pointer && value.type.slice(1) === typ) return value;
    this.errorf(`wrong type for value; expected ${typeName(typ)}; got ${goTypeName(value)}`);
  }

  private *evalArg(dot: GoValue, typ: ParamType, n: ArgNode): Step<GoValue> {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, typ);
      case 'nil':
        if (NIL_TYPES.test(typ)) return undefined;
        this.errorf(`cannot assign nil to ${typeName(typ)}`);
      // falls through (errorf never returns)
      case 'field':
        return this.validateType(yield* this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable':
        return this.validateType(yield* this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe':
        return this.validateType(yield* this.evalPipeline(dot, n), typ);
      case 'identifier':
        return this.validateType(yield* this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain':
        return this.validateType(yield* this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // falls through (errorf never returns)
      case 'float64':
        if (n.type === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
      // falls through
      case 'int':
        if (n.type === 'number' && n.isInt) return n.int;
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // falls through
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // falls through
      case 'any':
      case 'value':
        switch (n.type) {
          case 'bool':
            return n.value;
          case 'number':
            return this.idealConstant(n);
          case 'string':
            return n.text;
        }
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typeName(typ)}`);
  }
}

/** Runs an evaluation to its end; fails when a function returned a promise. */
export function runSync<T>(gen: Step<T>): T {
  let r = gen.next();
  while (!r.done) {
    r = gen.throw(new GoError('a query function returned a promise: expand asynchronously'));
  }
  return r.value;
}

/** Runs an evaluation, awaiting each promise a function returned. */
export async function runAsync<T>(gen: Step<T>): Promise<T> {
  let r = gen.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (err) {
      r = gen.throw(err);
      continue;
    }
    r = gen.next(value);
  }
  return r.value;
}
