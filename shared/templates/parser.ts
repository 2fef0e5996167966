// text/template's parser: tokens to a tree per template name (the main one plus each
// {{define}} and {{block}}), with Go's checks and error texts ("template: NAME:LINE: function
// \"x\" not defined", "unexpected EOF", "undefined variable \"$x\"", ...).
import { goQuote } from './go-fmt';
import { goUnquote, parseNumber } from './go-literals';
import type {
  ActionNode,
  ArgNode,
  CommandNode,
  IfNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast';
import { nodeString } from './ast';
import { lex, tokenString, type Token, type TokenType } from './lexer';

export class TemplateParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateParseError';
  }
}

/** The templates one parse defines, by name; the main one under the parse's name. */
export interface ParsedTemplates {
  name: string;
  /** The text parsed, for error positions. */
  text: string;
  trees: Map<string, ListNode>;
}

type End = { type: 'end'; pos: number } | { type: 'else'; pos: number; line: number };

/** Parses `text` as the template `name`; `hasFunction` says which identifiers are functions. */
export function parseTemplate(
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
): ParsedTemplates {
  const trees = new Map<string, ListNode>();
  try {
    new Parser(name, text, hasFunction, trees).parseTop();
  } catch (err) {
    // Go's parser recurses on a growing stack; JS's is fixed, so thousands of nested parentheses
    // or blocks are refused here rather than crash the caller.
    if (err instanceof RangeError) throw new TemplateParseError(`template: ${name}: nested too deeply`);
    throw err;
  }
  return { name, text, trees };
}

function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'text':
      return n.text.trim() === '';
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'comment':
      return true;
    default:
      return false;
  }
}

class Parser {
  private readonly tokens: Token[];
  private i = 0;
  /** Furthest token read: Go reports the line of its last lexed token. */
  private furthest = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private treeName: string;
  /** Line of the {{ whose action is being parsed (0 outside one), for lexer errors. */
  private actionLine = 0;

  constructor(
    private readonly parseName: string,
    text: string,
    private readonly hasFunction: (name: string) => boolean,
    private readonly trees: Map<string, ListNode>,
  ) {
    this.tokens = lex(text);
    this.treeName = parseName;
  }

  // --- tokens ---------------------------------------------------------------------------------

  private next(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    if (this.i < this.tokens.length - 1) this.i++;
    else this.i = this.tokens.length; // past EOF: stays on it
    this.furthest = Math.max(this.furthest, Math.min(this.i - 1, this.tokens.length - 1));
    return t;
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private peek(): Token {
    const t = this.tokens[Math.min(this.i, this.tokens.length - 1)];
    this.furthest = Math.max(this.furthest, Math.min(this.i, this.tokens.length - 1));
    return t;
  }
  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === 'space');
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors -------------------------------------------------------------------------------

  private errorf(message: string): never {
    const line = this.tokens[this.furthest].line;
    throw new TemplateParseError(`template: ${this.parseName}:${line}: ${message}`);
  }
  private unexpected(t: Token, context: string): never {
    if (t.type === 'error') {
      const where = this.actionLine !== 0 && this.actionLine !== t.line;
      this.errorf(where ? `${t.val} in action started at ${this.parseName}:${this.actionLine}` : t.val);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }
  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  // --- structure ----------------------------------------------------------------------------

  parseTop(): void {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = this.tokens.indexOf(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected {{${n.type}}}`);
      root.nodes.push(n);
    }
    this.add(this.parseName, root);
  }

  private add(name: string, root: ListNode): void {
    const existing = this.trees.get(name);
    if (existing === undefined || isEmptyTree(existing)) {
      this.trees.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuote(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, context);
    const name = this.unquote(nameTok.val);
    this.expect('rightDelim', context);
    const savedVars = this.vars;
    const savedName = this.treeName;
    this.vars = ['$'];
    this.treeName = name;
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${endString(end)} in ${context}`);
    this.add(name, list);
    this.vars = savedVars;
    this.treeName = savedName;
  }

  private itemList(): [ListNode, End] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | End {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'text':
        return { type: 'text', pos: t.pos, text: t.val };
      case 'leftDelim':
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node | End {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.breakControl(t);
      case 'else':
        return this.elseControl();
      case 'end':
        return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
        return this.control('if', true);
      case 'range':
        return this.control('range', false);
      case 'with':
        return this.control('with', false);
      case 'template':
        return this.templateControl();
    }
    this.backup();
    const tok = this.peek();
    const action: ActionNode = {
      type: 'action',
      pos: tok.pos,
      line: tok.line,
      pipe: this.pipeline('command', 'rightDelim'),
    };
    return action;
  }

  private breakControl(t: Token): Node {
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${t.type}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${t.type}}} outside {{range}}`);
    return { type: t.type as 'break' | 'continue', pos: t.pos, line: t.line };
  }

  private elseControl(): End {
    const peek = this.peekNonSpace();
    if (peek.type === 'if') return { type: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private control(kind: 'if' | 'range' | 'with', allowElseIf: boolean): IfNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.type === 'else') {
      if (allowElseIf && this.peek().type === 'if') {
        // {{else if b}} is {{else}}{{if b}}...{{end}}{{end}} with one {{end}}.
        this.next();
        elseList = { type: 'list', pos: next.pos, nodes: [this.control('if', true)] };
      } else {
        const [els, end] = this.itemList();
        if (end.type !== 'end') this.errorf(`expected end; found ${endString(end)}`);
        elseList = els;
      }
    }
    this.vars.length = mark;
    return { type: kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const savedVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${endString(end)} in ${context}`);
    this.add(name, list);
    this.vars = savedVars;
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateName(t: Token, context: string): string {
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    return this.unquote(t.val);
  }

  // --- pipelines ----------------------------------------------------------------------------

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peekNonSpace();
    const pipe: PipeNode = {
      type: 'pipe',
      pos: start.pos,
      line: start.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const vIndex = this.i;
      this.nextNonSpace();
      const afterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      } else if (next.type === 'char' && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === 'variable' || p === 'rightDelim' || p === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else {
        void afterVariable;
        this.i = vIndex;
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case 'bool':
        case 'charConstant':
        case 'complex':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field':
        return { type: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { type: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
    }
    return { type: 'chain', pos, node, field: fields };
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.hasFunction(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case 'dot':
        return { type: 'dot', pos: t.pos };
      case 'nil':
        return { type: 'nil', pos: t.pos };
      case 'variable':
        return this.useVar(t);
      case 'field':
        return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'charConstant':
      case 'complex':
      case 'number':
        return this.number(t);
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t.val) };
    }
    this.backup();
    return null;
  }

  private useVar(t: Token): VariableNode {
    const ident = t.val.split('.');
    if (!this.vars.includes(ident[0])) this.errorf(`undefined variable ${goQuote(ident[0])}`);
    return { type: 'variable', pos: t.pos, ident };
  }

  private unquote(quoted: string): string {
    const s = goUnquote(quoted);
    if (s === undefined) this.errorf('invalid syntax');
    return s;
  }

  private number(t: Token): NumberNode {
    const n = parseNumber(t.val, t.type === 'charConstant', t.type === 'complex');
    if (typeof n === 'string') this.errorf(n);
    return { type: 'number', pos: t.pos, ...n };
  }
}

function endString(e: End): string {
  return `{{${e.type}}}`;
}
