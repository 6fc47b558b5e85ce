// The fly.toml editor: CodeMirror 6 with TOML highlighting, flyconf's
// diagnostics underlined at their spans (UTF-16 offsets, as CodeMirror
// counts), machine-applicable fixes as lint actions, and the time from each
// keystroke to its diagnostics recorded for the performance budget.
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';
import { toml } from '@codemirror/legacy-modes/mode/toml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';

/** Keystroke → diagnostics latencies (ms), newest last; read by the e2e test. */
export const latencies = [];
/** Time spent in flyconf's check per run (ms), newest last. */
export const checkTimes = [];
let lastKey = null;

/** The edits of a flyconf fix as one CodeMirror transaction spec. */
export function fixChanges(fix, docLength) {
  return {
    changes: fix.edits.map((e) => ({
      from: Math.min(e.utf16_start, docLength),
      to: Math.min(e.utf16_end, docLength),
      insert: e.replacement,
    })),
  };
}

/** `diagnostic` (flyconf JSON) as a CodeMirror lint diagnostic. */
function toLint(d, docLength) {
  const from = Math.min(d.span.utf16_start, docLength);
  const to = Math.min(Math.max(d.span.utf16_end, from), docLength);
  return {
    from,
    to,
    severity: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info',
    source: d.code,
    message: d.suggestion ? `${d.message}\n→ ${d.suggestion}` : d.message,
    actions: d.fix
      ? [{ name: `Fix: ${d.fix.description}`, apply: (view) => view.dispatch(fixChanges(d.fix, view.state.doc.length)) }]
      : [],
  };
}

/**
 * Creates the editor in `parent`. `check(text)` returns flyconf's
 * `{diagnostics}`; `onResult(text, diagnostics)` hears every result.
 *
 * Checks are debounced to one per task: an edit schedules a check in a
 * microtask, so a burst of updates (a paste, a multi-cursor edit, an undo
 * group) is checked once, right after the editor has applied it and before
 * the browser paints. A check of 200 lines takes about a millisecond, so no
 * longer debounce is needed to keep typing smooth, and the underlines never
 * lag a frame behind the text (a timer-based linter would).
 */
export function createEditor(parent, doc, check, onResult) {
  const source = (view) => {
    const text = view.state.doc.toString();
    let diagnostics;
    const t0 = performance.now();
    try {
      diagnostics = check(text).diagnostics;
      checkTimes.push(performance.now() - t0);
    } catch (e) {
      onResult(text, [], e);
      return [];
    }
    onResult(text, diagnostics, null);
    return diagnostics.map((d) => toLint(d, view.state.doc.length));
  };
  let pending = false;
  const run = (view) => {
    pending = false;
    view.dispatch(setDiagnostics(view.state, source(view)));
    // From the keystroke to the underlines, the list and the cost panel
    // updated (the next paint shows them).
    if (lastKey !== null) {
      // Also a User Timing entry, so it shows in a browser performance trace.
      const m = performance.measure('keystroke→diagnostics', { start: lastKey, end: performance.now() });
      latencies.push(m.duration);
      lastKey = null;
    }
  };
  const schedule = (view) => {
    if (!pending) {
      pending = true;
      queueMicrotask(() => run(view));
    }
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        StreamLanguage.define(toml),
        lintGutter(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) schedule(update.view);
        }),
        EditorView.domEventHandlers({
          keydown: (event) => {
            lastKey = event.timeStamp;
          },
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'fly.toml editor' }),
      ],
    }),
  });
  schedule(view);
  return view;
}

/** Replaces the whole document (it is checked like any edit). */
export function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Moves the cursor to `offset` (UTF-16) and focuses the editor. */
export function goTo(view, offset) {
  const at = Math.min(offset, view.state.doc.length);
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
}
