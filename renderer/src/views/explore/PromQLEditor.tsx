// A PromQL editor on CodeMirror 6 with Prometheus's own PromQL language package: highlighting,
// completion of metric names, label names and values (from our store's index through the Api)
// and functions; errors from the engine's parser underlined as you type. Enter runs the query
// (unless the user arrowed into the completion list), Tab accepts a completion, Shift+Enter adds
// a line.
import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from '@codemirror/commands';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { linter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { LanguageType, PromQLExtension, promQLLanguage } from '@prometheus-io/codemirror-promql';
import type { QueryCheck } from '../../../../shared/api';
import { useApi } from '../../api-context';
import { cspNonce } from '../../lib/csp-nonce';
import { errorSpan } from '../../lib/promql-check';
import { createPromQLClient } from '../../lib/promql-client';
import type { MatchOp } from '../../lib/selector';
import { completionKeys } from './completion-keys';
import { promqlHighlighter } from './promql-highlight';

export interface PromQLEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter (or Ctrl/⌘+Enter) with the current text. */
  onRun: (value: string) => void;
  /** The engine's verdict on the text (null while empty). */
  onCheck?: (check: QueryCheck | null, text: string) => void;
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** Completion asks this remote datasource (absent = the local store); checks stay local. */
  datasource?: string;
}

const nodeNames = promQLLanguage(LanguageType.PromQL).parser.nodeSet.types;
const opNames: Record<string, MatchOp> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const opOf = (type: number): MatchOp => opNames[nodeNames[type]?.name ?? ''] ?? '=';
const contentAttributes = (label: string) =>
  EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' });

export function PromQLEditor({
  value,
  onChange,
  onRun,
  onCheck,
  label,
  placeholder,
  autoFocus,
  datasource,
}: PromQLEditorProps) {
  const api = useApi();
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const labelSlot = useRef(new Compartment());
  const cbs = useRef({ onChange, onRun, onCheck });
  const datasourceRef = useRef(datasource);
  useEffect(() => {
    cbs.current = { onChange, onRun, onCheck };
    datasourceRef.current = datasource;
  });
  const initial = useRef({ value, label, placeholder, autoFocus });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const promql = new PromQLExtension()
      .setComplete({ remote: createPromQLClient(api, opOf, Date.now, () => datasourceRef.current) })
      .activateLinter(false);
    const run = (v: EditorView) => {
      cbs.current.onRun(v.state.doc.toString());
      return true;
    };
    const check = linter(
      async (v): Promise<Diagnostic[]> => {
        const text = v.state.doc.toString();
        if (!text.trim()) {
          cbs.current.onCheck?.(null, text);
          return [];
        }
        let res: QueryCheck;
        try {
          res = await api.checkQuery(text);
        } catch {
          return [];
        }
        if (v.state.doc.toString() !== text) return []; // typed on meanwhile: the next check decides
        cbs.current.onCheck?.(res, text);
        const span = errorSpan(res, text.length);
        return span && !res.ok
          ? [{ ...span, severity: 'error', message: res.message, source: 'PromQL' }]
          : [];
      },
      { delay: 300 },
    );
    const { value: doc, label: aria, placeholder: hint } = initial.current;
    const view = new EditorView({
      parent: el,
      state: EditorState.create({
        doc,
        extensions: [
          // CodeMirror's theme <style> elements carry the page's CSP nonce (no 'unsafe-inline').
          EditorView.cspNonce.of(cspNonce()),
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion({ icons: false, defaultKeymap: false }),
          completionKeys(run),
          Prec.high(keymap.of([{ key: 'Shift-Enter', run: insertNewlineAndIndent }])),
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          syntaxHighlighting(promqlHighlighter),
          promql.asExtension(),
          check,
          EditorView.lineWrapping,
          placeholderText(hint ?? 'Expression (Enter runs, Tab completes, Shift+Enter for a new line)'),
          labelSlot.current.of(contentAttributes(aria)),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) cbs.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    if (initial.current.autoFocus) view.focus();
    return () => {
      view.destroy();
      promql.destroy();
      viewRef.current = null;
    };
  }, [api]);

  // Text set from outside (history, URL) replaces the document; the caret goes to its end.
  useEffect(() => {
    const view = viewRef.current;
    if (!view || view.state.doc.toString() === value) return;
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: value },
      selection: { anchor: value.length },
    });
  }, [value]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: labelSlot.current.reconfigure(contentAttributes(label)) });
  }, [label]);

  return <div className="promql-editor" ref={host} />;
}
