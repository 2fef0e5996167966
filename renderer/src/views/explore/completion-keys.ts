// Keys of the PromQL editor's completion list. CodeMirror's default keymap makes Enter accept the
// highlighted completion, and the list opens by itself after most tokens (an operator such as `-`
// after `)`), so Enter meant to run `sum by (job) (up)` turned it into `sum by (job) (up)-`.
// Here Enter runs the query unless the user has moved into the list with the arrow keys since
// the last edit; Tab accepts the highlighted completion.
import {
  acceptCompletion,
  closeCompletion,
  completionStatus,
  moveCompletionSelection,
  startCompletion,
} from '@codemirror/autocomplete';
import { Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';

const setNavigated = StateEffect.define<boolean>();

/** True once an arrow/page key moved the selection in the open list; any edit clears it. */
const navigated = StateField.define<boolean>({
  create: () => false,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setNavigated)) return e.value;
    return tr.docChanged ? false : value;
  },
});

function move(forward: boolean, by?: 'page') {
  const step = moveCompletionSelection(forward, by);
  return (view: EditorView): boolean => {
    if (!step(view)) return false;
    view.dispatch({ effects: setNavigated.of(true) });
    return true;
  };
}

/** How long CodeMirror refuses to accept a list that has just changed (its interactionDelay). */
const ACCEPT_DELAY_MS = 100;
/** A kept Tab is tried this many times (a second in all) before it is dropped. */
const ACCEPT_TRIES = 10;

/**
 * Tab with a list open accepts its highlighted option. CodeMirror refuses for a moment after the
 * list changed (and an answer still on its way can change it again): the Tab is kept and tried
 * again until it takes, the text changes, or the list closes (falling through would move the
 * focus out of the editor). Without a list, Tab moves the focus as usual.
 */
function tab(view: EditorView): boolean {
  if (completionStatus(view.state) === null) return false;
  if (acceptCompletion(view)) return true;
  const doc = view.state.doc;
  let tries = 0;
  const retry = () => {
    if (!view.dom.isConnected || view.state.doc !== doc || completionStatus(view.state) === null) return;
    if (completionStatus(view.state) === 'active' && acceptCompletion(view)) return;
    if (++tries < ACCEPT_TRIES) setTimeout(retry, ACCEPT_DELAY_MS);
  };
  setTimeout(retry, ACCEPT_DELAY_MS);
  return true;
}

/** Use with `autocompletion({ defaultKeymap: false })`; `run` runs the query. */
export function completionKeys(run: (view: EditorView) => boolean): Extension {
  const enter = (view: EditorView): boolean => {
    const active = completionStatus(view.state) === 'active';
    if (active && view.state.field(navigated)) return acceptCompletion(view);
    // Closed while an answer is still on its way too, or it would open the list after the run.
    if (completionStatus(view.state) !== null) closeCompletion(view);
    return run(view);
  };
  const escape = (view: EditorView): boolean => {
    view.dispatch({ effects: setNavigated.of(false) });
    return closeCompletion(view);
  };
  return [
    navigated,
    Prec.highest(
      keymap.of([
        { key: 'Ctrl-Space', run: startCompletion },
        { key: 'Escape', run: escape },
        { key: 'ArrowDown', run: move(true) },
        { key: 'ArrowUp', run: move(false) },
        { key: 'PageDown', run: move(true, 'page') },
        { key: 'PageUp', run: move(false, 'page') },
        { key: 'Tab', run: tab },
        { key: 'Enter', run: enter },
        { key: 'Mod-Enter', run: enter },
      ]),
    ),
  ];
}
